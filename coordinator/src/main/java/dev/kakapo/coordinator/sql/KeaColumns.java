package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/** How Kea's PostgreSQL lease tables encode the values both lease families share. */
final class KeaColumns {

    /** VARCHAR(255): PostgreSQL counts characters. */
    static final int HOSTNAME_MAX_CHARACTERS = 255;
    static final long MAX_UINT32 = 0xffff_ffffL;
    /** The last second of year 9999: far beyond any lease, well inside TIMESTAMPTZ. */
    private static final long LAST_EXPIRE = 253_402_300_799L;

    private KeaColumns() {
    }

    /**
     * {@code INSERT ... ON CONFLICT (key) DO UPDATE} of every column when the row's change_seq is
     * not newer; parameters are the columns in order, then change_seq.
     */
    static String upsert(String table, List<String> columns, List<String> key) {
        String names = String.join(", ", columns);
        String parameters = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String updates = columns.stream().filter(c -> !key.contains(c))
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + names + ", change_seq) VALUES (" + parameters + ", ?)"
                + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + updates + ", change_seq = EXCLUDED.change_seq"
                + " WHERE " + table + ".change_seq <= EXCLUDED.change_seq";
    }

    /** Kea writes an absent identifier as an empty BYTEA, not NULL. */
    static byte[] bytea(Octets octets) {
        return octets.toByteArray();
    }

    /** NULL (rows other tools wrote) and empty both read as {@link Octets#EMPTY}. */
    static Octets octets(ResultSet row, int column) throws SQLException {
        return Octets.of(row.getBytes(column));
    }

    static OffsetDateTime expire(long unixSeconds) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(unixSeconds), ZoneOffset.UTC);
    }

    /** cltt, which Kea does not store: expire - valid_lifetime. */
    static long cltt(ResultSet row, int expireColumn, long validLifetime, String key) throws SQLException, IOException {
        OffsetDateTime expire = row.getObject(expireColumn, OffsetDateTime.class);
        if (expire == null) {
            throw new IOException(key + " has no expire time");
        }
        return expire.toEpochSecond() - validLifetime;
    }

    static long unsigned32(ResultSet row, int column, String what, String key) throws SQLException, IOException {
        long value = row.getLong(column);
        if (value < 0 || value > MAX_UINT32) {
            throw new IOException(key + " has " + what + " " + value + ", outside 0.." + MAX_UINT32);
        }
        return value;
    }

    static LeaseState state(ResultSet row, int column, String key) throws SQLException, IOException {
        long code = row.getLong(column);
        if (row.wasNull()) {
            return LeaseState.DEFAULT;
        }
        for (LeaseState state : LeaseState.values()) {
            if (state.code() == code) {
                return state;
            }
        }
        throw new IOException(key + " has unknown state " + code);
    }

    static String hostname(ResultSet row, int column) throws SQLException {
        String hostname = row.getString(column);
        return hostname == null ? "" : hostname;
    }

    /** Checks what every lease row holds: lifetimes, expire time and host name. */
    static void checkCommon(String key, long validLifetime, long cltt, String hostname) {
        if (validLifetime < 0 || validLifetime > MAX_UINT32) {
            throw new IllegalArgumentException(key + ": valid lifetime " + validLifetime + " is outside 0.." + MAX_UINT32);
        }
        long expire = cltt + validLifetime;
        if (cltt < 0 || expire > LAST_EXPIRE) {
            throw new IllegalArgumentException(key + ": expire time " + cltt + " + " + validLifetime
                    + " is outside 0.." + LAST_EXPIRE);
        }
        if (hostname.codePointCount(0, hostname.length()) > HOSTNAME_MAX_CHARACTERS) {
            throw new IllegalArgumentException(key + ": host name is longer than " + HOSTNAME_MAX_CHARACTERS + " characters");
        }
        int nul = hostname.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(key + ": host name holds a NUL character at index " + nul
                    + ", which PostgreSQL text cannot store");
        }
    }
}
