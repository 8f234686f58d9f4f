package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One relay agent's header around a DHCPv6 message (RFC 8415 section 9): RELAY-FORW on the way to
 * the server, RELAY-REPL on the way back. {@code options} are the relay's options as received,
 * the relay-msg option (9) holding the message it relays included. The addresses are copied in
 * and out.
 *
 * @param linkAddress the 16-byte address that identifies the client's link (may be ::)
 * @param peerAddress the 16-byte address of the client or of the relay the message came from
 */
public record RelayMessage6(int typeCode, int hopCount, byte[] linkAddress, byte[] peerAddress,
                            Options6 options) {
    /** msg-type, hop-count, link-address, peer-address. */
    static final int HEADER = 34;

    /** @throws IllegalArgumentException when a field does not fit its place in the header */
    public RelayMessage6 {
        if (typeCode < 0 || typeCode > 0xff) {
            throw new IllegalArgumentException("message type " + typeCode + " does not fit a byte");
        }
        if (hopCount < 0 || hopCount > 0xff) {
            throw new IllegalArgumentException("hop count " + hopCount + " does not fit a byte");
        }
        if (linkAddress.length != 16 || peerAddress.length != 16) {
            throw new IllegalArgumentException("link and peer addresses are 16 bytes, not "
                    + linkAddress.length + " and " + peerAddress.length);
        }
        linkAddress = linkAddress.clone();
        peerAddress = peerAddress.clone();
        Objects.requireNonNull(options);
    }

    /** Decodes a relay header and its options; errors name the byte at fault counted from {@code base}. */
    static RelayMessage6 decode(byte[] data, int off, int len, int base) throws MalformedPacketException {
        if (len < HEADER) {
            throw new MalformedPacketException(Reason.TRUNCATED, off + len - base, "relay message is " + len
                    + " bytes; a relay header needs " + HEADER);
        }
        return new RelayMessage6(data[off] & 0xff, data[off + 1] & 0xff,
                Arrays.copyOfRange(data, off + 2, off + 18), Arrays.copyOfRange(data, off + 18, off + 34),
                Options6.decode(data, off + HEADER, len - HEADER, base));
    }

    /** The message type, or null when the type byte is none this server knows. */
    public MessageType6 type() {
        return MessageType6.fromCode(typeCode);
    }

    @Override
    public byte[] linkAddress() {
        return linkAddress.clone();
    }

    @Override
    public byte[] peerAddress() {
        return peerAddress.clone();
    }

    /** The interface-id option's payload (18), or null when the relay sent none. */
    public byte[] interfaceId() {
        return options.first(OptionCode6.INTERFACE_ID);
    }

    /** The header followed by the options, exactly as held. */
    public byte[] encode() {
        byte[] out = new byte[HEADER + options.encodedLength()];
        out[0] = (byte) typeCode;
        out[1] = (byte) hopCount;
        System.arraycopy(linkAddress, 0, out, 2, 16);
        System.arraycopy(peerAddress, 0, out, 18, 16);
        options.encodeInto(out, HEADER);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayMessage6 other && typeCode == other.typeCode && hopCount == other.hopCount
                && Arrays.equals(linkAddress, other.linkAddress) && Arrays.equals(peerAddress, other.peerAddress)
                && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(typeCode, hopCount, Arrays.hashCode(linkAddress), Arrays.hashCode(peerAddress), options);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "RelayMessage6[type=" + typeCode + ", hops=" + hopCount + ", link=" + hex.formatHex(linkAddress)
                + ", peer=" + hex.formatHex(peerAddress) + ", " + options + "]";
    }
}
