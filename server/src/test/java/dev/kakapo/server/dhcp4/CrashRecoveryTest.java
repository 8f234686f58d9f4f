package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.testing.KakapoProcess;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ACK is a promise: kill the server process with SIGKILL right after a burst of ACKs, and
 * every ACKed lease is in the lease file and served again after a restart.
 */
class CrashRecoveryTest {
    static final int CLIENTS = 60;

    @TempDir
    Path dir;

    private static KakapoProcess start(Path config, int port, Path log) throws Exception {
        return KakapoProcess.start(KakapoProcess.onTestClassPath("dhcp4", "-c", config.toString(), "-p", Integer.toString(port)),
                log, Duration.ofSeconds(60));
    }

    @Test
    void everyAckedLeaseSurvivesKillDashNine() throws Exception {
        Path config = dir.resolve("kakapo-dhcp4.json");
        Files.writeString(config, Dhcp4ExchangeTest.CONFIG);
        int port = FreePorts.udp();
        Map<Integer, Integer> acked = new HashMap<>(); // client number -> address
        try (KakapoProcess server = start(config, port, dir.resolve("run1.log"));
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            Map<Integer, Message4> offers = new HashMap<>();
            for (int i = 0; i < CLIENTS; i++) {
                offers.put(i, relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(i))));
            }
            // The burst: every REQUEST at once, then the kill as soon as the last ACK is in.
            Map<Integer, Integer> xids = new HashMap<>();
            for (int i = 0; i < CLIENTS; i++) {
                Message4 request = Relay4Client.message(MessageType4.REQUEST, Relay4Client.mac(i))
                        .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offers.get(i).yiaddr()))
                        .option(OptionCode4.SERVER_ID, offers.get(i).options().get(OptionCode4.SERVER_ID))
                        .giaddr(relay.giaddr).build();
                xids.put(request.xid(), i);
                relay.sendRaw(request.encode());
            }
            while (acked.size() < CLIENTS) {
                byte[] buf = new byte[1500];
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                relay.socket.receive(p);
                Message4 ack = Message4.decode(buf, 0, p.getLength());
                Integer client = xids.get(ack.xid());
                if (client != null && ack.messageType() == MessageType4.ACK) {
                    acked.put(client, ack.yiaddr());
                }
            }
            server.kill();
        }
        assertEquals(CLIENTS, acked.size());

        Map<Integer, Lease4> onDisk;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(dir.resolve("leases4.csv"), 0)) {
            onDisk = store.loadAll().stream().collect(Collectors.toMap(Lease4::address, l -> l));
        }
        for (Map.Entry<Integer, Integer> e : acked.entrySet()) {
            Lease4 lease = onDisk.get(e.getValue());
            assertTrue(lease != null, "ACKed lease " + Ipv4.toText(e.getValue()) + " is not in the lease file");
            assertEquals(Octets.of(Relay4Client.mac(e.getKey())), lease.hwAddress());
        }

        // After a restart each client is offered the address it was ACKed.
        try (KakapoProcess server = start(config, port, dir.resolve("run2.log"));
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            assertTrue(server.logText().contains("event=leases-loaded family=4 count=" + CLIENTS), server.logText());
            for (Map.Entry<Integer, Integer> e : acked.entrySet()) {
                Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(e.getKey())));
                assertEquals(Ipv4.toText(e.getValue()), Ipv4.toText(offer.yiaddr()));
            }
            assertEquals(0, server.stop(Duration.ofSeconds(30)), "SIGTERM is a clean stop");
            assertTrue(server.logText().contains("event=stopped family=4"), server.logText());
        }
    }
}
