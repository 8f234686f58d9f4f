package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Kea's CSV conventions, shared by the lease4 and lease6 files: columns found by header name,
 * numbers in unsigned decimal, byte strings as colon hex, booleans as 1/0, and today's escaping
 * of free text.
 *
 * <p>Rows are handled as ISO-8859-1 text, one char per file byte: hostnames are the only free
 * text, and they are escaped to ASCII on writing and turned back into UTF-8 bytes on reading.
 */
final class KeaCsv {

    /** Kea keeps lifetimes, subnet ids and IAIDs as unsigned 32-bit numbers. */
    static final long MAX_UINT32 = 0xffff_ffffL;

    private KeaCsv() {
    }

    /** Where each named column sits in one file, as its header line says. */
    static final class HeaderColumns {
        private final int count;
        private final Map<String, Integer> index = new HashMap<>();

        private HeaderColumns(String headerLine) {
            String[] names = headerLine.split(",", -1);
            count = names.length;
            for (int i = 0; i < names.length; i++) {
                index.putIfAbsent(names[i], i);
            }
        }

        static HeaderColumns of(String headerLine) {
            return new HeaderColumns(headerLine);
        }

        int count() {
            return count;
        }

        int required(String name) throws BadLeaseRowException {
            Integer at = index.get(name);
            if (at == null) {
                throw new BadLeaseRowException("header lacks column '" + name + "'");
            }
            return at;
        }

        /** The column's position, or -1 when the file is older than the column. */
        int optional(String name) {
            return index.getOrDefault(name, -1);
        }
    }

    /** Splits a row (without its line end) into exactly {@code count} fields. */
    static String[] fields(String row, int count) throws BadLeaseRowException {
        String[] field = row.split(",", -1);
        if (field.length != count) {
            throw new BadLeaseRowException("row has " + field.length + " columns, the header has " + count);
        }
        return field;
    }

    /**
     * The {@code valid_lifetime,expire} pair of a row; expire is cltt + valid lifetime.
     *
     * @param lease names the lease in the message when no file can hold these times
     */
    static String lifetimeAndExpire(String lease, long validLifetime, long cltt) {
        if (validLifetime < 0 || validLifetime > MAX_UINT32) {
            throw new IllegalArgumentException("lease " + lease + " has valid_lifetime " + validLifetime
                    + " outside 0.." + MAX_UINT32);
        }
        if (cltt < 0 || cltt > Long.MAX_VALUE - validLifetime) {
            throw new IllegalArgumentException("lease " + lease + " has cltt " + cltt
                    + ", not a time a lease file can hold");
        }
        return validLifetime + "," + (cltt + validLifetime);
    }

    /** The cltt of a row: its expire less its valid lifetime. */
    static long cltt(long validLifetime, long expire) throws BadLeaseRowException {
        if (expire < validLifetime) {
            throw new BadLeaseRowException("expire " + expire + " is earlier than valid_lifetime "
                    + validLifetime + " seconds after the epoch");
        }
        return expire - validLifetime;
    }

    static long unsigned(String column, String text, long max) throws BadLeaseRowException {
        boolean digits = !text.isEmpty() && text.length() <= 19 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        long value = digits ? Long.parseLong(text) : -1;
        if (value < 0 || value > max) {
            throw new BadLeaseRowException(column + " '" + text + "' is not a number in 0.." + max);
        }
        return value;
    }

    static Octets octets(String column, String text) throws BadLeaseRowException {
        try {
            return Octets.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadLeaseRowException(column + " '" + text + "' is not hex bytes joined by ':'");
        }
    }

    static boolean bool(String column, String text) throws BadLeaseRowException {
        switch (text) {
            case "1", "true" -> {
                return true;
            }
            case "0", "false" -> {
                return false;
            }
            default -> throw new BadLeaseRowException(column + " '" + text + "' is not 1 or 0");
        }
    }

    static char bool(boolean value) {
        return value ? '1' : '0';
    }

    /** The {@code state} column; files older than Kea 1.1 lack it ({@code at} is -1) and mean the default. */
    static LeaseState state(String[] field, int at) throws BadLeaseRowException {
        if (at < 0) {
            return LeaseState.DEFAULT;
        }
        String text = field[at];
        try {
            return LeaseState.fromCode((int) unsigned("state", text, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new BadLeaseRowException("state '" + text + "' is not a lease state (0, 1 or 2)");
        }
    }

    /**
     * Today's Kea escaping: each UTF-8 byte below 0x20 or above 0x7e, and ',' and '&' (which
     * would split the row or start an escape), becomes {@code &#x} and two hex digits.
     */
    static String escape(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v < 0x20 || v > 0x7e || v == ',' || v == '&') {
                out.append("&#x").append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xf, 16));
            } else {
                out.append((char) v);
            }
        }
        return out.toString();
    }

    /** Reverses {@link #escape}; text that only looks like the start of an escape stays as it is. */
    static String unescape(String fileText) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(fileText.length());
        int i = 0;
        while (i < fileText.length()) {
            if (fileText.startsWith("&#x", i) && i + 5 <= fileText.length()
                    && Character.digit(fileText.charAt(i + 3), 16) >= 0
                    && Character.digit(fileText.charAt(i + 4), 16) >= 0) {
                bytes.write(Character.digit(fileText.charAt(i + 3), 16) << 4 | Character.digit(fileText.charAt(i + 4), 16));
                i += 5;
            } else {
                bytes.write(fileText.charAt(i) & 0xff);
                i++;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
