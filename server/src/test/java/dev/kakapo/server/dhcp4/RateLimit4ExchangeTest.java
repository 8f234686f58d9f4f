package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.metrics.PrometheusMetrics;
import dev.kakapo.server.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Kakapo/rate-limits} over real UDP: a flooding client or relay is cut to its rate while
 * the others are served, and the drops are counted per reason. Rates are per minute, so the
 * allowance is the burst alone however long the test takes.
 */
class RateLimit4ExchangeTest {
    static final String CONFIG = """
            {
              "Kakapo": { "rate-limits": { %s } },
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "persist": false },
                "valid-lifetime": 4000,
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.250" } ] },
                  { "id": 2, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "127.0.0.3" ] },
                    "pools": [ { "pool": "198.51.100.10 - 198.51.100.250" } ] }
                ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode node;
    Dhcp4Server server;
    Relay4Client relayA;
    Relay4Client relayB;

    void start(String limits) throws Exception {
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(CONFIG.formatted(limits), dir), new Ports(port, FreePorts.udp()), null, null);
        server = node.dhcp4();
        relayA = new Relay4Client("127.0.0.2", "127.0.0.1", port);
        relayB = new Relay4Client("127.0.0.3", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        if (relayA != null) {
            relayA.close();
            relayB.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aClientFloodingDiscoversGetsItsBurstWhileAnotherClientCompletesItsDora() throws Exception {
        start("\"per-client\": \"10 packets per minute\"");
        byte[] flooder = Relay4Client.mac(0x100);
        Set<Integer> floodXids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Message4 discover = Relay4Client.message(MessageType4.DISCOVER, flooder).giaddr(relayA.giaddr).build();
            floodXids.add(discover.xid());
            relayA.sendRaw(discover.encode());
        }
        // another client, in the same second (through the other relay, so that the flooder's
        // offers wait unread at the first)
        Message4 ack = relayB.dora(Relay4Client.mac(0x200));
        assertEquals(MessageType4.ACK, ack.messageType());

        int offers = offersFor(relayA, floodXids);
        awaitReceived(102);
        assertEquals(10, offers, "the flooder's burst is answered, nothing more");
        assertEquals(90, server.counters().get("pkt4-receive-drop[rate-limit-client]"));
        assertEquals(90, server.counters().get("pkt4-receive-drop"));
        assertEquals(101, server.counters().get("pkt4-discover-received"), "every DISCOVER is counted as received");
        assertEquals(11, server.counters().get("pkt4-offer-sent"));

        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            metrics.bindPacketCounters("4", server.counters());
            assertTrue(metrics.scrape().contains("kakapo_dhcp4_packets_dropped_total{reason=\"rate-limit-client\"} 90.0"),
                    metrics.scrape());
        }
    }

    @Test
    void aClientIsKnownByItsClientIdentifierWhenItSendsOne() throws Exception {
        start("\"per-client\": \"3 packets per minute\"");
        // one client id from ever-changing hardware addresses: still one client
        for (int i = 0; i < 5; i++) {
            relayA.send(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(0x300 + i))
                    .option(dev.kakapo.protocol.v4.OptionCode4.CLIENT_ID, new byte[] {0, 'c', 'p', 'e', '1'}));
        }
        awaitReceived(5);
        assertEquals(2, server.counters().get("pkt4-receive-drop[rate-limit-client]"));
    }

    @Test
    void aRelayOverItsRateIsLimitedWhileAnotherRelayIsServed() throws Exception {
        start("\"per-relay\": \"20 packets per minute\"");
        Set<Integer> xids = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            Message4 discover = Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(0x400 + i)).giaddr(relayA.giaddr).build();
            xids.add(discover.xid());
            relayA.sendRaw(discover.encode());
        }
        Message4 ack = relayB.dora(Relay4Client.mac(0x500));
        assertEquals(MessageType4.ACK, ack.messageType(), "the other relay's client is served");

        int offers = offersFor(relayA, xids);
        awaitReceived(32);
        assertEquals(20, offers);
        assertEquals(10, server.counters().get("pkt4-receive-drop[rate-limit-relay]"));
        assertEquals(0, server.counters().get("pkt4-receive-drop[rate-limit-client]"), "no client limit configured");
    }

    @Test
    void withoutRateLimitsNothingIsLimited() throws Exception {
        start("");
        byte[] mac = Relay4Client.mac(0x600);
        Set<Integer> xids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Message4 discover = Relay4Client.message(MessageType4.DISCOVER, mac).giaddr(relayA.giaddr).build();
            xids.add(discover.xid());
            relayA.sendRaw(discover.encode());
        }
        assertEquals(50, offersFor(relayA, xids));
        assertEquals(0, server.counters().get("pkt4-receive-drop"));
    }

    /** Reads offers answering {@code xids} until the relay has been silent for half a second. */
    private static int offersFor(Relay4Client relay, Set<Integer> xids) throws Exception {
        int offers = 0;
        int saved = relay.socket.getSoTimeout();
        relay.socket.setSoTimeout(500);
        try {
            byte[] buf = new byte[2048];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                relay.socket.receive(p);
                Message4 reply = Message4.decode(buf, 0, p.getLength());
                if (xids.contains(reply.xid()) && reply.messageType() == MessageType4.OFFER) {
                    offers++;
                }
            }
        } catch (SocketTimeoutException silent) {
            return offers;
        } finally {
            relay.socket.setSoTimeout(saved);
        }
    }

    /** Waits until the server has counted {@code n} packets in (the last ones may still be in its socket). */
    private void awaitReceived(long n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.counters().get("pkt4-received") < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, server.counters().get("pkt4-received"));
    }
}
