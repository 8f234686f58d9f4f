package dev.kakapo.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.cluster.CoordinatorMember;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.dhcp4.Relay4Client;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease commands on a cluster: two DHCPv4 server nodes, each with its own control API, on
 * two coordinator members. A lease one node granted is seen and removed through the other.
 */
class ClusterLeaseCommandsTest {

    @TempDir
    Path dir;
    final List<HazelcastInstance> members = new ArrayList<>();
    final List<ServerNode> nodes = new ArrayList<>();
    final List<NodeControl> controls = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (NodeControl c : controls) {
            c.close();
        }
        for (ServerNode n : nodes) {
            n.close();
        }
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    private JsonNode command(NodeControl control, String json) throws Exception {
        return new ControlClient(control.port()).command(json);
    }

    @Test
    void aLeaseGrantedThroughOneNodeIsFoundAndDeletedThroughTheOther() throws Exception {
        String[] memberAddresses = {"127.0.0.1:" + FreePorts.tcp(), "127.0.0.1:" + FreePorts.tcp()};
        // one address in the pool: a second client gets it only once the first one's lease is gone
        String text = """
                {
                  "Kakapo": { "cluster": { "name": "kakapo-lease-commands-%d", "members": [ "%s", "%s" ] },
                              "control": { "address": "127.0.0.1", "port": 0 } },
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                   "pools": [ { "pool": "198.51.100.10 - 198.51.100.10" } ] } ]
                  }
                }
                """.formatted(System.nanoTime(), memberAddresses[0], memberAddresses[1]);
        KeaConfig kea = KeaConfig.parse(text, dir, KeaConfig.Families.DHCP4);
        List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
        for (String a : memberAddresses) {
            int port = Integer.parseInt(a.substring(a.indexOf(':') + 1));
            starting.add(CompletableFuture.supplyAsync(() -> CoordinatorMember.start(kea.kakapo().cluster(), "127.0.0.1", port)));
        }
        for (CompletableFuture<HazelcastInstance> m : starting) {
            members.add(m.get(120, TimeUnit.SECONDS));
        }
        int[] dhcpPorts = new int[2];
        for (int i = 0; i < 2; i++) {
            dhcpPorts[i] = FreePorts.udp();
            ServerNode node = ServerNode.start(kea.dhcp4(), new Ports(dhcpPorts[i], FreePorts.udp()), null, null, kea.kakapo().cluster());
            nodes.add(node);
            controls.add(NodeControl.start(node, kea.control(), text, dir, new ControlApi.Process("kakapo test", Instant.now(), () -> { })));
        }
        NodeControl controlOfB = controls.get(1);
        PrometheusText metricsOfB = PrometheusText.parse(new ControlClient(controlOfB.port()).metrics().body());
        assertEquals(2.0, metricsOfB.value("kakapo_coordinator_members", "role", "client").orElseThrow());
        assertEquals(1.0, metricsOfB.value("kakapo_coordinator_connected", "role", "client").orElseThrow());

        try (Relay4Client relayToA = new Relay4Client("127.0.0.2", "127.0.0.1", dhcpPorts[0])) {
            byte[] first = Relay4Client.mac(1);
            Message4 ack = relayToA.dora(first);
            assertEquals(MessageType4.ACK, ack.messageType());
            String address = Ipv4.toText(ack.yiaddr());
            assertEquals("198.51.100.10", address);

            JsonNode found = command(controlOfB, "{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"" + address + "\"}}");
            assertEquals(0, found.get("result").asInt(), found.toString());
            assertEquals(address, found.get("arguments").get("ip-address").asText());
            assertEquals(Octets.of(first).toString(), found.get("arguments").get("hw-address").asText());
            assertEquals(1, found.get("arguments").get("subnet-id").asInt());

            byte[] second = Relay4Client.mac(2);
            relayToA.send(Relay4Client.message(MessageType4.DISCOVER, second));
            assertTrue(relayToA.silentFor(500), "the only address is leased: no offer for a second client");

            JsonNode deleted = command(controlOfB, "{\"command\": \"lease4-del\", \"arguments\": {\"ip-address\": \"" + address + "\"}}");
            assertEquals(0, deleted.get("result").asInt(), deleted.toString());
            JsonNode gone = command(controls.get(0), "{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"" + address + "\"}}");
            assertEquals(3, gone.get("result").asInt(), "node A no longer finds the lease: " + gone);

            Message4 secondAck = relayToA.dora(second);
            assertEquals(MessageType4.ACK, secondAck.messageType());
            assertEquals(address, Ipv4.toText(secondAck.yiaddr()), "the deleted lease's address went to a client of node A");
        }
    }
}
