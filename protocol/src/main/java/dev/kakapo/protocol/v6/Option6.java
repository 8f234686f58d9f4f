package dev.kakapo.protocol.v6;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One DHCPv6 option as on the wire: a 16-bit code and its payload. Equal when code and payload
 * bytes are; the payload is copied in and out, so an Option6 never changes.
 */
public record Option6(int code, byte[] data) {

    /** @throws IllegalArgumentException when the code or the payload does not fit 16 bits */
    public Option6 {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("option code " + code + " is outside 0..65535");
        }
        if (data.length > 0xffff) {
            throw new IllegalArgumentException("option " + code + " payload is " + data.length
                    + " bytes; at most 65535 fit");
        }
        data = data.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The payload length. */
    public int length() {
        return data.length;
    }

    /** The payload without a copy, for the codecs in this package. */
    byte[] payload() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Option6 other && code == other.code && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return code + "=" + HexFormat.of().formatHex(data);
    }
}
