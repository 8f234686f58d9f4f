package dev.kakapo.coordinator.lease;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: a hardware address, a client identifier or a DUID as the lease
 * store keeps it. Text form is Kea's: lowercase hex bytes joined by ':'.
 */
public final class Octets implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final Octets EMPTY = new Octets(new byte[0]);
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Octets of(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /** Parses Kea's text form ("01:02:0a", also plain "01020a"); empty text is the empty string. */
    public static Octets parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return EMPTY;
        }
        return new Octets(s.indexOf(':') >= 0 ? COLON_HEX.parseHex(s) : HexFormat.of().parseHex(s));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    /**
     * Hash tables key millions of leases by these (the client index, the lease file's table), and
     * Arrays.hashCode collides on hardware addresses that differ only in their last bytes (31 times
     * one byte's step cancels the next byte's): the bytes go in eight at a time, each word mixed
     * ({@link SplitMix}), so no two strings of up to eight bytes share a 64-bit state.
     */
    @Override
    public int hashCode() {
        long h = bytes.length;
        for (int i = 0; i < bytes.length; i += 8) {
            long word = 0;
            for (int j = i; j < Math.min(i + 8, bytes.length); j++) {
                word = word << 8 | (bytes[j] & 0xff);
            }
            h = SplitMix.mix(h * SplitMix.GOLDEN + word);
        }
        return (int) (h ^ (h >>> 32));
    }

    /** Kea's text form: "01:02:0a". */
    @Override
    public String toString() {
        return COLON_HEX.formatHex(bytes);
    }
}
