package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.cluster.CoordinatorMember;
import dev.kakapo.coordinator.cql.CassandraServer;
import dev.kakapo.coordinator.cql.CqlSettings;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.sql.SqlSchema;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.testing.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster as the issue of record describes it, all real and on loopback: three coordinator
 * members, two server nodes, DORA load from both nodes' relays for one pool, one member killed
 * mid-run, then the lease store (PostgreSQL, Cassandra) read back and the whole cluster restarted
 * from it.
 *
 * <p>It checks that no address went to two clients, that every ACKed lease is in the store and,
 * after the restart, in the coordinators again; it prints how long allocation paused when the
 * member died. The pool is 198.18.0.0/15, the range RFC 2544 sets aside for test traffic: the
 * documentation ranges hold too few addresses for {@value #DEFAULT_CLIENTS} clients, and no
 * packet is sent to any pool address (the relays and nodes all talk on 127.0.0.0/8).
 * {@code -Dkakapo.cluster.clients=N} changes the number of clients.
 */
class ClusterAllocationTest {
    static final int DEFAULT_CLIENTS = 100_000;
    /** Exchanges each relay keeps in flight. */
    static final int WINDOW = 128;

    @TempDir
    Path dir;

    @Test
    void postgresqlHundredThousandAllocationsAMemberKilledAndAWholeClusterRestart() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            SqlSchema.init(pg.getPostgresDatabase());
            runCluster("postgresql", """
                    { "type": "postgresql", "name": "postgres", "host": "localhost", "port": %d, "user": "postgres" }
                    """.formatted(pg.getPort()));
        }
    }

    @Test
    void cassandraHundredThousandAllocationsAMemberKilledAndAWholeClusterRestart() throws Exception {
        CqlSettings keyspace = CassandraServer.shared().newKeyspace(true);
        runCluster("cassandra", """
                { "type": "cql", "contact-points": "127.0.0.1", "port": %d, "keyspace": "%s" }
                """.formatted(keyspace.port(), keyspace.keyspace()));
    }

    static List<HazelcastInstance> startMembers(KeaConfig kea) throws Exception {
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

    void runCluster(String storeName, String leaseDatabase) throws Exception {
        int clients = Integer.getInteger("kakapo.cluster.clients", DEFAULT_CLIENTS);
        int perNode = clients / 2;
        String config = """
                {
                  "Kakapo": { "cluster": { "name": "kakapo-load-%d", "members": [ "127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d" ] } },
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": %s,
                    "valid-lifetime": 86400,
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "127.0.0.2", "127.0.0.3" ] },
                                   "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ] } ]
                  }
                }
                """.formatted(System.nanoTime(), FreePorts.tcp(), FreePorts.tcp(),
                FreePorts.tcp(), leaseDatabase.strip());
        KeaConfig kea = KeaConfig.parse(config, dir, KeaConfig.Families.DHCP4);

        List<HazelcastInstance> members = startMembers(kea);
        int[] ports = {FreePorts.udp(), FreePorts.udp()};
        List<ServerNode> nodes = new ArrayList<>();
        List<RelayLoad4.Result> results = new ArrayList<>();
        long started;
        long killedAt;
        long finished;
        try {
            for (int port : ports) {
                nodes.add(ServerNode.start(kea.dhcp4(), new Ports(port, FreePorts.udp()), null, null,
                        kea.kakapo().cluster()));
            }
            List<RelayLoad4> relays = List.of(
                    new RelayLoad4("127.0.0.2", "127.0.0.1", ports[0], 0, perNode, WINDOW),
                    new RelayLoad4("127.0.0.3", "127.0.0.1", ports[1], perNode, perNode, WINDOW));
            try {
                started = System.nanoTime();
                List<CompletableFuture<RelayLoad4.Result>> runs = new ArrayList<>();
                for (RelayLoad4 relay : relays) {
                    runs.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return relay.run(900);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                // Kill a member (no goodbye) once 40 % of the clients are bound.
                while (relays.stream().mapToLong(RelayLoad4::acked).sum() < clients * 4L / 10
                        && runs.stream().noneMatch(CompletableFuture::isDone)) {
                    Thread.sleep(10);
                }
                killedAt = System.nanoTime();
                members.get(1).getLifecycleService().terminate();
                for (CompletableFuture<RelayLoad4.Result> run : runs) {
                    results.add(run.get(16, TimeUnit.MINUTES));
                }
                finished = System.nanoTime();
            } finally {
                for (RelayLoad4 relay : relays) {
                    relay.close();
                }
            }
        } finally {
            for (ServerNode node : nodes) {
                node.close(); // lets every pending lease write finish
            }
            members.forEach(m -> m.getLifecycleService().terminate());
        }

        // What the clients saw: everyone bound, no address twice.
        Map<Integer, Integer> holderOf = new HashMap<>(clients * 2);
        int duplicates = 0;
        long[] ackTimes = new long[clients];
        int bound = 0;
        long naks = 0;
        long retransmissions = 0;
        for (RelayLoad4.Result r : results) {
            for (int i = 0; i < r.address().length; i++) {
                if (r.address()[i] == 0) {
                    continue;
                }
                Integer other = holderOf.putIfAbsent(r.address()[i], r.firstClient() + i);
                duplicates += other != null ? 1 : 0;
                ackTimes[bound++] = r.ackedAt()[i];
            }
            naks += r.naks();
            retransmissions += r.retransmissions();
        }
        long pause = longestPauseAfter(killedAt, Arrays.copyOf(ackTimes, bound));
        System.out.printf("cluster allocation test (%s): %d clients bound through 2 nodes and 3 members in %.1f s "
                        + "(%.0f DORA/s), member killed at %.1f s, longest pause after it %.0f ms, %d NAKs, %d retransmissions%n",
                storeName, bound, (finished - started) / 1e9, bound / ((finished - started) / 1e9),
                (killedAt - started) / 1e9, pause / 1e6, naks, retransmissions);
        assertEquals(0, duplicates, "no address was ACKed to two clients");
        assertEquals(clients, bound, "every client was bound");
        // The pause is a figure (printed above), not a pass mark; this bound only catches
        // allocation that never resumed.
        assertTrue(pause < TimeUnit.SECONDS.toNanos(30), "allocation resumed after the member died");

        // What the store holds: every ACKed lease, for its client.
        Map<Integer, Lease4> stored = new HashMap<>(clients * 2);
        try (LeaseStore<Lease4> store = Dhcp4Server.openStore(kea.dhcp4().leaseDatabase())) {
            for (Lease4 lease : store.loadAll()) {
                stored.put(lease.address(), lease);
            }
        }
        int missing = 0;
        int wrongClient = 0;
        for (Map.Entry<Integer, Integer> e : holderOf.entrySet()) {
            Lease4 lease = stored.get(e.getKey());
            if (lease == null) {
                missing++;
            } else if (!lease.hwAddress().equals(Octets.of(RelayLoad4.mac(e.getValue())))) {
                wrongClient++;
            }
        }
        assertEquals(0, missing, "ACKed leases missing from the " + storeName + " store");
        assertEquals(0, wrongClient, "leases the " + storeName + " store holds for another client");
        assertEquals(clients, stored.size(), "the store holds exactly the ACKed leases");

        // The whole cluster again, from nothing but the store.
        List<HazelcastInstance> again = startMembers(kea);
        long restartedAt = System.nanoTime();
        try (ServerNode node = ServerNode.start(kea.dhcp4(), new Ports(ports[0], FreePorts.udp()), null, null,
                kea.kakapo().cluster())) {
            long loadedIn = System.nanoTime() - restartedAt;
            int reloaded = 0;
            List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(holderOf.entrySet());
            for (int from = 0; from < entries.size(); from += 1000) {
                List<CompletableFuture<Optional<Lease4>>> lookups = new ArrayList<>();
                for (Map.Entry<Integer, Integer> e : entries.subList(from, Math.min(entries.size(), from + 1000))) {
                    lookups.add(node.dhcp4().allocator().leaseAt(1, e.getKey()));
                }
                for (int i = 0; i < lookups.size(); i++) {
                    Optional<Lease4> lease = lookups.get(i).get(60, TimeUnit.SECONDS);
                    int client = entries.get(from + i).getValue();
                    if (lease.isPresent() && lease.get().hwAddress().equals(Octets.of(RelayLoad4.mac(client)))) {
                        reloaded++;
                    }
                }
            }
            System.out.printf("cluster allocation test (%s): whole-cluster restart loaded %d leases in %.1f s%n",
                    storeName, reloaded, loadedIn / 1e9);
            assertEquals(clients, reloaded, "every lease is back in the coordinators after the restart");
            // And the packet path serves them: a returning client is offered its own address.
            try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", ports[0])) {
                for (int client = 0; client < clients; client += Math.max(1, clients / 200)) {
                    Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, RelayLoad4.mac(client)));
                    int expected = results.get(client < perNode ? 0 : 1).address()[client < perNode ? client : client - perNode];
                    assertEquals(Ipv4.toText(expected), Ipv4.toText(offer.yiaddr()), "client " + client + " after the restart");
                }
            }
        } finally {
            again.forEach(m -> m.getLifecycleService().terminate());
        }
    }

    /** The longest time without an ACK from {@code killedAt} on (ACK times in nanoTime). */
    static long longestPauseAfter(long killedAt, long[] ackTimes) {
        Arrays.sort(ackTimes);
        long previous = killedAt;
        long longest = 0;
        for (long t : ackTimes) {
            if (t > killedAt) {
                longest = Math.max(longest, t - previous);
                previous = t;
            }
        }
        return longest;
    }
}
