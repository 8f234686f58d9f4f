package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.cluster.CoordinatorMember;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.sql.SqlSchema;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server nodes, three coordinators and one PostgreSQL lease database, all real: the leases both
 * nodes grant are the database's rows, and after the whole cluster stops and starts again the
 * first node reloads them, so every client is offered its address back.
 */
class ClusterWithPostgresTest {
    @TempDir
    Path dir;

    private static List<HazelcastInstance> startMembers(KeaConfig kea) throws Exception {
        List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
        for (String a : kea.kakapo().cluster().members()) {
            int port = Integer.parseInt(a.substring(a.indexOf(':') + 1));
            starting.add(CompletableFuture.supplyAsync(() -> CoordinatorMember.start(kea.kakapo().cluster(), "127.0.0.1", port)));
        }
        List<HazelcastInstance> members = new ArrayList<>();
        for (CompletableFuture<HazelcastInstance> m : starting) {
            members.add(m.get(120, TimeUnit.SECONDS));
        }
        return members;
    }

    @Test
    void leasesLiveInPostgresAndAWholeClusterRestartReloadsThem() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            SqlSchema.init(pg.getPostgresDatabase());
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                addresses.add("127.0.0.1:" + ClusterNodesTest.freeTcpPort());
            }
            String config = """
                    {
                      "Kakapo": { "cluster": { "name": "kakapo-pg-%d", "members": [ "%s", "%s", "%s" ] } },
                      "Dhcp4": {
                        "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                        "lease-database": { "type": "postgresql", "name": "postgres", "host": "localhost", "port": %d, "user": "postgres" },
                        "valid-lifetime": 4000,
                        "subnet4": [ { "id": 1, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                       "pools": [ { "pool": "198.51.100.10 - 198.51.100.250" } ] } ]
                      }
                    }
                    """.formatted(System.nanoTime(), addresses.get(0), addresses.get(1), addresses.get(2), pg.getPort());
            KeaConfig kea = KeaConfig.parse(config, dir, KeaConfig.Families.DHCP4);
            List<HazelcastInstance> members = startMembers(kea);
            Map<Integer, Integer> acked = new ConcurrentHashMap<>(); // client -> address
            int[] ports = {Dhcp4ExchangeTest.freeUdpPort(), Dhcp4ExchangeTest.freeUdpPort()};
            List<ServerNode> nodes = new ArrayList<>();
            try {
                for (int port : ports) {
                    nodes.add(ServerNode.start(kea.dhcp4(), new Ports(port, Dhcp4ExchangeTest.freeUdpPort()), null, null,
                            kea.kakapo().cluster()));
                }
                List<CompletableFuture<Void>> runs = new ArrayList<>();
                for (int n = 0; n < 2; n++) {
                    int port = ports[n];
                    int first = n * 100;
                    runs.add(CompletableFuture.runAsync(() -> {
                        try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
                            for (int c = first; c < first + 100; c++) {
                                Message4 ack = relay.dora(Relay4Client.mac(c));
                                if (ack.messageType() != MessageType4.ACK) {
                                    throw new AssertionError("client " + c + " got " + ack.messageType());
                                }
                                acked.put(c, ack.yiaddr());
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                for (CompletableFuture<Void> r : runs) {
                    r.get(5, TimeUnit.MINUTES);
                }
            } finally {
                for (ServerNode node : nodes) {
                    node.close();
                }
                members.forEach(m -> m.getLifecycleService().terminate());
            }
            assertEquals(200, new java.util.HashSet<>(acked.values()).size(), "200 clients, 200 different addresses");
            Map<Long, Integer> rows = new HashMap<>();
            try (Connection db = pg.getPostgresDatabase().getConnection(); Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT address FROM lease4")) {
                while (rs.next()) {
                    rows.merge(rs.getLong(1), 1, Integer::sum);
                }
            }
            for (int address : acked.values()) {
                assertEquals(1, rows.getOrDefault(Integer.toUnsignedLong(address), 0), "one row for " + Ipv4.toText(address));
            }

            // The whole cluster again, from nothing but the database.
            List<HazelcastInstance> again = startMembers(kea);
            try (ServerNode node = ServerNode.start(kea.dhcp4(), new Ports(ports[0], Dhcp4ExchangeTest.freeUdpPort()), null, null,
                    kea.kakapo().cluster());
                 Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", ports[0])) {
                for (Map.Entry<Integer, Integer> e : acked.entrySet()) {
                    Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(e.getKey())));
                    assertEquals(Ipv4.toText(e.getValue()), Ipv4.toText(offer.yiaddr()), "client " + e.getKey() + " after the restart");
                }
            } finally {
                again.forEach(m -> m.getLifecycleService().terminate());
            }
        }
    }
}
