package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.kakapo.coordinator.sql.SqlSchemaTest.execute;
import static dev.kakapo.coordinator.sql.SqlSchemaTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the MySQL stores write exactly as Kea does, and how they treat input Kea's columns cannot hold. */
@Tag("e2e")
class MysqlLeaseStoreTest {

    private static final long T0 = 1_700_000_000L;
    private static MysqlServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = MysqlServer.shared();
    }

    @Test
    void lease4ColumnsHoldWhatKeaWrites() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        Lease4 lease = new Lease4(Ipv4.parse("203.0.113.250"), Octets.parse("00:0c:29:aa:bb:cc"), Octets.EMPTY, 86400,
                T0, -1, true, false, "pc-é.example.org", LeaseState.DECLINED);
        try (MysqlLeaseStore4 store = MysqlLeaseStore4.open(settings)) {
            store.persist(lease, 42).get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of("3405804026|000C29AABBCC||86400|1700086400|4294967295|1|0|pc-é.example.org|1|42"),
                rows(database(settings), "SELECT CONCAT_WS('|', address, HEX(hwaddr), HEX(client_id), valid_lifetime,"
                        + " UNIX_TIMESTAMP(expire), subnet_id, fqdn_fwd, fqdn_rev, hostname, state, change_seq)"
                        + " FROM lease4"));
    }

    @Test
    void lease6ColumnsHoldWhatKeaWrites() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        Lease6 prefix = new Lease6(Ipv6Address.parse("2001:DB8:0:0:1:0:0:0"), 64, LeaseType6.PD,
                Octets.parse("00:03:00:01:00:0c:29:aa:bb:cc"), 0xffff_fffeL, 1800, 3600, T0, 7, false, false, "",
                Octets.EMPTY, LeaseState.DEFAULT);
        Lease6 address = new Lease6(Ipv6Address.parse("2001:db8::1:0:0:0"), 128, LeaseType6.NA,
                Octets.parse("00:03:00:01:00:0c:29:aa:bb:cc"), 5, 1800, 3600, T0, 7, true, true, "h.example.org",
                Octets.parse("00:0c:29:aa:bb:cc"), LeaseState.EXPIRED_RECLAIMED);
        try (MysqlLeaseStore6 store = MysqlLeaseStore6.open(settings)) {
            CompletableFuture.allOf(store.persist(prefix), store.persist(address)).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(address, prefix), store.loadAll().stream()
                    .sorted((a, b) -> a.type().compareTo(b.type())).toList());
        }
        // The IAID is stored unsigned, as Kea's MySQL backend stores it.
        assertEquals(List.of(
                        "2001:db8:0:0:1::|0003000100..|3600|1700003600|7|1800|0|5|128|1|1|h.example.org|2|000C29AABBCC|0|0",
                        "2001:db8:0:0:1::|0003000100..|3600|1700003600|7|1800|2|4294967294|64|0|0||0||0|0"),
                rows(database(settings), "SELECT CONCAT_WS('|', address, CONCAT(LEFT(HEX(duid), 10), '..'),"
                        + " valid_lifetime, UNIX_TIMESTAMP(expire), subnet_id, pref_lifetime, lease_type, iaid,"
                        + " prefix_len, fqdn_fwd, fqdn_rev, hostname, state, HEX(hwaddr), hwtype, hwaddr_source)"
                        + " FROM lease6 ORDER BY lease_type"));
    }

    @Test
    void olderChangeFromAnotherNodeIsDroppedColumnByColumn() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        Lease4 older = lease4("192.0.2.20", T0, "older.example.org");
        Lease4 newer = lease4("192.0.2.20", T0 + 600, "newer.example.org");
        long seq = System.currentTimeMillis() * 1000;
        try (MysqlLeaseStore4 nodeA = MysqlLeaseStore4.open(settings);
             MysqlLeaseStore4 nodeB = MysqlLeaseStore4.open(settings)) {
            nodeA.persist(newer, seq + 10).get(60, TimeUnit.SECONDS);
            nodeB.persist(older, seq + 5).get(60, TimeUnit.SECONDS);
            nodeB.remove(older, seq + 7).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(newer), nodeB.loadAll());
            assertEquals(List.of("1700000600|newer.example.org|" + (seq + 10)), rows(database(settings),
                    "SELECT CONCAT_WS('|', UNIX_TIMESTAMP(expire) - valid_lifetime, hostname, change_seq) FROM lease4"));
            // One batch holding a newer change, then an older one of the same lease: the older is dropped.
            Lease4 newest = lease4("192.0.2.20", T0 + 1200, "newest.example.org");
            CompletableFuture<Void> first = nodeA.persist(newest, seq + 30);
            CompletableFuture<Void> late = nodeA.persist(older, seq + 20);
            CompletableFuture.allOf(first, late).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(newest), nodeB.loadAll());
            nodeB.remove(older, seq + 31).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(), nodeA.loadAll());
        }
    }

    @Test
    void anExpireBeyond2038FailsAloneAndNamesTheLease() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        Lease4 good = lease4("192.0.2.10", T0, "");
        Lease4 late = new Lease4(Ipv4.parse("192.0.2.11"), Octets.parse("00:0c:29:00:00:0b"), Octets.EMPTY, 7200,
                Integer.MAX_VALUE - 3600L, 1, false, false, "", LeaseState.DEFAULT);
        Lease6 late6 = new Lease6(Ipv6Address.parse("2001:db8::11"), 128, LeaseType6.NA, Octets.parse("00:01"), 1, 0,
                0xffff_ffffL, T0, 1, false, false, "", Octets.EMPTY, LeaseState.DEFAULT);
        Lease4 longMac = new Lease4(Ipv4.parse("192.0.2.12"), Octets.of(new byte[21]), Octets.EMPTY, 3600, T0, 1, false,
                false, "", LeaseState.DEFAULT);
        try (MysqlLeaseStore4 store = MysqlLeaseStore4.open(settings);
             MysqlLeaseStore6 store6 = MysqlLeaseStore6.open(settings)) {
            CompletableFuture<Void> tooLate = store.persist(late);
            CompletableFuture<Void> tooLong = store.persist(longMac);
            store.persist(good).get(60, TimeUnit.SECONDS);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> tooLate.get(60, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains("lease4 192.0.2.11"), failure.getCause().getMessage());
            assertTrue(failure.getCause().getMessage().contains("2038"), failure.getCause().getMessage());
            failure = assertThrows(ExecutionException.class, () -> store6.persist(late6).get(60, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("lease6 2001:db8::11"), failure.getCause().getMessage());
            failure = assertThrows(ExecutionException.class, () -> tooLong.get(60, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("hardware address is 21 octets"),
                    failure.getCause().getMessage());
            assertEquals(List.of(good), store.loadAll());
        }
    }

    @Test
    void aHostNameWithANulCharacterIsKept() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        Lease4 lease = lease4("192.0.2.13", T0, "a\0b");
        try (MysqlLeaseStore4 store = MysqlLeaseStore4.open(settings)) {
            store.persist(lease).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(lease), store.loadAll());
        }
    }

    @Test
    void aChangeTheDatabaseRefusesFailsAloneInItsBatch() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        // A rule Kakapo does not know about refuses one address; its batch neighbours still commit.
        execute(database(settings), "ALTER TABLE lease4 ADD CONSTRAINT no_192_0_2_99 CHECK (address <> 3221226083)");
        try (MysqlLeaseStore4 store = MysqlLeaseStore4.open(settings.withPool(2, 1))) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 90; i < 110; i++) {
                writes.add(store.persist(lease4("192.0.2." + i, T0, "")));
            }
            for (int i = 0; i < writes.size(); i++) {
                if (i == 9) {
                    ExecutionException refused = assertThrows(ExecutionException.class, writes.get(9)::get);
                    assertInstanceOf(IOException.class, refused.getCause());
                    assertTrue(refused.getCause().getMessage().contains("lease4 192.0.2.99"),
                            refused.getCause().getMessage());
                } else {
                    writes.get(i).get(60, TimeUnit.SECONDS);
                }
            }
            assertEquals(19, store.loadAll().size());
        }
    }

    @Test
    void oneTransactionPerLeaseCommitsEveryChangeAlone() throws Exception {
        SqlSettings settings = server.newDatabase(true).withOneTransactionPerLease(true);
        try (MysqlLeaseStore4 store = MysqlLeaseStore4.open(settings)) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                writes.add(store.persist(new Lease4(Ipv4.parse("198.51.100.0") + i, Octets.parse("00:0c:29:00:00:01"),
                        Octets.EMPTY, 3600, T0, 1, false, false, "", LeaseState.DEFAULT)));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertEquals(new SqlLeaseStore.Stats(200, 200, 200, 0), store.stats());
        }
    }

    @Test
    void loadsRowsOtherToolsWroteWithNulls() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        DataSource database = database(settings);
        execute(database, "INSERT INTO lease4 (address, hwaddr, valid_lifetime, expire, subnet_id)"
                + " VALUES (3221225985, NULL, 3600, FROM_UNIXTIME(1700003600), 1)");
        execute(database, "INSERT INTO lease6 (address, duid, valid_lifetime, expire, subnet_id, pref_lifetime,"
                + " lease_type, iaid) VALUES ('2001:db8::5', NULL, 3600, FROM_UNIXTIME(1700003600), 1, 1800, 0, 9)");
        try (MysqlLeaseStore4 store4 = MysqlLeaseStore4.open(settings);
             MysqlLeaseStore6 store6 = MysqlLeaseStore6.open(settings)) {
            assertEquals(List.of(new Lease4(Ipv4.parse("192.0.2.1"), Octets.EMPTY, Octets.EMPTY, 3600, T0, 1, false,
                    false, "", LeaseState.DEFAULT)), store4.loadAll());
            assertEquals(List.of(new Lease6(Ipv6Address.parse("2001:db8::5"), 128, LeaseType6.NA, Octets.EMPTY, 9, 1800,
                    3600, T0, 1, false, false, "", Octets.EMPTY, LeaseState.DEFAULT)), store6.loadAll());
        }
    }

    @Test
    void aRowKakapoCannotReadFailsTheLoadNamingIt() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        execute(database(settings), "INSERT INTO lease6 (address, valid_lifetime, expire, lease_type) VALUES"
                + " ('2001:db8::zz', 3600, FROM_UNIXTIME(1700003600), 0)");
        execute(database(settings), "INSERT INTO lease4 (address, valid_lifetime, expire) VALUES (3221225985, 3600, NULL)");
        try (MysqlLeaseStore4 store4 = MysqlLeaseStore4.open(settings);
             MysqlLeaseStore6 store6 = MysqlLeaseStore6.open(settings)) {
            IOException bad6 = assertThrows(IOException.class, store6::loadAll);
            assertTrue(bad6.getMessage().contains("2001:db8::zz"), bad6.getMessage());
            IOException bad4 = assertThrows(IOException.class, store4::loadAll);
            assertTrue(bad4.getMessage().contains("lease4 192.0.2.1 has no expire time"), bad4.getMessage());
        }
    }

    private static Lease4 lease4(String address, long cltt, String hostname) {
        return new Lease4(Ipv4.parse(address), Octets.parse("00:0c:29:00:00:01"), Octets.EMPTY, 3600, cltt, 1, false,
                false, hostname, LeaseState.DEFAULT);
    }

    private static DataSource database(SqlSettings settings) {
        return server.dataSource(settings.databaseName());
    }
}
