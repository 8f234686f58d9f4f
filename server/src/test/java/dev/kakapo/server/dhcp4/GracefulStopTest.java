package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a node while REQUESTs are being processed: it stops reading, answers what it had read
 * (or drops it without a reply), and every lease it ACKed is in the lease file afterwards.
 */
class GracefulStopTest {
    static final int CLIENTS = 40;

    @TempDir
    Path dir;

    @Test
    void closingWithRequestsInFlightKeepsEveryAckedLease() throws Exception {
        int port = FreePorts.udp();
        ServerNode node = ServerNode.start(Dhcp4ConfigParser.parse(Dhcp4ExchangeTest.CONFIG, dir),
                new Ports(port, FreePorts.udp()), null, null);
        Map<Integer, Integer> acked = new HashMap<>(); // client number -> address
        try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            Map<Integer, Message4> offers = new HashMap<>();
            for (int i = 0; i < CLIENTS; i++) {
                offers.put(i, relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(i))));
            }
            Map<Integer, Integer> xids = new HashMap<>();
            for (int i = 0; i < CLIENTS; i++) {
                Message4 request = Relay4Client.message(MessageType4.REQUEST, Relay4Client.mac(i))
                        .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offers.get(i).yiaddr()))
                        .option(OptionCode4.SERVER_ID, offers.get(i).options().get(OptionCode4.SERVER_ID))
                        .giaddr(relay.giaddr).build();
                xids.put(request.xid(), i);
                relay.sendRaw(request.encode());
            }
            // the stop comes while the burst is being read and committed: right after its first ACK
            CompletableFuture<Void> closed = null;
            relay.socket.setSoTimeout(5000);
            try {
                while (acked.size() < CLIENTS) {
                    byte[] buf = new byte[1500];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    relay.socket.receive(p);
                    Message4 ack = Message4.decode(buf, 0, p.getLength());
                    Integer client = xids.get(ack.xid());
                    assertNotNull(client, "a reply to no REQUEST of the burst");
                    assertEquals(MessageType4.ACK, ack.messageType(), "a REQUEST in flight is answered with its ACK or not at all");
                    acked.put(client, ack.yiaddr());
                    if (closed == null) {
                        closed = CompletableFuture.runAsync(() -> {
                            try {
                                node.close();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        relay.socket.setSoTimeout(1000);
                    }
                }
            } catch (SocketTimeoutException stoppedAnswering) {
                // the requests not read before the stop get no reply
            }
            assertNotNull(closed, "the burst was answered at all");
            closed.join();
        }
        Map<Integer, Lease4> onDisk;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(dir.resolve("leases4.csv"), 0)) {
            onDisk = store.loadAll().stream().collect(Collectors.toMap(Lease4::address, l -> l, (a, b) -> b));
        }
        assertFalse(onDisk.isEmpty(), "the lease file holds the committed leases");
        for (Map.Entry<Integer, Integer> e : acked.entrySet()) {
            Lease4 lease = onDisk.get(e.getValue());
            assertTrue(lease != null, "ACKed lease " + Ipv4.toText(e.getValue()) + " is not in the lease file");
            assertEquals(Octets.of(Relay4Client.mac(e.getKey())), lease.hwAddress());
            assertTrue(lease.validLifetime() > 0, "ACKed lease " + Ipv4.toText(e.getValue()) + " is in the file as deleted");
        }
    }
}
