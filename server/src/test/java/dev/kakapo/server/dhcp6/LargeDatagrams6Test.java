package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DHCPv6 messages of 1500, 9000 and 65000 bytes over real UDP on loopback: the first (unknown
 * options of random bytes) is answered, the larger ones are dropped as {@code oversized}.
 */
class LargeDatagrams6Test {
    @TempDir
    Path dir;
    ServerNode node;
    Relay6Client relay;

    @BeforeEach
    void start() throws Exception {
        int port = FreePorts.udp6();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(Dhcp6ExchangeTest.CONFIG, dir), new Ports(port, FreePorts.udp6()));
        relay = new Relay6Client(port, "2001:db8:1::1");
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    /** A relayed SOLICIT of exactly {@code size} bytes: an unknown option of random bytes fills it out. */
    private byte[] solicitOf(int client, int size, int[] xid) {
        Message6 bare = Relay6Client.message(MessageType6.SOLICIT, client, Relay6Client.iaNa(1));
        int fill = size - relay.relayed(bare.encode(), 0).length - 4;
        byte[] garbage = new byte[fill];
        new Random(client).nextBytes(garbage);
        Message6 m = Relay6Client.message(MessageType6.SOLICIT, client, Relay6Client.iaNa(1), new Option6(65000, garbage));
        xid[0] = m.transactionId();
        byte[] wire = relay.relayed(m.encode(), 0);
        assertEquals(size, wire.length);
        return wire;
    }

    @Test
    void aMessageOfOneEthernetFrameIsAnsweredAndLargerOnesAreDroppedAsOversized() throws Exception {
        int[] xid = new int[1];
        relay.sendRaw(solicitOf(80, 1500, xid));
        assertEquals(MessageType6.ADVERTISE, relay.receive(xid[0]).message().type(), "1500 bytes: served");
        relay.sendRaw(solicitOf(81, 9000, xid));
        relay.sendRaw(solicitOf(82, 65000, xid));
        assertTrue(relay.silentFor(500));

        assertEquals(MessageType6.ADVERTISE,
                relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 83, Relay6Client.iaNa(1))).message().type());
        Map<String, Long> c = node.dhcp6().counters().snapshot();
        assertEquals(2L, c.get("pkt6-parse-failed[oversized]"), c.toString());
        assertEquals(4L, c.get("pkt6-received"), c.toString());
        assertEquals(null, c.get("pkt6-receive-drop[handler-error]"), c.toString());
    }
}
