package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only what interfaces-config names is listened on: with {@code "lo/127.0.0.1"} the sockets are
 * bound to that address on lo (SO_BINDTODEVICE), so a packet to another local address of the
 * same port never reaches the server — it is not read, not counted, not answered.
 */
class InterfacesConfigTest {
    @TempDir
    Path dir;
    ServerNode node;
    Relay4Client relay;
    int port;

    @BeforeEach
    void start() throws Exception {
        port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(Dhcp4ExchangeTest.CONFIG, dir), new Ports(port, FreePorts.udp()), null, null);
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    @Test
    void aPacketToAnAddressNotNamedGetsNothing() throws Exception {
        assertTrue(node.links().stream().allMatch(l -> l.startsWith("lo/127.0.0.1:" + port)), node.links().toString());
        byte[] discover = Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(70)).giaddr(relay.giaddr).build().encode();
        relay.socket.send(new DatagramPacket(discover, discover.length,
                new InetSocketAddress(InetAddress.getByName("127.0.0.3"), port)));
        assertTrue(relay.silentFor(500));
        assertEquals(0, node.dhcp4().counters().get("pkt4-received"), "never read");

        assertEquals(MessageType4.OFFER, relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(70))).messageType(),
                "the named address answers");
        assertEquals(1, node.dhcp4().counters().get("pkt4-received"));
    }
}
