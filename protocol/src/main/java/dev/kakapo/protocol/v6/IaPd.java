package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import java.util.Objects;

/**
 * The payload of an IA_PD option (25, RFC 8415 section 21.21): the IAID, T1 and T2 in seconds, then
 * the IA's options (IAPREFIX, STATUS_CODE). The numbers are unsigned 32-bit values.
 */
public record IaPd(long iaid, long t1, long t2, Options6 options) {
    static final int FIXED = 12;

    /** @throws IllegalArgumentException when a number does not fit 32 unsigned bits */
    public IaPd {
        FixedFields.checkUint32("iaid", iaid);
        FixedFields.checkUint32("T1", t1);
        FixedFields.checkUint32("T2", t2);
        Objects.requireNonNull(options);
    }

    /** Errors name the byte at fault counted from the start of {@code payload}. */
    public static IaPd decode(byte[] payload) throws MalformedPacketException {
        FixedFields.requireLength(payload, FIXED, "IA_PD");
        return new IaPd(FixedFields.uint32(payload, 0), FixedFields.uint32(payload, 4), FixedFields.uint32(payload, 8),
                Options6.decode(payload, FIXED, payload.length - FIXED, 0));
    }

    public byte[] encode() {
        byte[] out = new byte[FIXED + options.encodedLength()];
        FixedFields.putUint32(out, 0, iaid);
        FixedFields.putUint32(out, 4, t1);
        FixedFields.putUint32(out, 8, t2);
        options.encodeInto(out, FIXED);
        return out;
    }

    /** This IA as an IA_PD option. */
    public Option6 toOption() {
        return new Option6(OptionCode6.IA_PD, encode());
    }
}
