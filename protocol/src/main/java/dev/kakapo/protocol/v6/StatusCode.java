package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The payload of a status code option (13, RFC 8415 section 21.13): a 16-bit code and a UTF-8
 * message for people (possibly empty).
 */
public record StatusCode(int code, String message) {

    /** @throws IllegalArgumentException when the code does not fit 16 bits */
    public StatusCode {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("status code " + code + " is outside 0..65535");
        }
        Objects.requireNonNull(message);
    }

    public static StatusCode of(StatusCode6 status, String message) {
        return new StatusCode(status.code(), message);
    }

    /** Undecodable UTF-8 in the message becomes U+FFFD; errors name the byte counted from the payload start. */
    public static StatusCode decode(byte[] payload) throws MalformedPacketException {
        FixedFields.requireLength(payload, 2, "status code");
        return new StatusCode((payload[0] & 0xff) << 8 | (payload[1] & 0xff),
                new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    /** The status this code stands for, or null when it is none RFC 8415 section 21.13 lists. */
    public StatusCode6 status() {
        return StatusCode6.fromCode(code);
    }

    public byte[] encode() {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[2 + text.length];
        out[0] = (byte) (code >> 8);
        out[1] = (byte) code;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    /** This status as a status code option. */
    public Option6 toOption() {
        return new Option6(OptionCode6.STATUS_CODE, encode());
    }
}
