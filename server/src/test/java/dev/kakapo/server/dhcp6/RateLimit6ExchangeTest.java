package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Kakapo/rate-limits} for DHCPv6 over real UDP: per DUID and per relay. */
class RateLimit6ExchangeTest {
    @TempDir
    Path dir;
    ServerNode node;
    Relay6Client relayA;
    Relay6Client relayB;

    void start(String limits) throws Exception {
        String config = Dhcp6ExchangeTest.CONFIG.replaceFirst("\\{", "{ \"Kakapo\": { \"rate-limits\": { " + limits + " } },");
        int port = FreePorts.udp6();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(config, dir), new Ports(port, FreePorts.udp6()));
        // two relays on the same subnet's link, told apart by their link-address
        relayA = new Relay6Client(port, "2001:db8:1::1");
        relayB = new Relay6Client(port, "2001:db8:1::2");
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
    void aDuidFloodingSolicitsGetsItsBurstWhileAnotherClientIsServed() throws Exception {
        start("\"per-client\": \"5 packets per minute\"");
        Set<Integer> xids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Message6 solicit = Relay6Client.message(MessageType6.SOLICIT, 70, Relay6Client.iaNa(1));
            xids.add(solicit.transactionId());
            relayA.sendRaw(relayA.relayed(solicit.encode(), 0));
        }
        Message6 advertise = relayB.exchange(Relay6Client.message(MessageType6.SOLICIT, 71, Relay6Client.iaNa(1))).message();
        assertEquals(MessageType6.ADVERTISE, advertise.type(), "another client is served");

        assertEquals(5, answersFor(relayA, xids));
        awaitReceived(21);
        assertEquals(15, node.dhcp6().counters().get("pkt6-receive-drop[rate-limit-client]"));
    }

    @Test
    void aRelayOverItsRateIsLimitedWhileAnotherRelayIsServed() throws Exception {
        start("\"per-relay\": \"8 packets per minute\", \"max-tracked\": 1000");
        Set<Integer> xids = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            Message6 solicit = Relay6Client.message(MessageType6.SOLICIT, 100 + i, Relay6Client.iaNa(1));
            xids.add(solicit.transactionId());
            relayA.sendRaw(relayA.relayed(solicit.encode(), 0));
        }
        Packet6 other = relayB.exchange(Relay6Client.message(MessageType6.SOLICIT, 200, Relay6Client.iaNa(1)));
        assertEquals(MessageType6.ADVERTISE, other.message().type(), "the other relay's client is served");

        assertEquals(8, answersFor(relayA, xids));
        awaitReceived(13);
        assertEquals(4, node.dhcp6().counters().get("pkt6-receive-drop[rate-limit-relay]"));
        assertEquals(4, node.dhcp6().counters().get("pkt6-receive-drop"));
    }

    private static int answersFor(Relay6Client relay, Set<Integer> xids) throws Exception {
        int answers = 0;
        relay.socket.setSoTimeout(500);
        try {
            byte[] buf = new byte[4096];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                relay.socket.receive(p);
                if (xids.contains(Packet6.decode(buf, 0, p.getLength()).message().transactionId())) {
                    answers++;
                }
            }
        } catch (SocketTimeoutException silent) {
            return answers;
        } finally {
            relay.socket.setSoTimeout(5000);
        }
    }

    private void awaitReceived(long n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (node.dhcp6().counters().get("pkt6-received") < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, node.dhcp6().counters().get("pkt6-received"));
    }
}
