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

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Kea's text form: "01:02:0a". */
    @Override
    public String toString() {
        return COLON_HEX.formatHex(bytes);
    }
}
