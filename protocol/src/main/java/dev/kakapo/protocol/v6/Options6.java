package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of one DHCPv6 message, relay message or encapsulating option, in wire order. Unlike
 * DHCPv4, a code may appear several times (one IA_NA per identity association) and instances are
 * never joined. Immutable.
 */
public final class Options6 {
    private static final Options6 NONE = new Options6(List.of());
    private static final int HEADER = 4; // option-code, option-len

    private final List<Option6> options;

    private Options6(List<Option6> options) {
        this.options = options;
    }

    /**
     * Decodes the options in {@code buf[off, off + len)}. Errors name the byte at fault counted
     * from {@code off}. The range itself must lie inside {@code buf} (IndexOutOfBoundsException).
     */
    public static Options6 decode(byte[] buf, int off, int len) throws MalformedPacketException {
        return decode(buf, off, len, off);
    }

    /** As {@link #decode(byte[], int, int)}, with error offsets counted from {@code base}. */
    static Options6 decode(byte[] buf, int off, int len, int base) throws MalformedPacketException {
        Objects.checkFromIndexSize(off, len, buf.length);
        List<Option6> out = new ArrayList<>();
        int at = off;
        int end = off + len;
        while (at < end) {
            if (end - at < HEADER) {
                throw new MalformedPacketException(Reason.OPTION_OVERRUN, at - base, "option header at byte "
                        + (at - base) + " needs 4 bytes but " + (end - at) + " remain");
            }
            int code = (buf[at] & 0xff) << 8 | (buf[at + 1] & 0xff);
            int length = (buf[at + 2] & 0xff) << 8 | (buf[at + 3] & 0xff);
            if (length > end - at - HEADER) {
                throw new MalformedPacketException(Reason.OPTION_OVERRUN, at - base, "option " + code
                        + " at byte " + (at - base) + " declares " + length + " bytes but "
                        + (end - at - HEADER) + " remain");
            }
            out.add(new Option6(code, java.util.Arrays.copyOfRange(buf, at + HEADER, at + HEADER + length)));
            at += HEADER + length;
        }
        return out.isEmpty() ? NONE : new Options6(List.copyOf(out));
    }

    public static Options6 of(List<Option6> options) {
        return options.isEmpty() ? NONE : new Options6(List.copyOf(options));
    }

    /** No options. */
    public static Options6 none() {
        return NONE;
    }

    /** Every option, in wire order. */
    public List<Option6> all() {
        return options;
    }

    /** Copies of the payloads of every instance of {@code code}, in wire order. */
    public List<byte[]> all(int code) {
        List<byte[]> out = new ArrayList<>();
        for (Option6 o : options) {
            if (o.code() == code) {
                out.add(o.data());
            }
        }
        return out;
    }

    /** A copy of the payload of the first instance of {@code code}, or null when there is none. */
    public byte[] first(int code) {
        for (Option6 o : options) {
            if (o.code() == code) {
                return o.data();
            }
        }
        return null;
    }

    public boolean contains(int code) {
        for (Option6 o : options) {
            if (o.code() == code) {
                return true;
            }
        }
        return false;
    }

    /** How many instances of {@code code} there are. */
    public int count(int code) {
        int n = 0;
        for (Option6 o : options) {
            if (o.code() == code) {
                n++;
            }
        }
        return n;
    }

    /** This list plus {@code option} at the end. */
    public Options6 with(Option6 option) {
        List<Option6> more = new ArrayList<>(options);
        more.add(option);
        return new Options6(List.copyOf(more));
    }

    /** The encoded size: 4 header bytes plus the payload per option. */
    public int encodedLength() {
        int n = 0;
        for (Option6 o : options) {
            n += HEADER + o.length();
        }
        return n;
    }

    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        encodeInto(out, 0);
        return out;
    }

    /** Writes the options at {@code at}; returns the index after the last byte written. */
    int encodeInto(byte[] out, int at) {
        for (Option6 o : options) {
            byte[] p = o.payload();
            out[at] = (byte) (o.code() >> 8);
            out[at + 1] = (byte) o.code();
            out[at + 2] = (byte) (p.length >> 8);
            out[at + 3] = (byte) p.length;
            System.arraycopy(p, 0, out, at + HEADER, p.length);
            at += HEADER + p.length;
        }
        return at;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Options6 other && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return options.hashCode();
    }

    @Override
    public String toString() {
        return options.toString();
    }
}
