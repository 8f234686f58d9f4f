package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import java.util.Objects;

/**
 * The payload of an IA_NA (3, RFC 8415 section 21.4) or IA_PD option (25, section 21.21): the
 * IAID, T1 and T2 in seconds, then the IA's options (IAADDR or IAPREFIX, STATUS_CODE). Both have
 * this one layout; {@code code} says which option the IA is. The numbers are unsigned 32-bit values.
 */
public record IdentityAssociation(int code, long iaid, long t1, long t2, Options6 options) {
    static final int FIXED = 12;

    /** @throws IllegalArgumentException when the code is not IA_NA or IA_PD, or a number does not fit 32 unsigned bits */
    public IdentityAssociation {
        if (code != OptionCode6.IA_NA && code != OptionCode6.IA_PD) {
            throw new IllegalArgumentException("option " + code + " is not an IA_NA or IA_PD");
        }
        FixedFields.checkUint32("iaid", iaid);
        FixedFields.checkUint32("T1", t1);
        FixedFields.checkUint32("T2", t2);
        Objects.requireNonNull(options);
    }

    public static IdentityAssociation iaNa(long iaid, long t1, long t2, Options6 options) {
        return new IdentityAssociation(OptionCode6.IA_NA, iaid, t1, t2, options);
    }

    public static IdentityAssociation iaPd(long iaid, long t1, long t2, Options6 options) {
        return new IdentityAssociation(OptionCode6.IA_PD, iaid, t1, t2, options);
    }

    /** An IA_NA payload; errors name the byte at fault counted from the start of {@code payload}. */
    public static IdentityAssociation decodeIaNa(byte[] payload) throws MalformedPacketException {
        return decode(OptionCode6.IA_NA, payload);
    }

    /** An IA_PD payload; errors name the byte at fault counted from the start of {@code payload}. */
    public static IdentityAssociation decodeIaPd(byte[] payload) throws MalformedPacketException {
        return decode(OptionCode6.IA_PD, payload);
    }

    private static IdentityAssociation decode(int code, byte[] payload) throws MalformedPacketException {
        FixedFields.requireLength(payload, FIXED, code == OptionCode6.IA_NA ? "IA_NA" : "IA_PD");
        return new IdentityAssociation(code, FixedFields.uint32(payload, 0), FixedFields.uint32(payload, 4),
                FixedFields.uint32(payload, 8), Options6.decode(payload, FIXED, payload.length - FIXED, 0));
    }

    public byte[] encode() {
        byte[] out = new byte[FIXED + options.encodedLength()];
        FixedFields.putUint32(out, 0, iaid);
        FixedFields.putUint32(out, 4, t1);
        FixedFields.putUint32(out, 8, t2);
        options.encodeInto(out, FIXED);
        return out;
    }

    /** This IA as its option (IA_NA or IA_PD). */
    public Option6 toOption() {
        return new Option6(code, encode());
    }
}
