package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.Ports;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad DHCPv6 datagrams over real UDP: each is counted under its reason and dropped, and the
 * server then answers a valid SOLICIT.
 */
class MalformedTraffic6Test {
    @TempDir
    Path dir;
    ServerNode node;
    Relay6Client relay;

    @BeforeEach
    void start() throws Exception {
        int port = FreePorts.udp6();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(Dhcp6ExchangeTest.CONFIG, dir),
                new Ports(port, FreePorts.udp6()));
        relay = new Relay6Client(port, "2001:db8:1::1");
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    @Test
    void badPacketsAreCountedPerReasonAndTheServerKeepsAnswering() throws Exception {
        byte[] solicit = Relay6Client.message(MessageType6.SOLICIT, 1, Relay6Client.iaNa(1)).encode();
        byte[] truncated = Arrays.copyOf(solicit, 2);
        byte[] overrun = Arrays.copyOf(solicit, solicit.length);
        overrun[6] = 0x7f; // the client id option's length now runs far past the end
        byte[] tooDeep = solicit;
        for (int i = 0; i < 33; i++) {
            tooDeep = relay.relayed(tooDeep, i);
        }
        byte[] random = new byte[300];
        new Random(6).nextBytes(random);
        random[0] = 1; // a SOLICIT header, so the options decide
        byte[] advertise = solicit.clone();
        advertise[0] = (byte) MessageType6.ADVERTISE.code(); // a server message sent to the server
        byte[] noClientId = Message6.of(MessageType6.SOLICIT.code(), 7, dev.kakapo.protocol.v6.Options6.none()).encode();

        for (byte[] bad : new byte[][] {truncated, relay.relayed(overrun, 0), tooDeep, relay.relayed(random, 0), new byte[9000],
                relay.relayed(advertise, 0), relay.relayed(noClientId, 0)}) {
            relay.sendRaw(bad);
        }
        Message6 answer = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 2, Relay6Client.iaNa(1))).message();
        assertEquals(MessageType6.ADVERTISE, answer.type(), "the server still answers");

        Map<String, Long> c = node.dhcp6().counters().snapshot();
        assertEquals(1L, c.get("pkt6-parse-failed[truncated]"), c.toString());
        assertEquals(1L, c.get("pkt6-parse-failed[relay-too-deep]"), c.toString());
        assertEquals(1L, c.get("pkt6-parse-failed[oversized]"), c.toString());
        assertEquals(2L, c.get("pkt6-parse-failed[option-overrun]"), c.toString()); // the edited one and the random one
        assertEquals(5L, c.get("pkt6-parse-failed"), c.toString());
        assertEquals(1L, c.get("pkt6-receive-drop[unexpected-message-type]"), c.toString());
        assertEquals(1L, c.get("pkt6-receive-drop[no-client-id]"), c.toString());
        assertEquals(1L, c.get("pkt6-advertise-sent"), c.toString());
    }
}
