package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.testing.FreePorts;
import dev.kakapo.server.testing.TestHookJars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every DHCPv4 hook point's effect over real UDP on loopback. One server runs a probe library
 * per case; each probe acts only on its own client's hardware address, so the cases do not
 * meet.
 */
class Hooks4ExchangeTest {
    @TempDir
    static Path dir;
    static ServerNode node;
    static Relay4Client relay;

    /** A probe entry acting on client {@code n}. */
    private static String probe(Path jar, int n, String point, String parameters, String containment) {
        return """
                { "library": "%s", "parameters": { "point": "%s", "client": "%s"%s }%s }"""
                .formatted(jar.toAbsolutePath(), point, hex(mac(n)), parameters.isEmpty() ? "" : ", " + parameters,
                        containment.isEmpty() ? "" : ", " + containment);
    }

    static byte[] mac(int n) {
        return new byte[] {2, 0, 0x5e, 0x44, 0, (byte) n};
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    @BeforeAll
    static void start() throws Exception {
        Path jar = TestHookJars.probe();
        List<String> probes = new ArrayList<>(List.of(
                probe(jar, 1, "pkt4_receive", "\"result\": \"drop\"", ""),
                probe(jar, 2, "pkt4_receive", "\"add-class\": \"probed\"", ""),
                probe(jar, 3, "subnet4_select", "\"subnet-id\": 3", ""),
                probe(jar, 4, "subnet4_select", "\"result\": \"skip\"", ""),
                probe(jar, 5, "lease4_select", "\"valid-lifetime\": 77", ""),
                probe(jar, 6, "lease4_select", "\"result\": \"skip\"", ""),
                probe(jar, 7, "pkt4_send", "\"result\": \"skip\"", ""),
                probe(jar, 8, "buffer4_receive", "\"result\": \"drop\"", ""),
                probe(jar, 9, "buffer4_send", "\"result\": \"skip\"", ""),
                probe(jar, 10, "pkt4_receive", "\"behaviour\": \"throw\"", "\"on-failure\": \"drop\""),
                probe(jar, 11, "pkt4_receive", "\"behaviour\": \"throw\"", "\"on-failure\": \"continue\""),
                probe(jar, 12, "pkt4_receive", "\"behaviour\": \"sleep\"", "\"callout-timeout-ms\": 50, \"on-failure\": \"continue\""),
                probe(jar, 13, "pkt4_receive", "\"behaviour\": \"sleep\"", "\"callout-timeout-ms\": 50, \"on-failure\": \"drop\""),
                probe(jar, 14, "lease4_release", "\"result\": \"skip\"", ""),
                probe(jar, 15, "lease4_decline", "\"result\": \"drop\"", ""),
                probe(jar, 16, "lease4_renew", "\"result\": \"skip\", \"valid-lifetime\": 77", "")));
        String config = """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "valid-lifetime": 4000,
                    "client-classes": [ { "name": "probed" }, { "name": "never" } ],
                    "subnet4": [
                      { "id": 2, "subnet": "198.51.100.0/24", "client-class": "probed",
                        "relay": { "ip-addresses": [ "127.0.0.2" ] }, "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ] },
                      { "id": 1, "subnet": "192.0.2.0/24",
                        "relay": { "ip-addresses": [ "127.0.0.2" ] }, "pools": [ { "pool": "192.0.2.10 - 192.0.2.200" } ] },
                      { "id": 3, "subnet": "203.0.113.0/24", "client-class": "never",
                        "pools": [ { "pool": "203.0.113.10 - 203.0.113.20" } ] }
                    ],
                    "hooks-libraries": [ %s ]
                } }
                """.formatted(String.join(",\n", probes));
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(config, dir), new Ports(port, FreePorts.udp()), null, null);
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        node.close();
    }

    private static PacketCounters counters() {
        return node.dhcp4().counters();
    }

    private static boolean unanswered(MessageType4 type, int client) throws Exception {
        relay.send(Relay4Client.message(type, mac(client)));
        return relay.silentFor(700);
    }

    private static Message4 offer(int client) throws Exception {
        Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, mac(client)));
        assertEquals(MessageType4.OFFER, offer.messageType());
        return offer;
    }

    private static long leaseTime(Message4 m) {
        return Integer.toUnsignedLong(Ipv4.fromBytes(m.options().get(OptionCode4.LEASE_TIME), 0));
    }

    @Test
    void pkt4ReceiveDropDropsThePacket() throws Exception {
        assertTrue(unanswered(MessageType4.DISCOVER, 1));
        assertTrue(counters().get("pkt4-receive-drop[hook-pkt4_receive]") >= 1);
    }

    @Test
    void aClassAddedAtPkt4ReceiveSelectsTheSubnetItGuards() throws Exception {
        assertTrue(Ipv4.toText(offer(2).yiaddr()).startsWith("198.51.100."), "the probed class's subnet");
        assertTrue(Ipv4.toText(offer(20).yiaddr()).startsWith("192.0.2."), "others get the open subnet");
    }

    @Test
    void subnet4SelectChoosesAnotherSubnetOrNone() throws Exception {
        assertTrue(Ipv4.toText(offer(3).yiaddr()).startsWith("203.0.113."), "the subnet the callout chose");
        assertTrue(unanswered(MessageType4.DISCOVER, 4), "SKIP: no subnet");
    }

    @Test
    void lease4SelectChangesTheLifetimeOrRefusesTheLease() throws Exception {
        Message4 ack = relay.dora(mac(5));
        assertEquals(77, leaseTime(ack));
        assertTrue(unanswered(MessageType4.DISCOVER, 6), "SKIP: nothing offered");
        assertTrue(counters().get("pkt4-receive-drop[hook-lease4_select]") >= 1);
    }

    @Test
    void lease4RenewSkipAnswersWithTheHeldLeaseUnextended() throws Exception {
        Message4 ack = relay.dora(mac(16));
        Message4 renewed = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac(16)).ciaddr(ack.yiaddr()));
        assertEquals(MessageType4.ACK, renewed.messageType());
        assertEquals(ack.yiaddr(), renewed.yiaddr());
        assertEquals(4000, leaseTime(renewed), "the held lease, not the callout's 77 s");
    }

    @Test
    void sendPointsCanWithholdTheReply() throws Exception {
        assertTrue(unanswered(MessageType4.DISCOVER, 7), "pkt4_send SKIP");
        assertTrue(unanswered(MessageType4.DISCOVER, 9), "buffer4_send SKIP");
        assertTrue(counters().get("pkt4-send-drop[hook-buffer4_send]") >= 1);
    }

    @Test
    void buffer4ReceiveDropDropsTheDatagram() throws Exception {
        assertTrue(unanswered(MessageType4.DISCOVER, 8));
        assertTrue(counters().get("pkt4-receive-drop[hook-buffer4_receive]") >= 1);
    }

    @Test
    void aThrowingCalloutIsContainedAsConfigured() throws Exception {
        assertTrue(unanswered(MessageType4.DISCOVER, 10), "on-failure drop");
        offer(11); // on-failure continue: served as if the callout had returned CONTINUE
        assertTrue(node.dhcp4().callouts().failures("point-probe.jar") >= 2);
        assertTrue(node.dhcp4().callouts().failureCounts().keySet().stream().anyMatch(k -> k.endsWith("pkt4_receive/threw")));
    }

    @Test
    void aSlowCalloutIsCutOffAsConfigured() throws Exception {
        offer(12); // on-failure continue
        assertTrue(unanswered(MessageType4.DISCOVER, 13), "on-failure drop");
        assertTrue(node.dhcp4().callouts().failureCounts().keySet().stream().anyMatch(k -> k.endsWith("pkt4_receive/timeout")));
    }

    @Test
    void leaseEventCalloutsCanKeepTheLease() throws Exception {
        Message4 ack = relay.dora(mac(14));
        byte[] serverId = ack.options().get(OptionCode4.SERVER_ID);
        relay.send(Relay4Client.message(MessageType4.RELEASE, mac(14)).ciaddr(ack.yiaddr()).option(OptionCode4.SERVER_ID, serverId));
        Message4 declined = relay.dora(mac(15));
        relay.send(Relay4Client.message(MessageType4.DECLINE, mac(15))
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(declined.yiaddr()))
                .option(OptionCode4.SERVER_ID, declined.options().get(OptionCode4.SERVER_ID)));
        relay.silentFor(500);
        assertEquals(1, counters().get("pkt4-receive-drop[hook-lease4_release]"));
        assertEquals(1, counters().get("pkt4-receive-drop[hook-lease4_decline]"));
        assertEquals(0, counters().get("declined-addresses"));
        // the released lease is kept: the client is offered the same address again
        assertEquals(ack.yiaddr(), offer(14).yiaddr());
    }
}
