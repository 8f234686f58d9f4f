package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.cluster.CoordinatorMember;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two DHCPv4 server nodes on one coordinator cluster of three members, all real, on loopback:
 * clients served by either node for the same pool never share an address.
 */
class ClusterNodesTest {
    @TempDir
    Path dir;
    final List<HazelcastInstance> members = new ArrayList<>();
    final List<ServerNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ServerNode n : nodes) {
            n.close();
        }
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    @Test
    void twoNodesShareOnePoolWithoutHandingAnAddressOutTwice() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            addresses.add("127.0.0.1:" + FreePorts.tcp());
        }
        String config = """
                {
                  "Kakapo": { "cluster": { "name": "kakapo-nodes-%d", "members": [ "%s", "%s", "%s" ] } },
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                   "pools": [ { "pool": "198.51.100.10 - 198.51.100.250" } ] } ]
                  }
                }
                """.formatted(System.nanoTime(), addresses.get(0), addresses.get(1), addresses.get(2));
        KeaConfig kea = KeaConfig.parse(config, dir, KeaConfig.Families.DHCP4);
        List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
        for (String a : addresses) {
            int port = Integer.parseInt(a.substring(a.indexOf(':') + 1));
            starting.add(CompletableFuture.supplyAsync(() -> CoordinatorMember.start(kea.kakapo().cluster(), "127.0.0.1", port)));
        }
        for (CompletableFuture<HazelcastInstance> m : starting) {
            members.add(m.get(120, TimeUnit.SECONDS));
        }
        int[] ports = new int[2];
        for (int i = 0; i < 2; i++) {
            ports[i] = FreePorts.udp();
            nodes.add(ServerNode.start(kea.dhcp4(), new Ports(ports[i], FreePorts.udp()), null, null, kea.kakapo().cluster()));
        }
        Map<Integer, Integer> holder = new ConcurrentHashMap<>();
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            int port = ports[node];
            int first = node * 120;
            runs.add(CompletableFuture.supplyAsync(() -> {
                int duplicates = 0;
                try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
                    for (int c = first; c < first + 120; c++) {
                        Message4 ack = relay.dora(Relay4Client.mac(c));
                        if (ack.messageType() != MessageType4.ACK) {
                            throw new AssertionError("client " + c + " got " + ack.messageType());
                        }
                        Integer other = holder.putIfAbsent(ack.yiaddr(), c);
                        if (other != null && other != c) {
                            duplicates++;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return duplicates;
            }));
        }
        int duplicates = 0;
        for (CompletableFuture<Integer> r : runs) {
            duplicates += r.get(5, TimeUnit.MINUTES);
        }
        assertEquals(0, duplicates, "no address went to two clients");
        assertEquals(240, holder.size(), "240 clients, 240 addresses, served by two nodes");
    }
}
