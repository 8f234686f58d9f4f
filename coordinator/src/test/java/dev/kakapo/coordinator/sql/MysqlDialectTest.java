package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the MySQL dialect writes and refuses, checked without a server. */
class MysqlDialectTest {

    private static final long LAST_MYSQL_SECOND = 2_147_483_647L;

    @Test
    void upsertKeepsTheRowWhenItHoldsANewerChangeAndAssignsChangeSeqLast() {
        assertEquals("INSERT INTO t (k, expire, v, change_seq) VALUES (?, FROM_UNIXTIME(?), ?, ?) ON DUPLICATE KEY UPDATE"
                        + " expire = IF(change_seq <= VALUES(change_seq), VALUES(expire), expire),"
                        + " v = IF(change_seq <= VALUES(change_seq), VALUES(v), v),"
                        + " change_seq = IF(change_seq <= VALUES(change_seq), VALUES(change_seq), change_seq)",
                SqlDialect.MYSQL.upsert("t", List.of("k", "expire", "v"), List.of("k")));
        assertEquals("INSERT INTO t (k, expire, v, change_seq) VALUES (?, ?, ?, ?) ON CONFLICT (k) DO UPDATE SET"
                        + " expire = EXCLUDED.expire, v = EXCLUDED.v, change_seq = EXCLUDED.change_seq"
                        + " WHERE t.change_seq <= EXCLUDED.change_seq",
                SqlDialect.POSTGRESQL.upsert("t", List.of("k", "expire", "v"), List.of("k")));
    }

    @Test
    void anExpireTheTimestampCannotHoldIsRefusedNamingTheLease() {
        Lease4Table mysql = new Lease4Table(SqlDialect.MYSQL);
        mysql.check(lease4(LAST_MYSQL_SECOND - 3600, 3600));
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> mysql.check(lease4(LAST_MYSQL_SECOND - 3600, 3601)));
        assertTrue(late.getMessage().startsWith("lease4 192.0.2.7: expire time"), late.getMessage());
        assertTrue(late.getMessage().contains("ends in January 2038"), late.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> mysql.check(lease4(0, 0)));
        assertTrue(zero.getMessage().contains("outside 1..2147483647"), zero.getMessage());
        // PostgreSQL's TIMESTAMPTZ goes on to year 9999.
        new Lease4Table(SqlDialect.POSTGRESQL).check(lease4(LAST_MYSQL_SECOND, 3600));
    }

    @Test
    void binaryColumnsHoldWhatKeasMysqlColumnsHold() {
        Lease6 longDuid = new Lease6(Ipv6Address.parse("2001:db8::7"), 128, LeaseType6.NA, Octets.of(new byte[129]), 1,
                1800, 3600, 1_700_000_000L, 1, false, false, "", Octets.of(new byte[20]), LeaseState.DEFAULT);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new Lease6Table(SqlDialect.MYSQL).check(longDuid));
        assertEquals("lease6 2001:db8::7 NA: DUID is 129 octets, more than the 128 its column holds", refused.getMessage());
        new Lease6Table(SqlDialect.POSTGRESQL).check(longDuid);
    }

    @Test
    void aHostNameWithNulIsRefusedByPostgresqlOnly() {
        Lease4 nul = new Lease4(Ipv4.parse("192.0.2.8"), Octets.EMPTY, Octets.EMPTY, 3600, 1_700_000_000L, 1, false,
                false, "a\0b", LeaseState.DEFAULT);
        new Lease4Table(SqlDialect.MYSQL).check(nul);
        assertThrows(IllegalArgumentException.class, () -> new Lease4Table(SqlDialect.POSTGRESQL).check(nul));
    }

    @Test
    void settingsNameTheirDatabaseAndKeepThePasswordOutOfMessages() {
        SqlSettings settings = SqlSettings.of(SqlDialect.MYSQL, "2001:db8::5", 3306, "kea", "kea", "secret");
        assertEquals("jdbc:mariadb://[2001:db8::5]:3306/kea", settings.jdbcUrl());
        assertFalse(settings.toString().contains("secret"));
        assertEquals("kakapo admin db-init mysql", SqlDialect.MYSQL.adminCommand("db-init"));
        SqlSettings postgres = SqlSettings.of(SqlDialect.POSTGRESQL, "db", 5432, "kea", "kea", "");
        assertEquals("jdbc:postgresql://db:5432/kea", postgres.jdbcUrl());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> MysqlLeaseStore4.open(postgres));
        assertEquals("these settings are for postgresql, not mysql", wrong.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SqlSettings.of(SqlDialect.MYSQL, "db", 3306, "kea", "kea", "").withPool(2, 2));
    }

    private static Lease4 lease4(long cltt, long validLifetime) {
        return new Lease4(Ipv4.parse("192.0.2.7"), Octets.EMPTY, Octets.EMPTY, validLifetime, cltt, 1, false, false, "",
                LeaseState.DEFAULT);
    }
}
