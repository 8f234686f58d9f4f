package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
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
 * DHCPv4 messages of 1500, 9000 and 65000 bytes over real UDP on loopback (whose MTU lets each
 * go as one datagram): the socket reads each whole (up to 64 KiB), the first is decoded and
 * answered, the larger ones are dropped as {@code oversized}, and nothing escapes the pipeline.
 */
class LargeDatagramsTest {
    @TempDir
    Path dir;
    ServerNode node;
    Dhcp4Server server;
    Relay4Client relay;

    @BeforeEach
    void start() throws Exception {
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(Dhcp4ExchangeTest.CONFIG, dir), new Ports(port, FreePorts.udp()), null, null);
        server = node.dhcp4();
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    /** A DISCOVER carrying site-specific options of random bytes, padded after END to {@code size} bytes. */
    private Message4 paddedDiscover(int mac, int size, byte[][] wire) {
        Random random = new Random(mac);
        Message4.Builder b = Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(mac)).giaddr(relay.giaddr);
        for (int code = 224; code < 230; code++) {
            byte[] garbage = new byte[150];
            random.nextBytes(garbage);
            b.option(code, garbage);
        }
        Message4 m = b.build();
        byte[] encoded = m.encode();
        assertTrue(encoded.length < size, "room for padding");
        wire[0] = Arrays.copyOf(encoded, size); // PAD (0) bytes after END
        return m;
    }

    @Test
    void aMessageOfOneEthernetFrameIsAnsweredAndLargerOnesAreDroppedAsOversized() throws Exception {
        byte[][] wire = new byte[1][];
        Message4 mtu = paddedDiscover(60, 1500, wire);
        relay.sendRaw(wire[0]);
        Message4 offer = relay.receive(mtu.xid());
        assertEquals(MessageType4.OFFER, offer.messageType(), "1500 bytes with padding and unknown options: served");

        paddedDiscover(61, 9000, wire);
        relay.sendRaw(wire[0]);
        paddedDiscover(62, 65000, wire);
        relay.sendRaw(wire[0]);
        // a message whose option 230 claims more bytes than the datagram holds
        byte[] overrun = Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(63)).giaddr(relay.giaddr).build().encode();
        overrun = Arrays.copyOf(overrun, 260);
        overrun[240] = (byte) 230;
        overrun[241] = (byte) 200; // 18 bytes follow
        relay.sendRaw(overrun);
        assertTrue(relay.silentFor(500));

        Message4 after = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(64)));
        assertEquals(MessageType4.OFFER, after.messageType(), "the server still answers");
        Map<String, Long> c = server.counters().snapshot();
        assertEquals(2L, c.get("pkt4-parse-failed[oversized]"), c.toString());
        assertEquals(1L, c.get("pkt4-parse-failed[option-overrun]"), c.toString());
        assertEquals(5L, c.get("pkt4-received"), c.toString());
        assertEquals(null, c.get("pkt4-receive-drop[handler-error]"), "nothing thrown out of the pipeline: " + c);
    }
}
