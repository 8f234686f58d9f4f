package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Cassandra stores write exactly as Kea does, how they order writes, and what they refuse. */
class CqlLeaseStoreTest {

    private static final long T0 = 1_700_000_000L;
    private static CassandraServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = CassandraServer.shared();
    }

    @Test
    void lease4ColumnsHoldWhatKeaWritesWithTheChangeNumberAsWriteTime() throws Exception {
        CqlSettings settings = server.newKeyspace(true);
        Lease4 lease = new Lease4(Ipv4.parse("203.0.113.250"), Octets.parse("00:0c:29:aa:bb:cc"), Octets.EMPTY, 86400,
                T0, -1, true, false, "pc-é.example.org", LeaseState.DECLINED);
        try (CqlLeaseStore4 store = CqlLeaseStore4.open(settings)) {
            store.persist(lease, 42).get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of("-889163270|0x000c29aabbcc|0x|86400|1700086400|-1|true|false|pc-é.example.org|1|42"),
                rows(settings, "SELECT address, hwaddr, client_id, valid_lifetime, expire, subnet_id, fqdn_fwd,"
                        + " fqdn_rev, hostname, state, writetime(valid_lifetime) FROM lease4"));
    }

    @Test
    void lease6KeepsAnAddressAndAPrefixWithOneTextApart() throws Exception {
        CqlSettings settings = server.newKeyspace(true);
        Lease6 prefix = new Lease6(Ipv6Address.parse("2001:DB8:0:0:1:0:0:0"), 64, LeaseType6.PD,
                Octets.parse("00:03:00:01:00:0c:29:aa:bb:cc"), 0xffff_fffeL, 1800, 3600, T0, 7, false, false, "",
                Octets.EMPTY, LeaseState.DEFAULT);
        Lease6 address = new Lease6(Ipv6Address.parse("2001:db8::1:0:0:0"), 128, LeaseType6.NA,
                Octets.parse("00:03:00:01:00:0c:29:aa:bb:cc"), 5, 1800, 3600, T0, 7, true, true, "h.example.org",
                Octets.parse("00:0c:29:aa:bb:cc"), LeaseState.EXPIRED_RECLAIMED);
        try (CqlLeaseStore6 store = CqlLeaseStore6.open(settings)) {
            CompletableFuture.allOf(store.persist(prefix), store.persist(address)).get(60, TimeUnit.SECONDS);
            assertEquals(2, store.loadAll().size());
        }
        assertEquals(List.of(
                        "2001:db8:0:0:1::|0|0x00030001000c29aabbcc|3600|1700003600|7|1800|5|128|true|true|h.example.org|0x000c29aabbcc|0|0|2",
                        "2001:db8:0:0:1::|2|0x00030001000c29aabbcc|3600|1700003600|7|1800|-2|64|false|false||0x|0|0|0"),
                rows(settings, "SELECT address, lease_type, duid, valid_lifetime, expire, subnet_id, pref_lifetime, iaid,"
                        + " prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype, hwaddr_source, state FROM lease6"));
    }

    @Test
    void newerPersistArrivingFirstIsKept() throws Exception {
        CqlSettings settings = server.newKeyspace(true);
        Lease4 older = lease4("192.0.2.20", T0);
        Lease4 newer = lease4("192.0.2.20", T0 + 600);
        long seq = System.currentTimeMillis() * 1000;
        try (CqlLeaseStore4 store = CqlLeaseStore4.open(settings)) {
            store.persist(newer, seq + 2).get(60, TimeUnit.SECONDS);
            store.persist(older, seq + 1).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(newer), store.loadAll());
        }
    }

    @Test
    void removeArrivingBeforeAnOlderPersistKeepsTheLeaseGone() throws Exception {
        CqlSettings settings = server.newKeyspace(true);
        Lease6 lease = new Lease6(Ipv6Address.parse("2001:db8::20"), 128, LeaseType6.NA, Octets.parse("00:03:00:01"), 1,
                1800, 3600, T0, 1, false, false, "", Octets.EMPTY, LeaseState.DEFAULT);
        long seq = System.currentTimeMillis() * 1000;
        try (CqlLeaseStore6 store = CqlLeaseStore6.open(settings)) {
            store.persist(lease, seq).get(60, TimeUnit.SECONDS);
            store.remove(lease, seq + 2).get(60, TimeUnit.SECONDS);
            Lease6 renewal = new Lease6(lease.address(), 128, LeaseType6.NA, lease.duid(), 1, 1800, 3600, T0 + 60, 1,
                    false, false, "", Octets.EMPTY, LeaseState.DEFAULT);
            store.persist(renewal, seq + 1).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(), store.loadAll());
            // A remove numbered below the row's persist does not delete it.
            store.persist(lease, seq + 4).get(60, TimeUnit.SECONDS);
            store.remove(lease, seq + 3).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(lease), store.loadAll());
        }
    }

    @Test
    void aLeaseTheColumnsCannotHoldFailsAloneAndNamesItself() throws Exception {
        CqlSettings settings = server.newKeyspace(true);
        Lease4 good = lease4("192.0.2.10", T0);
        Lease4 longName = new Lease4(Ipv4.parse("192.0.2.11"), Octets.EMPTY, Octets.EMPTY, 3600, T0, 1, false, false,
                "a".repeat(256), LeaseState.DEFAULT);
        Lease4 surrogate = new Lease4(Ipv4.parse("192.0.2.12"), Octets.EMPTY, Octets.EMPTY, 3600, T0, 1, false, false,
                "a\ud800b", LeaseState.DEFAULT);
        Lease4 forever = new Lease4(Ipv4.parse("192.0.2.13"), Octets.EMPTY, Octets.EMPTY, 1L << 32, T0, 1, false, false,
                "", LeaseState.DEFAULT);
        try (CqlLeaseStore4 store = CqlLeaseStore4.open(settings)) {
            CompletableFuture<Void> tooLong = store.persist(longName);
            CompletableFuture<Void> lone = store.persist(surrogate);
            CompletableFuture<Void> tooLongLived = store.persist(forever);
            store.persist(good).get(60, TimeUnit.SECONDS);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> tooLong.get(60, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains("lease4 192.0.2.11"), failure.getCause().getMessage());
            failure = assertThrows(ExecutionException.class, () -> lone.get(60, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("surrogate at index 1"), failure.getCause().getMessage());
            failure = assertThrows(ExecutionException.class, () -> tooLongLived.get(60, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("valid lifetime 4294967296"),
                    failure.getCause().getMessage());
            assertEquals(List.of(good), store.loadAll());
        }
    }

    @Test
    void aRowKakapoCannotReadFailsTheLoadNamingIt() throws Exception {
        CqlSettings settings = server.newKeyspace(true);
        try (CqlSession session = server.session()) {
            session.execute("INSERT INTO " + settings.keyspace() + ".lease6 (address, lease_type, valid_lifetime, expire)"
                    + " VALUES ('2001:db8::zz', 0, 3600, 1700003600)");
            session.execute("INSERT INTO " + settings.keyspace() + ".lease4 (address, valid_lifetime, expire, state)"
                    + " VALUES (3, 3600, 1700003600, 9)");
        }
        try (CqlLeaseStore4 store4 = CqlLeaseStore4.open(settings);
             CqlLeaseStore6 store6 = CqlLeaseStore6.open(settings)) {
            IOException bad6 = assertThrows(IOException.class, store6::loadAll);
            assertTrue(bad6.getMessage().contains("2001:db8::zz"), bad6.getMessage());
            IOException bad4 = assertThrows(IOException.class, store4::loadAll);
            assertTrue(bad4.getMessage().contains("lease4 0.0.0.3 has unknown state 9"), bad4.getMessage());
        }
    }

    @Test
    void aStoreThatCannotReachTheClusterSaysWhere() throws Exception {
        CqlSettings unreachable = CqlSettings.of(List.of("127.0.0.1"), "kakapo").withPort(1).withTimeouts(1, 1);
        IOException refused = assertThrows(IOException.class, () -> CqlLeaseStore4.open(unreachable));
        assertTrue(refused.getMessage().contains("keyspace kakapo on 127.0.0.1:1"), refused.getMessage());
    }

    private static Lease4 lease4(String address, long cltt) {
        return new Lease4(Ipv4.parse(address), Octets.parse("00:0c:29:00:00:01"), Octets.EMPTY, 3600, cltt, 1, false,
                false, "", LeaseState.DEFAULT);
    }

    /** The rows of a query, each as its columns' CQL text joined by |, in query order. */
    private static List<String> rows(CqlSettings settings, String query) throws IOException {
        try (CqlSession session = CqlConnection.open(settings, true)) {
            return session.execute(query).all().stream().map(CqlLeaseStoreTest::text).toList();
        }
    }

    private static String text(Row row) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.getObject(i);
            text.append(i == 0 ? "" : "|").append(value instanceof java.nio.ByteBuffer blob
                    ? "0x" + Octets.of(bytes(blob)).toString().replace(":", "") : value);
        }
        return text.toString();
    }

    private static byte[] bytes(java.nio.ByteBuffer blob) {
        byte[] bytes = new byte[blob.remaining()];
        blob.duplicate().get(bytes);
        return bytes;
    }
}
