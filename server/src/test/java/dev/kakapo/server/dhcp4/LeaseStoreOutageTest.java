package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.kakapo.coordinator.cql.CassandraServer;
import dev.kakapo.coordinator.cql.CqlSettings;
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
import java.nio.ByteBuffer;
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
 * stops it: connections cut), or the Cassandra node is (SIGTERM), while four relays keep clients
 * coming, then started again. No ACK is sent for a lease the database does not hold; the server
 * answers again by itself once the database is back; every lease ACKed before, during or after
 * the outage is in the database.
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

    /** A lease database that can be taken down and brought back, and read directly. */
    private interface Database {
        /** The {@code lease-database} object that reaches it. */
        String leaseDatabase();

        void stop() throws Exception;

        void restart() throws Exception;

        /** Every stored DHCPv4 lease: hardware address (Octets text) to address (unsigned). */
        Map<String, Long> leases() throws Exception;
    }

    @Test
    void postgresqlStoppedUnderLoad() throws Exception {
        postgres = PostgresServer.start();
        SqlSettings db = postgres.newDatabase(true);
        outage("PostgreSQL", new Database() {
            @Override
            public String leaseDatabase() {
                return """
                        { "type": "postgresql", "name": "%s", "host": "%s", "port": %d, "user": "%s", "password": "%s",
                          "connect-timeout": 1 }""".formatted(db.databaseName(), db.host(), db.port(), db.user(), db.password());
            }

            @Override
            public void stop() throws Exception {
                postgres.stop();
            }

            @Override
            public void restart() throws Exception {
                postgres.restart();
            }

            @Override
            public Map<String, Long> leases() throws Exception {
                Map<String, Long> stored = new HashMap<>();
                try (Connection c = postgres.dataSource(db.databaseName()).getConnection(); Statement s = c.createStatement();
                     ResultSet rows = s.executeQuery("SELECT hwaddr, address FROM lease4")) {
                    while (rows.next()) {
                        stored.put(Octets.of(rows.getBytes(1)).toString(), rows.getLong(2));
                    }
                }
                return stored;
            }
        }, 60);
    }

    @Test
    void cassandraNodeStoppedUnderLoad() throws Exception {
        CassandraServer cassandra = CassandraServer.shared();
        CqlSettings keyspace = cassandra.newKeyspace(true);
        try {
            outage("Cassandra", new Database() {
                @Override
                public String leaseDatabase() {
                    return """
                            { "type": "cql", "contact-points": "127.0.0.1", "port": %d, "keyspace": "%s",
                              "connect-timeout": 2, "request-timeout": 2 }""".formatted(cassandra.nativePort(), keyspace.keyspace());
                }

                @Override
                public void stop() throws Exception {
                    cassandra.stop();
                }

                @Override
                public void restart() throws Exception {
                    cassandra.restart();
                }

                @Override
                public Map<String, Long> leases() throws Exception {
                    Map<String, Long> stored = new HashMap<>();
                    try (CqlSession session = cassandra.session()) {
                        for (Row row : session.execute("SELECT hwaddr, address FROM " + keyspace.keyspace() + ".lease4")) {
                            ByteBuffer hw = row.getByteBuffer(0);
                            byte[] mac = new byte[hw.remaining()];
                            hw.get(mac);
                            stored.put(Octets.of(mac).toString(), Integer.toUnsignedLong(row.getInt(1)));
                        }
                    }
                    return stored;
                }
            }, 120);
        } finally {
            cassandra.restart(); // the node is shared with other test classes of this JVM
        }
    }

    /** An ACK a client saw: which address, and when. */
    private record Ack(long address, long atNanos) {
    }

    /**
     * Clients through four relays; the database stopped for 5 s once 200 have their lease, then
     * started again; the run goes on until 200 more have one ({@code resumeSeconds} at most).
     */
    private void outage(String name, Database database, int resumeSeconds) throws Exception {
        int port = FreePorts.udp();
        String relays = String.join(", ", IntStream.rangeClosed(2, RELAYS + 1).mapToObj(i -> "\"127.0.0." + i + "\"").toList());
        KeaConfig kea = KeaConfig.parse("""
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": %s,
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/16", "relay": { "ip-addresses": [ %s ] },
                                   "pools": [ { "pool": "198.18.0.1 - 198.18.255.254" } ] } ] } }
                """.formatted(database.leaseDatabase(), relays), dir, KeaConfig.Families.DHCP4);
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
        database.stop();
        long down = System.nanoTime();
        TimeUnit.SECONDS.sleep(5);
        long up = System.nanoTime();
        database.restart();
        int duringOutage = acked.size();
        // answers resume by themselves: no restart of the server, no command
        awaitAcks(acked, duringOutage + 200, resumeSeconds);
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
        assertTrue(node.dhcp4().counters().get("pkt4-receive-drop[lease-not-durable]") > 0,
                "the failed writes are counted as drops for that reason: " + node.dhcp4().counters().snapshot());

        Map<String, Long> stored = database.leases();
        List<String> lost = acked.entrySet().stream()
                .filter(e -> !Long.valueOf(e.getValue().address()).equals(stored.get(e.getKey())))
                .map(e -> e.getKey() + "=" + Ipv4.toText((int) e.getValue().address())).toList();
        assertEquals(List.of(), lost, "ACKed leases missing from the database");
        System.out.printf("lease database outage (%s): %d ACKed before, %d when it came back, %d in all; %d exchanges unanswered%n",
                name, beforeOutage, duringOutage, acked.size(), unanswered.get());
    }

    private static void awaitAcks(Map<String, Ack> acked, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (acked.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(acked.size() >= count, "only " + acked.size() + " of " + count + " ACKs within " + seconds + " s");
    }
}
