package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.util.Objects;

/**
 * A DHCPv6 client or server message (RFC 8415 section 8): msg-type, a 24-bit transaction id and
 * the options. Relay messages have another header and are {@link RelayMessage6}s. Immutable.
 */
public final class Message6 {
    static final int HEADER = 4; // msg-type, transaction-id

    private final int typeCode;
    private final int transactionId;
    private final Options6 options;

    private Message6(int typeCode, int transactionId, Options6 options) {
        this.typeCode = typeCode;
        this.transactionId = transactionId;
        this.options = options;
    }

    /**
     * Decodes the message in {@code data[off, off + len)}; errors name the byte at fault counted
     * from {@code off}. The range itself must lie inside {@code data} (IndexOutOfBoundsException).
     */
    public static Message6 decode(byte[] data, int off, int len) throws MalformedPacketException {
        return decode(data, off, len, off);
    }

    public static Message6 decode(byte[] data) throws MalformedPacketException {
        return decode(data, 0, data.length);
    }

    /** As {@link #decode(byte[], int, int)}, with error offsets counted from {@code base}. */
    static Message6 decode(byte[] data, int off, int len, int base) throws MalformedPacketException {
        Objects.checkFromIndexSize(off, len, data.length);
        if (len < HEADER) {
            throw new MalformedPacketException(Reason.TRUNCATED, off + len - base, "message is " + len
                    + " bytes; a DHCPv6 message needs at least " + HEADER);
        }
        int type = data[off] & 0xff;
        if (MessageType6.isRelay(type)) {
            throw new MalformedPacketException(Reason.BAD_RELAY_MESSAGE, off - base, "message type " + type
                    + " is a relay message, not a client or server message");
        }
        int xid = (data[off + 1] & 0xff) << 16 | (data[off + 2] & 0xff) << 8 | (data[off + 3] & 0xff);
        return new Message6(type, xid, Options6.decode(data, off + HEADER, len - HEADER, base));
    }

    /**
     * @throws IllegalArgumentException when the type is not a byte or is a relay type, or the
     *                                  transaction id does not fit 24 bits
     */
    public static Message6 of(int typeCode, int transactionId, Options6 options) {
        if (typeCode < 0 || typeCode > 0xff || MessageType6.isRelay(typeCode)) {
            throw new IllegalArgumentException("message type " + typeCode
                    + " is not a client or server message type");
        }
        if (transactionId < 0 || transactionId > 0xffffff) {
            throw new IllegalArgumentException("transaction id " + transactionId + " does not fit 24 bits");
        }
        return new Message6(typeCode, transactionId, Objects.requireNonNull(options));
    }

    /** The message type, or null when the type byte is none this server knows. */
    public MessageType6 type() {
        return MessageType6.fromCode(typeCode);
    }

    public int typeCode() {
        return typeCode;
    }

    /** The 24-bit transaction id (0..0xffffff). */
    public int transactionId() {
        return transactionId;
    }

    public Options6 options() {
        return options;
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER + options.encodedLength()];
        out[0] = (byte) typeCode;
        out[1] = (byte) (transactionId >> 16);
        out[2] = (byte) (transactionId >> 8);
        out[3] = (byte) transactionId;
        options.encodeInto(out, HEADER);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message6 other && typeCode == other.typeCode
                && transactionId == other.transactionId && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(typeCode, transactionId, options);
    }

    @Override
    public String toString() {
        MessageType6 t = type();
        return (t == null ? "type " + typeCode : t.name()) + " xid=" + Integer.toHexString(transactionId)
                + " " + options;
    }
}
