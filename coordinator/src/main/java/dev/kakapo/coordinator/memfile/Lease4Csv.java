package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One row of Kea's lease4 CSV file. Kakapo writes the Kea 1.1 columns, which every Kea since 1.1
 * reads; it reads files of any Kea version by finding its columns by header name, so the
 * {@code user_context} and {@code pool_id} columns of newer files are simply skipped.
 *
 * <p>Rows are handled as ISO-8859-1 text, one char per file byte: hostnames are the only free
 * text, and they are escaped to ASCII on writing and turned back into UTF-8 bytes on reading.
 */
final class Lease4Csv {
    static final String HEADER =
            "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state";

    /** Kea keeps lifetimes and subnet ids as unsigned 32-bit numbers. */
    static final long MAX_UINT32 = 0xffff_ffffL;

    private Lease4Csv() {
    }

    /**
     * Where the columns Kakapo reads sit in one file's rows. {@code state} is -1 in files older
     * than Kea 1.1, whose leases are all in the default state.
     */
    record Columns(int count, int address, int hwaddr, int clientId, int validLifetime, int expire,
                   int subnetId, int fqdnFwd, int fqdnRev, int hostname, int state) {

        static Columns ofHeader(String headerLine) throws BadLeaseRowException {
            String[] names = headerLine.split(",", -1);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                index.putIfAbsent(names[i], i);
            }
            return new Columns(names.length,
                    required(index, "address"), required(index, "hwaddr"), required(index, "client_id"),
                    required(index, "valid_lifetime"), required(index, "expire"), required(index, "subnet_id"),
                    required(index, "fqdn_fwd"), required(index, "fqdn_rev"), required(index, "hostname"),
                    index.getOrDefault("state", -1));
        }

        private static int required(Map<String, Integer> index, String name) throws BadLeaseRowException {
            Integer at = index.get(name);
            if (at == null) {
                throw new BadLeaseRowException("header lacks column '" + name + "'");
            }
            return at;
        }
    }

    /** The row recording {@code lease} as it now is; valid lifetime 0 is refused, it means deletion. */
    static String liveRow(Lease4 lease) {
        if (lease.validLifetime() == 0) {
            throw new IllegalArgumentException("lease " + lease.addressText()
                    + " has valid_lifetime 0, which marks a deletion in the lease file; remove it instead");
        }
        return row(lease, lease.validLifetime());
    }

    /** Kea's deletion marker: the lease row with valid lifetime 0 (so expire equals cltt). */
    static String deletionRow(Lease4 lease) {
        return row(lease, 0);
    }

    private static String row(Lease4 lease, long validLifetime) {
        if (validLifetime < 0 || validLifetime > MAX_UINT32) {
            throw new IllegalArgumentException("lease " + lease.addressText() + " has valid_lifetime "
                    + validLifetime + " outside 0.." + MAX_UINT32);
        }
        if (lease.cltt() < 0 || lease.cltt() > Long.MAX_VALUE - validLifetime) {
            throw new IllegalArgumentException("lease " + lease.addressText() + " has cltt " + lease.cltt()
                    + ", not a time a lease file can hold");
        }
        return Ipv4.toText(lease.address()) + ',' + lease.hwAddress() + ',' + lease.clientId() + ','
                + validLifetime + ',' + (lease.cltt() + validLifetime) + ','
                + Integer.toUnsignedString(lease.subnetId()) + ','
                + (lease.fqdnFwd() ? '1' : '0') + ',' + (lease.fqdnRev() ? '1' : '0') + ','
                + escape(lease.hostname()) + ',' + lease.state().code() + '\n';
    }

    /**
     * Reads one row (without its line end). A returned lease with valid lifetime 0 is a deletion.
     *
     * @throws BadLeaseRowException naming the column and value at fault
     */
    static Lease4 parse(String line, Columns columns) throws BadLeaseRowException {
        String[] field = line.split(",", -1);
        if (field.length != columns.count()) {
            throw new BadLeaseRowException("row has " + field.length + " columns, the header has " + columns.count());
        }
        int address = address(field[columns.address()]);
        Octets hwAddress = octets("hwaddr", field[columns.hwaddr()]);
        Octets clientId = octets("client_id", field[columns.clientId()]);
        long validLifetime = unsigned("valid_lifetime", field[columns.validLifetime()], MAX_UINT32);
        long expire = unsigned("expire", field[columns.expire()], Long.MAX_VALUE);
        if (expire < validLifetime) {
            throw new BadLeaseRowException("expire " + expire + " is earlier than valid_lifetime "
                    + validLifetime + " seconds after the epoch");
        }
        int subnetId = (int) unsigned("subnet_id", field[columns.subnetId()], MAX_UINT32);
        boolean fqdnFwd = bool("fqdn_fwd", field[columns.fqdnFwd()]);
        boolean fqdnRev = bool("fqdn_rev", field[columns.fqdnRev()]);
        String hostname = unescape(field[columns.hostname()]);
        LeaseState state = columns.state() < 0 ? LeaseState.DEFAULT : state(field[columns.state()]);
        return new Lease4(address, hwAddress, clientId, validLifetime, expire - validLifetime,
                subnetId, fqdnFwd, fqdnRev, hostname, state);
    }

    private static int address(String text) throws BadLeaseRowException {
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadLeaseRowException("address '" + text + "' is not an IPv4 address");
        }
    }

    private static Octets octets(String column, String text) throws BadLeaseRowException {
        try {
            return Octets.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadLeaseRowException(column + " '" + text + "' is not hex bytes joined by ':'");
        }
    }

    private static long unsigned(String column, String text, long max) throws BadLeaseRowException {
        boolean digits = !text.isEmpty() && text.length() <= 19 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        long value = digits ? Long.parseLong(text) : -1;
        if (value < 0 || value > max) {
            throw new BadLeaseRowException(column + " '" + text + "' is not a number in 0.." + max);
        }
        return value;
    }

    private static boolean bool(String column, String text) throws BadLeaseRowException {
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

    private static LeaseState state(String text) throws BadLeaseRowException {
        try {
            return LeaseState.fromCode((int) unsigned("state", text, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new BadLeaseRowException("state '" + text + "' is not a DHCPv4 lease state (0, 1 or 2)");
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
