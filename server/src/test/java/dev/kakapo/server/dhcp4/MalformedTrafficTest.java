package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.Ports;
import dev.kakapo.server.config.Dhcp4ConfigParser;
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
 * Bad datagrams over real UDP: each is counted under its reason and dropped, and the server then
 * answers a valid DISCOVER as if nothing had happened.
 */
class MalformedTrafficTest {
    @TempDir
    Path dir;
    ServerNode node;
    Dhcp4Server server;
    Relay4Client relay;

    @BeforeEach
    void start() throws Exception {
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(Dhcp4ExchangeTest.CONFIG, dir),
                new Ports(port, FreePorts.udp()), null, null);
        server = node.dhcp4();
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    private byte[] validDiscover() {
        return Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(40)).giaddr(relay.giaddr).build().encode();
    }

    @Test
    void badPacketsAreCountedPerReasonAndTheServerKeepsAnswering() throws Exception {
        byte[] truncated = Arrays.copyOf(validDiscover(), 120);
        byte[] oversized = new byte[9000];
        byte[] badCookie = validDiscover();
        badCookie[236] = 0x42;
        byte[] overrun = Arrays.copyOf(validDiscover(), 244);
        overrun[240] = (byte) OptionCode4.MESSAGE_TYPE;
        overrun[241] = (byte) 200; // claims 200 bytes, 2 follow
        overrun[242] = 1;
        overrun[243] = (byte) 0xff;
        byte[] badHlen = validDiscover();
        badHlen[2] = 40;
        byte[] random = new byte[400];
        new Random(4242).nextBytes(random);
        byte[] unknownType = Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(41)).giaddr(relay.giaddr)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {99}).build().encode();
        byte[] reply = validDiscover();
        reply[0] = 2; // a BOOTREPLY sent to the server
        byte[] noType = Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(42)).giaddr(relay.giaddr)
                .removeOption(OptionCode4.MESSAGE_TYPE).build().encode();

        for (byte[] bad : new byte[][] {truncated, oversized, badCookie, overrun, badHlen, random, unknownType, reply, noType, new byte[0]}) {
            relay.sendRaw(bad);
        }
        Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(43)));
        assertEquals(MessageType4.OFFER, offer.messageType(), "the server still answers");

        Map<String, Long> c = server.counters().snapshot();
        assertEquals(2L, c.get("pkt4-parse-failed[truncated]"), c.toString()); // the 120-byte one and the empty one
        assertEquals(1L, c.get("pkt4-parse-failed[oversized]"), c.toString());
        assertEquals(1L, c.get("pkt4-parse-failed[bad-magic-cookie]"), c.toString());
        assertEquals(1L, c.get("pkt4-parse-failed[option-overrun]"), c.toString());
        assertEquals(2L, c.get("pkt4-parse-failed[bad-hlen]"), c.toString()); // the edited one, and the random one (its hlen byte is over 16)
        assertEquals(7L, c.get("pkt4-parse-failed"), c.toString());
        assertEquals(1L, c.get("pkt4-receive-drop[unknown-message-type]"), c.toString());
        assertEquals(1L, c.get("pkt4-receive-drop[not-a-request]"), c.toString());
        assertEquals(1L, c.get("pkt4-receive-drop[no-message-type]"), c.toString());
        assertEquals(3L, c.get("pkt4-receive-drop"), c.toString());
        assertEquals(11L, c.get("pkt4-received"), c.toString());
        assertEquals(1L, c.get("pkt4-offer-sent"), c.toString());
    }
}
