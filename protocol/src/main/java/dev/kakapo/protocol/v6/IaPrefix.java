package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The payload of an IAPREFIX option (26, RFC 8415 section 21.22): preferred and valid lifetimes
 * in seconds (unsigned 32-bit), the prefix length, the 16-byte prefix, then its options
 * (STATUS_CODE). The prefix is copied in and out.
 */
public record IaPrefix(long preferredLifetime, long validLifetime, int prefixLength, byte[] prefix,
                       Options6 options) {
    static final int FIXED = 25;

    /** @throws IllegalArgumentException when a field does not fit its place in the payload */
    public IaPrefix {
        FixedFields.checkUint32("preferred lifetime", preferredLifetime);
        FixedFields.checkUint32("valid lifetime", validLifetime);
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..128");
        }
        prefix = FixedFields.address(prefix, "IAPREFIX prefix");
        Objects.requireNonNull(options);
    }

    /** Errors name the byte at fault counted from the start of {@code payload}. */
    public static IaPrefix decode(byte[] payload) throws MalformedPacketException {
        FixedFields.requireLength(payload, FIXED, "IAPREFIX");
        int length = payload[8] & 0xff;
        if (length > 128) {
            throw new MalformedPacketException(Reason.BAD_PREFIX_LENGTH, 8, "IAPREFIX prefix length "
                    + length + " is above 128");
        }
        return new IaPrefix(FixedFields.uint32(payload, 0), FixedFields.uint32(payload, 4), length,
                Arrays.copyOfRange(payload, 9, 25), Options6.decode(payload, FIXED, payload.length - FIXED, 0));
    }

    public byte[] encode() {
        byte[] out = new byte[FIXED + options.encodedLength()];
        FixedFields.putUint32(out, 0, preferredLifetime);
        FixedFields.putUint32(out, 4, validLifetime);
        out[8] = (byte) prefixLength;
        System.arraycopy(prefix, 0, out, 9, 16);
        options.encodeInto(out, FIXED);
        return out;
    }

    /** This prefix as an IAPREFIX option. */
    public Option6 toOption() {
        return new Option6(OptionCode6.IAPREFIX, encode());
    }

    @Override
    public byte[] prefix() {
        return prefix.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IaPrefix other && preferredLifetime == other.preferredLifetime
                && validLifetime == other.validLifetime && prefixLength == other.prefixLength
                && Arrays.equals(prefix, other.prefix) && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(preferredLifetime, validLifetime, prefixLength, Arrays.hashCode(prefix), options);
    }

    @Override
    public String toString() {
        return "IaPrefix[" + HexFormat.of().formatHex(prefix) + "/" + prefixLength + ", preferred="
                + preferredLifetime + ", valid=" + validLifetime + ", " + options + "]";
    }
}
