package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The payload of an IAADDR option (5, RFC 8415 section 21.6): a 16-byte address, its preferred and
 * valid lifetimes in seconds (unsigned 32-bit), then its options (STATUS_CODE). The address is
 * copied in and out.
 */
public record IaAddress(byte[] address, long preferredLifetime, long validLifetime, Options6 options) {
    static final int FIXED = 24;

    /** @throws IllegalArgumentException when the address is not 16 bytes or a lifetime not 32 bits */
    public IaAddress {
        address = FixedFields.address(address, "IAADDR address");
        FixedFields.checkUint32("preferred lifetime", preferredLifetime);
        FixedFields.checkUint32("valid lifetime", validLifetime);
        Objects.requireNonNull(options);
    }

    /** Errors name the byte at fault counted from the start of {@code payload}. */
    public static IaAddress decode(byte[] payload) throws MalformedPacketException {
        FixedFields.requireLength(payload, FIXED, "IAADDR");
        return new IaAddress(Arrays.copyOfRange(payload, 0, 16), FixedFields.uint32(payload, 16),
                FixedFields.uint32(payload, 20), Options6.decode(payload, FIXED, payload.length - FIXED, 0));
    }

    public byte[] encode() {
        byte[] out = new byte[FIXED + options.encodedLength()];
        System.arraycopy(address, 0, out, 0, 16);
        FixedFields.putUint32(out, 16, preferredLifetime);
        FixedFields.putUint32(out, 20, validLifetime);
        options.encodeInto(out, FIXED);
        return out;
    }

    /** This address as an IAADDR option. */
    public Option6 toOption() {
        return new Option6(OptionCode6.IAADDR, encode());
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IaAddress other && Arrays.equals(address, other.address)
                && preferredLifetime == other.preferredLifetime && validLifetime == other.validLifetime
                && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(address), preferredLifetime, validLifetime, options);
    }

    @Override
    public String toString() {
        return "IaAddress[" + HexFormat.of().formatHex(address) + ", preferred=" + preferredLifetime
                + ", valid=" + validLifetime + ", " + options + "]";
    }
}
