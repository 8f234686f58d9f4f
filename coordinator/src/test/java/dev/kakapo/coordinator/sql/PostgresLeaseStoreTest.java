package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

/** What the PostgreSQL stores write exactly as Kea does, and how they treat input Kea's columns cannot hold. */
class PostgresLeaseStoreTest {

    private static final long T0 = 1_700_000_000L;
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Test
    void lease4ColumnsHoldWhatKeaWrites() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        Lease4 lease = new Lease4(Ipv4.parse("203.0.113.250"), Octets.parse("00:0c:29:aa:bb:cc"), Octets.EMPTY, 86400,
                T0, -1, true, false, "pc-é.example.org", LeaseState.DECLINED);
        try (PostgresLeaseStore4 store = PostgresLeaseStore4.open(settings)) {
            store.persist(lease, 42).get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of("3405804026|\\x000c29aabbcc|\\x|86400|1700086400|4294967295|t|f|pc-é.example.org|1|42"),
                rows(database(settings), "SELECT concat_ws('|', address, hwaddr, client_id, valid_lifetime,"
                        + " extract(epoch FROM expire)::bigint, subnet_id, fqdn_fwd, fqdn_rev, hostname, state, change_seq)"
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
        try (PostgresLeaseStore6 store = PostgresLeaseStore6.open(settings)) {
            CompletableFuture.allOf(store.persist(prefix), store.persist(address)).get(60, TimeUnit.SECONDS);
            assertEquals(2, store.loadAll().size());
        }
        assertEquals(List.of(
                        "2001:db8:0:0:1::|\\x0003000100..|3600|1700003600|7|1800|0|5|128|t|t|h.example.org|2|\\x000c29aabbcc|0|0",
                        "2001:db8:0:0:1::|\\x0003000100..|3600|1700003600|7|1800|2|-2|64|f|f||0|\\x|0|0"),
                rows(database(settings), "SELECT concat_ws('|', address, substr(duid::text, 1, 12) || '..',"
                        + " valid_lifetime, extract(epoch FROM expire)::bigint, subnet_id, pref_lifetime, lease_type, iaid,"
                        + " prefix_len, fqdn_fwd, fqdn_rev, hostname, state, hwaddr, hwtype, hwaddr_source)"
                        + " FROM lease6 ORDER BY lease_type"));
    }

    @Test
    void aLeaseTheColumnsCannotHoldFailsAloneAndNamesItself() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        Lease4 good = new Lease4(Ipv4.parse("192.0.2.10"), Octets.parse("00:0c:29:00:00:0a"), Octets.EMPTY, 3600, T0, 1,
                false, false, "", LeaseState.DEFAULT);
        Lease4 longName = new Lease4(Ipv4.parse("192.0.2.11"), Octets.parse("00:0c:29:00:00:0b"), Octets.EMPTY, 3600, T0,
                1, false, false, "a".repeat(256), LeaseState.DEFAULT);
        Lease4 nul = new Lease4(Ipv4.parse("192.0.2.12"), Octets.parse("00:0c:29:00:00:0c"), Octets.EMPTY, 3600, T0,
                1, false, false, "a\0b", LeaseState.DEFAULT);
        try (PostgresLeaseStore4 store = PostgresLeaseStore4.open(settings)) {
            CompletableFuture<Void> tooLong = store.persist(longName);
            CompletableFuture<Void> withNul = store.persist(nul);
            store.persist(good).get(60, TimeUnit.SECONDS);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> tooLong.get(60, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains("lease4 192.0.2.11"), failure.getCause().getMessage());
            failure = assertThrows(ExecutionException.class, () -> withNul.get(60, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("NUL character at index 1"), failure.getCause().getMessage());
            assertEquals(List.of(good), store.loadAll());
        }
    }

    @Test
    void aChangeTheDatabaseRefusesFailsAloneInItsBatch() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        DataSource database = database(settings);
        // A rule Kakapo does not know about refuses one address; its batch neighbours still commit.
        execute(database, "ALTER TABLE lease4 ADD CONSTRAINT no_192_0_2_99 CHECK (address <> 3221226083)");
        try (PostgresLeaseStore4 store = PostgresLeaseStore4.open(settings.withPool(2, 1))) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 90; i < 110; i++) {
                writes.add(store.persist(new Lease4(Ipv4.parse("192.0.2." + i), Octets.parse("00:0c:29:00:00:01"),
                        Octets.EMPTY, 3600, T0, 1, false, false, "", LeaseState.DEFAULT)));
            }
            for (int i = 0; i < writes.size(); i++) {
                if (i == 9) {
                    ExecutionException refused = assertThrows(ExecutionException.class,
                            writes.get(9)::get);
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
        try (PostgresLeaseStore4 store = PostgresLeaseStore4.open(settings)) {
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
                + " VALUES (3221225985, NULL, 3600, to_timestamp(1700003600), 1)");
        execute(database, "INSERT INTO lease6 (address, duid, valid_lifetime, expire, subnet_id, pref_lifetime,"
                + " lease_type, iaid) VALUES ('2001:db8::5', NULL, 3600, to_timestamp(1700003600), 1, 1800, 0, 9)");
        try (PostgresLeaseStore4 store4 = PostgresLeaseStore4.open(settings);
             PostgresLeaseStore6 store6 = PostgresLeaseStore6.open(settings)) {
            assertEquals(List.of(new Lease4(Ipv4.parse("192.0.2.1"), Octets.EMPTY, Octets.EMPTY, 3600, T0, 1, false,
                    false, "", LeaseState.DEFAULT)), store4.loadAll());
            assertEquals(List.of(new Lease6(Ipv6Address.parse("2001:db8::5"), 128, LeaseType6.NA, Octets.EMPTY, 9, 1800,
                    3600, T0, 1, false, false, "", Octets.EMPTY, LeaseState.DEFAULT)), store6.loadAll());
        }
    }

    @Test
    void aRowKakapoCannotReadFailsTheLoadNamingIt() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        DataSource database = database(settings);
        execute(database, "INSERT INTO lease6 (address, valid_lifetime, expire, lease_type) VALUES"
                + " ('2001:db8::zz', 3600, to_timestamp(1700003600), 0)");
        execute(database, "INSERT INTO lease4 (address, valid_lifetime, expire) VALUES (5000000000, 3600, now())");
        try (PostgresLeaseStore4 store4 = PostgresLeaseStore4.open(settings);
             PostgresLeaseStore6 store6 = PostgresLeaseStore6.open(settings)) {
            IOException bad6 = assertThrows(IOException.class, store6::loadAll);
            assertTrue(bad6.getMessage().contains("2001:db8::zz"), bad6.getMessage());
            IOException bad4 = assertThrows(IOException.class, store4::loadAll);
            assertTrue(bad4.getMessage().contains("lease4 row 5000000000"), bad4.getMessage());
        }
    }

    private static DataSource database(SqlSettings settings) {
        return server.dataSource(settings.databaseName());
    }
}
