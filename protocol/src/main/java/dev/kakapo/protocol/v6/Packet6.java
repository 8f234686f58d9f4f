package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DHCPv6 packet as it arrives: the client's message, wrapped in one relay message per relay agent
 * it crossed. Decoding unwraps every relay header (RELAY-FORW, or RELAY-REPL when reading a reply
 * back) down to the client's message; {@link #encodeReply} wraps the server's answer the same way
 * so it retraces the path. Immutable.
 */
public final class Packet6 {
    /**
     * The deepest relay nesting accepted: RFC 3315's HOP_COUNT_LIMIT, the hop count past which a
     * relay must drop a message (RFC 8415 lowered it to 8; Kea 1.1 follows RFC 3315).
     */
    public static final int MAX_RELAY_DEPTH = 32;

    private final List<RelayMessage6> relays;
    private final Message6 message;

    private Packet6(List<RelayMessage6> relays, Message6 message) {
        this.relays = relays;
        this.message = message;
    }

    /**
     * Decodes the packet in {@code data[off, off + len)}; errors name the byte at fault counted from
     * {@code off}, also inside nested relay messages. The range itself must lie inside {@code data}
     * (IndexOutOfBoundsException).
     */
    public static Packet6 decode(byte[] data, int off, int len) throws MalformedPacketException {
        Objects.checkFromIndexSize(off, len, data.length);
        List<RelayMessage6> relays = new ArrayList<>();
        int at = off;
        int size = len;
        while (size > 0 && MessageType6.isRelay(data[at] & 0xff)) {
            if (relays.size() == MAX_RELAY_DEPTH) {
                throw new MalformedPacketException(Reason.RELAY_TOO_DEEP, at - off, "relay message at byte "
                        + (at - off) + " is nested " + (MAX_RELAY_DEPTH + 1) + " deep; at most "
                        + MAX_RELAY_DEPTH + " relays are accepted");
            }
            RelayMessage6 relay = RelayMessage6.decode(data, at, size, off);
            int relayed = relayMessageAt(relay, at, off);
            relays.add(relay);
            size = (data[relayed - 2] & 0xff) << 8 | (data[relayed - 1] & 0xff); // the option's length
            at = relayed;
        }
        return new Packet6(List.copyOf(relays), Message6.decode(data, at, size, off));
    }

    public static Packet6 decode(byte[] data) throws MalformedPacketException {
        return decode(data, 0, data.length);
    }

    /** Where the payload of the relay's one relay-msg option starts in the buffer. */
    private static int relayMessageAt(RelayMessage6 relay, int relayAt, int base) throws MalformedPacketException {
        int found = -1;
        int at = relayAt + RelayMessage6.HEADER;
        for (Option6 o : relay.options().all()) {
            if (o.code() == OptionCode6.RELAY_MSG) {
                if (found >= 0) {
                    throw new MalformedPacketException(Reason.BAD_RELAY_MESSAGE, at - base, "relay message at byte "
                            + (relayAt - base) + " carries a second relay-msg option at byte " + (at - base));
                }
                found = at + 4;
            }
            at += 4 + o.length();
        }
        if (found < 0) {
            throw new MalformedPacketException(Reason.BAD_RELAY_MESSAGE, relayAt - base, "relay message at byte "
                    + (relayAt - base) + " carries no relay-msg option (9)");
        }
        return found;
    }

    /** The relays, index 0 the one closest to the server (the outermost); empty when not relayed. */
    public List<RelayMessage6> relays() {
        return relays;
    }

    /** The client's message, innermost. */
    public Message6 message() {
        return message;
    }

    /**
     * The packet for {@code reply}: the reply itself when this packet was not relayed, else the
     * reply inside one RELAY-REPL per relay, mirroring {@link #relays()}: same hop count, link and
     * peer address, and the relay's interface-id option (18) echoed before the relay-msg option
     * when it sent one.
     */
    public Packet6 reply(Message6 reply) {
        List<RelayMessage6> back = new ArrayList<>(relays.size());
        for (RelayMessage6 relay : relays) {
            List<Option6> options = new ArrayList<>(2);
            byte[] interfaceId = relay.interfaceId();
            if (interfaceId != null) {
                options.add(new Option6(OptionCode6.INTERFACE_ID, interfaceId));
            }
            options.add(new Option6(OptionCode6.RELAY_MSG, new byte[0])); // filled in by encode()
            back.add(new RelayMessage6(MessageType6.RELAY_REPL.code(), relay.hopCount(), relay.linkAddress(),
                    relay.peerAddress(), Options6.of(options)));
        }
        return new Packet6(List.copyOf(back), Objects.requireNonNull(reply));
    }

    /** The bytes to send back for {@code reply}: {@code reply(reply).encode()}. */
    public byte[] encodeReply(Message6 reply) {
        return reply(reply).encode();
    }

    /** The same relays around another message (e.g. a relayed message with an option added). */
    public Packet6 withMessage(Message6 other) {
        return new Packet6(relays, Objects.requireNonNull(other));
    }

    /**
     * The packet's bytes: the message inside its relays, each relay's options kept in their order
     * with its relay-msg option (9) holding the encoding of what it wraps.
     */
    public byte[] encode() {
        byte[] wire = message.encode();
        for (int i = relays.size() - 1; i >= 0; i--) {
            RelayMessage6 relay = relays.get(i);
            List<Option6> options = new ArrayList<>(relay.options().all().size());
            for (Option6 o : relay.options().all()) {
                options.add(o.code() == OptionCode6.RELAY_MSG ? new Option6(OptionCode6.RELAY_MSG, wire) : o);
            }
            wire = new RelayMessage6(relay.typeCode(), relay.hopCount(), relay.linkAddress(), relay.peerAddress(),
                    Options6.of(options)).encode();
        }
        return wire;
    }

    @Override
    public String toString() {
        return "Packet6[relays=" + relays + ", message=" + message + "]";
    }
}
