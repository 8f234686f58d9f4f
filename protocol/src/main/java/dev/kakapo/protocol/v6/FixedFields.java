package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;

/** The fixed-size big-endian fields that start IA, IAADDR, IAPREFIX and status code payloads. */
final class FixedFields {
    private FixedFields() {
    }

    static void requireLength(byte[] payload, int fixed, String what) throws MalformedPacketException {
        if (payload.length < fixed) {
            throw new MalformedPacketException(Reason.TRUNCATED, payload.length, what + " payload is "
                    + payload.length + " bytes; its fixed fields need " + fixed);
        }
    }

    static long uint32(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static void putUint32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    static void checkUint32(String name, long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(name + " " + v + " does not fit 32 unsigned bits");
        }
    }

    static byte[] address(byte[] address, String name) {
        if (address.length != 16) {
            throw new IllegalArgumentException(name + " is " + address.length + " bytes; an IPv6 address is 16");
        }
        return address.clone();
    }
}
