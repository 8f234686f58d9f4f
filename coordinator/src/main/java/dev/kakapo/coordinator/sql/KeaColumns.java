package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How Kea's SQL lease tables encode the values both lease families share. */
final class KeaColumns {

    /** VARCHAR(255): PostgreSQL and MySQL (utf8mb4) both count characters. */
    static final int HOSTNAME_MAX_CHARACTERS = 255;
    static final long MAX_UINT32 = 0xffff_ffffL;

    private KeaColumns() {
    }

    /** Kea writes an absent identifier as an empty binary string, not NULL. */
    static byte[] bytea(Octets octets) {
        return octets.toByteArray();
    }

    /** NULL (rows other tools wrote) and empty both read as {@link Octets#EMPTY}. */
    static Octets octets(ResultSet row, int column) throws SQLException {
        return Octets.of(row.getBytes(column));
    }

    /** cltt, which Kea does not store: expire - valid_lifetime. */
    static long cltt(SqlDialect dialect, ResultSet row, int expireColumn, long validLifetime, String key)
            throws SQLException, IOException {
        Long expire = dialect.readExpire(row, expireColumn);
        if (expire == null) {
            throw new IOException(key + " has no expire time");
        }
        return expire - validLifetime;
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
    static void checkCommon(SqlDialect dialect, String key, long validLifetime, long cltt, String hostname) {
        if (validLifetime < 0 || validLifetime > MAX_UINT32) {
            throw new IllegalArgumentException(key + ": valid lifetime " + validLifetime + " is outside 0.." + MAX_UINT32);
        }
        long expire = cltt + validLifetime;
        if (cltt < 0 || expire < dialect.firstExpire() || expire > dialect.lastExpire()) {
            throw new IllegalArgumentException(key + ": expire time " + cltt + " + " + validLifetime
                    + " is outside " + dialect.firstExpire() + ".." + dialect.lastExpire()
                    + (dialect == SqlDialect.MYSQL ? " (a MySQL TIMESTAMP ends in January 2038)" : ""));
        }
        if (hostname.codePointCount(0, hostname.length()) > HOSTNAME_MAX_CHARACTERS) {
            throw new IllegalArgumentException(key + ": host name is longer than " + HOSTNAME_MAX_CHARACTERS + " characters");
        }
        int nul = hostname.indexOf('\0');
        if (nul >= 0 && !dialect.textHoldsNul()) {
            throw new IllegalArgumentException(key + ": host name holds a NUL character at index " + nul
                    + ", which PostgreSQL text cannot store");
        }
    }

    /** Checks that a binary column of {@code maxOctets} holds the value. */
    static void checkOctets(String key, String what, Octets value, int maxOctets) {
        if (value.length() > maxOctets) {
            throw new IllegalArgumentException(key + ": " + what + " is " + value.length() + " octets, more than the "
                    + maxOctets + " its column holds");
        }
    }
}
