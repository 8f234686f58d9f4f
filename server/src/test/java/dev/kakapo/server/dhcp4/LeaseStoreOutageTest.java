package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.sql.PostgresServer;
import dev.kakapo.coordinator.sql.SqlSettings;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.testing.FreePorts;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease database goes away under load and comes back: PostgreSQL is stopped (as an operator
 * stops it: connections cut) while four relays keep clients coming, then started again. No ACK
 * is sent for a lease the database does not hold; the server answers again by itself once the
 * database is back; every lease ACKed before, during or after the outage is in the database.
 */
class LeaseStoreOutageTest {
    private static final int RELAYS = 4;

    @TempDir
    Path dir;
    private PostgresServer postgres;
    private ServerNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** An ACK a client saw: which address, and when. */
    private record Ack(long address, long atNanos) {
    }

    @Test
    void noAckWithoutADurableLeaseAndServingResumesWhenTheDatabaseIsBack() throws Exception {
        postgres = PostgresServer.start();
        SqlSettings db = postgres.newDatabase(true);
        int port = FreePorts.udp();
        String relays = String.join(", ", IntStream.rangeClosed(2, RELAYS + 1).mapToObj(i -> "\"127.0.0." + i + "\"").toList());
        KeaConfig kea = KeaConfig.parse("""
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "postgresql", "name": "%s", "host": "%s", "port": %d, "user": "%s",
                                        "password": "%s", "connect-timeout": 1 },
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/16", "relay": { "ip-addresses": [ %s ] },
                                   "pools": [ { "pool": "198.18.0.1 - 198.18.255.254" } ] } ] } }
                """.formatted(db.databaseName(), db.host(), db.port(), db.user(), db.password(), relays),
                dir, KeaConfig.Families.DHCP4);
        node = ServerNode.start(kea.dhcp4(), new Ports(port, FreePorts.udp()), null, null);

        Map<String, Ack> acked = new ConcurrentHashMap<>();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int r = 0; r < RELAYS; r++) {
            int relay = r;
            Thread t = new Thread(() -> {
                try (Relay4Client client = new Relay4Client("127.0.0." + (relay + 2), "127.0.0.1", port)) {
                    client.socket.setSoTimeout(500);
                    for (int n = 0; running.get(); n++) {
                        byte[] mac = Relay4Client.mac(relay * 16384 + n);
                        try {
                            Message4 ack = client.dora(mac);
                            if (ack.messageType() == MessageType4.ACK) {
                                acked.put(Octets.of(mac).toString(), new Ack(Integer.toUnsignedLong(ack.yiaddr()), System.nanoTime()));
                            }
                        } catch (SocketTimeoutException noAnswer) {
                            unanswered.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "outage-relay-" + relay);
            t.start();
            clients.add(t);
        }

        awaitAcks(acked, 200, 30);
        int beforeOutage = acked.size();
        postgres.stop();
        long down = System.nanoTime();
        TimeUnit.SECONDS.sleep(5);
        long up = System.nanoTime();
        postgres.restart();
        int duringOutage = acked.size();
        // answers resume by themselves: no restart of the server, no command
        awaitAcks(acked, duringOutage + 200, 60);
        running.set(false);
        for (Thread t : clients) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }

        // an ACK in the outage (after a moment for replies already on their way) would be a lease
        // the database does not hold
        long grace = TimeUnit.MILLISECONDS.toNanos(500);
        List<String> ackedWhileDown = acked.entrySet().stream()
                .filter(e -> e.getValue().atNanos() > down + grace && e.getValue().atNanos() < up)
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), ackedWhileDown, "ACKs sent while the database was down");
        assertTrue(unanswered.get() > 0, "clients went unanswered while the database was down");
        assertTrue(node.dhcp4().counters().get("pkt4-receive-drop") > 0, "the failed writes are counted as drops");

        Map<String, Long> stored = new HashMap<>();
        try (Connection c = postgres.dataSource(db.databaseName()).getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT hwaddr, address FROM lease4")) {
            while (rows.next()) {
                stored.put(Octets.of(rows.getBytes(1)).toString(), rows.getLong(2));
            }
        }
        List<String> lost = acked.entrySet().stream()
                .filter(e -> !Long.valueOf(e.getValue().address()).equals(stored.get(e.getKey())))
                .map(e -> e.getKey() + "=" + Ipv4.toText((int) e.getValue().address())).toList();
        assertEquals(List.of(), lost, "ACKed leases missing from the database");
        System.out.printf("lease database outage: %d ACKed before, %d when it came back, %d in all; %d exchanges unanswered%n",
                beforeOutage, duringOutage, acked.size(), unanswered.get());
    }

    private static void awaitAcks(Map<String, Ack> acked, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (acked.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(acked.size() >= count, "only " + acked.size() + " of " + count + " ACKs within " + seconds + " s");
    }
}
