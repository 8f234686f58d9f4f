package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

import java.io.IOException;
import java.nio.ByteBuffer;

/** How Kea's CQL lease tables encode the values both lease families share. */
final class KeaCqlColumns {

    static final long MAX_UINT32 = 0xffff_ffffL;
    /** Kakapo's limit for host names in every store: a DNS name has at most 255 octets. */
    static final int HOSTNAME_MAX_CHARACTERS = 255;
    /** The last second of year 9999, the limit the SQL store has too. */
    private static final long LAST_EXPIRE = 253_402_300_799L;

    private KeaCqlColumns() {
    }

    /** Kea writes an absent identifier as an empty blob, not null. */
    static ByteBuffer blob(Octets octets) {
        return ByteBuffer.wrap(octets.toByteArray());
    }

    /** Null (rows other tools wrote) and empty both read as {@link Octets#EMPTY}. */
    static Octets octets(Row row, String column) {
        ByteBuffer blob = row.getByteBuffer(column);
        if (blob == null || !blob.hasRemaining()) {
            return Octets.EMPTY;
        }
        byte[] bytes = new byte[blob.remaining()];
        blob.duplicate().get(bytes);
        return Octets.of(bytes);
    }

    /** A bigint column holding an unsigned 32-bit value (a lifetime). */
    static long unsigned32(Row row, String column, String key) throws IOException {
        if (row.isNull(column)) {
            throw new IOException(key + " has no " + column);
        }
        long value = row.getLong(column);
        if (value < 0 || value > MAX_UINT32) {
            throw new IOException(key + " has " + column + " " + value + ", outside 0.." + MAX_UINT32);
        }
        return value;
    }

    /** cltt, which Kea does not store: expire - valid_lifetime. */
    static long cltt(Row row, long validLifetime, String key) throws IOException {
        if (row.isNull("expire")) {
            throw new IOException(key + " has no expire time");
        }
        return row.getLong("expire") - validLifetime;
    }

    /** An int column holding unsigned 32 bits as Kea casts them (subnet_id, iaid); null reads as 0. */
    static long unsignedInt(Row row, String column) {
        return Integer.toUnsignedLong(row.getInt(column));
    }

    static LeaseState state(Row row, String key) throws IOException {
        if (row.isNull("state")) {
            return LeaseState.DEFAULT;
        }
        int code = row.getInt("state");
        for (LeaseState state : LeaseState.values()) {
            if (state.code() == code) {
                return state;
            }
        }
        throw new IOException(key + " has unknown state " + code);
    }

    static String hostname(Row row) {
        String hostname = row.getString("hostname");
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
        // varchar is UTF-8: a lone surrogate would be written as '?' and read back different.
        for (int i = 0; i < hostname.length(); i++) {
            char c = hostname.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < hostname.length() && Character.isLowSurrogate(hostname.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(key + ": host name holds a lone UTF-16 surrogate at index " + i
                        + ", which UTF-8 text cannot store");
            }
        }
    }
}
