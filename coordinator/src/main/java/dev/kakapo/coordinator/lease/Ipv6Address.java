package dev.kakapo.coordinator.lease;

import java.io.Serializable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 address as two unsigned 64-bit halves: compact, comparable, and cheap to step through
 * a pool. Text form is RFC 5952's (lowercase, longest zero run compressed), as Kea writes it.
 */
public record Ipv6Address(long high, long low) implements Comparable<Ipv6Address>, Serializable {

    /** The addresses of a pool differ in a few middle bits, which a hash table's bucket index would barely see. */
    @Override
    public int hashCode() {
        long h = SplitMix.mix(high * SplitMix.GOLDEN + low);
        return (int) (h ^ (h >>> 32));
    }

    /** Parses any textual IPv6 form; IllegalArgumentException naming the text when it is not one. */
    public static Ipv6Address parse(String text) {
        String s = text.strip();
        if (s.indexOf(':') < 0 || !s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
        }
        try {
            // Only hex digits, ':' and '.' reach here: InetAddress reads such text as a literal
            // and never looks it up as a host name (which text like "host:name" would cause).
            InetAddress a = InetAddress.getByName(s);
            if (!(a instanceof Inet6Address)) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
            }
            return fromBytes(a.getAddress(), 0);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
        }
    }

    public static Ipv6Address fromBytes(byte[] b, int off) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[off + i] & 0xff);
            lo = (lo << 8) | (b[off + 8 + i] & 0xff);
        }
        return new Ipv6Address(hi, lo);
    }

    public byte[] toBytes() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[7 - i] = (byte) (high >>> (8 * i));
            b[15 - i] = (byte) (low >>> (8 * i));
        }
        return b;
    }

    /** This address plus {@code n} (unsigned, carrying into the high half). */
    public Ipv6Address plus(long n) {
        long lo = low + n;
        long carry = Long.compareUnsigned(lo, low) < 0 ? 1 : 0;
        return new Ipv6Address(high + carry, lo);
    }

    /** The first address of the /{@code length} prefix holding this address. */
    public Ipv6Address masked(int length) {
        if (length <= 0) {
            return new Ipv6Address(0, 0);
        }
        if (length < 64) {
            return new Ipv6Address(high & (-1L << (64 - length)), 0);
        }
        if (length == 64) {
            return new Ipv6Address(high, 0);
        }
        return new Ipv6Address(high, length >= 128 ? low : low & (-1L << (128 - length)));
    }

    /** Whether this address lies in {@code prefix}/{@code length}. */
    public boolean within(Ipv6Address prefix, int length) {
        return masked(length).equals(prefix.masked(length));
    }

    @Override
    public int compareTo(Ipv6Address o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /** RFC 5952 text. */
    public String toText() {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            g[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toText();
    }
}
