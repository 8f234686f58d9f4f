package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.v6.IdentityAssociation;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.StatusCode;
import dev.kakapo.protocol.v6.StatusCode6;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import dev.kakapo.server.testing.TestHookJars;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main DHCPv6 hook points' effect over real UDP on loopback, one probe per client DUID. */
class Hooks6ExchangeTest {
    @TempDir
    static Path dir;
    static ServerNode node;
    static Relay6Client relay;

    private static String probe(Path jar, int client, String point, String parameters) {
        return """
                { "library": "%s", "parameters": { "point": "%s", "client": "%s", %s } }"""
                .formatted(jar.toAbsolutePath(), point, HexFormat.of().formatHex(Relay6Client.duid(client).bytes()), parameters);
    }

    @BeforeAll
    static void start() throws Exception {
        Path jar = TestHookJars.probe();
        String config = """
                { "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                                   "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ] },
                                 { "id": 2, "subnet": "2001:db8:2::/64", "relay": { "ip-addresses": [ "2001:db8:ffff::2" ] },
                                   "pools": [ { "pool": "2001:db8:2::100 - 2001:db8:2::1ff" } ] } ],
                    "hooks-libraries": [ %s, %s, %s, %s, %s ]
                } }
                """.formatted(probe(jar, 1, "pkt6_receive", "\"result\": \"drop\""),
                probe(jar, 2, "lease6_select", "\"result\": \"skip\""),
                probe(jar, 3, "pkt6_send", "\"result\": \"skip\""),
                probe(jar, 4, "subnet6_select", "\"subnet-id\": 2"),
                probe(jar, 5, "pkt6_receive", "\"behaviour\": \"throw\""));
        int port = FreePorts.udp();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(config, dir), new Ports(port, FreePorts.udp()));
        relay = new Relay6Client(port, "2001:db8:1::1");
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        node.close();
    }

    private static Message6 solicit(int client) throws Exception {
        return relay.exchange(Relay6Client.message(MessageType6.SOLICIT, client, Relay6Client.iaNa(1))).message();
    }

    private static boolean unanswered(int client) throws Exception {
        relay.sendRaw(relay.relayed(Relay6Client.message(MessageType6.SOLICIT, client, Relay6Client.iaNa(1)).encode(), 0));
        return relay.silentFor(700);
    }

    private static IdentityAssociation iaNa(Message6 m) throws Exception {
        return IdentityAssociation.decodeIaNa(m.options().first(OptionCode6.IA_NA));
    }

    @Test
    void receiveAndSendPointsCanDropOrWithholdThePacket() throws Exception {
        assertTrue(unanswered(1), "pkt6_receive DROP");
        assertTrue(unanswered(3), "pkt6_send SKIP");
        assertTrue(node.dhcp6().counters().get("pkt6-receive-drop[hook-pkt6_receive]") >= 1);
    }

    @Test
    void lease6SelectSkipLeavesTheIaWithoutAnAddress() throws Exception {
        IdentityAssociation ia = iaNa(solicit(2));
        assertTrue(ia.options().all(OptionCode6.IAADDR).isEmpty(), "no address offered");
        assertEquals(StatusCode6.NO_ADDRS_AVAIL.code(), StatusCode.decode(ia.options().first(OptionCode6.STATUS_CODE)).code());
    }

    @Test
    void subnet6SelectChoosesAnotherSubnet() throws Exception {
        byte[] address = dev.kakapo.protocol.v6.IaAddress.decode(iaNa(solicit(4)).options().first(OptionCode6.IAADDR)).address();
        assertEquals(0x20, address[0]);
        assertEquals(2, address[5], "2001:db8:2::/64, the callout's choice");
    }

    @Test
    void aThrowingCalloutIsContainedAndTheClientServed() throws Exception {
        assertEquals(MessageType6.ADVERTISE, solicit(5).type());
        assertTrue(node.dhcp6().callouts().failures("point-probe.jar") >= 1);
    }
}
