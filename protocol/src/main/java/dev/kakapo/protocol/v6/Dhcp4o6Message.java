package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import dev.kakapo.protocol.v4.Message4;
import java.util.List;
import java.util.Objects;

/**
 * A DHCPv4 message carried in DHCPv6 (RFC 7341): a DHCPV4-QUERY (20) from the client or a
 * DHCPV4-RESPONSE (21) from the server, whose DHCPv4-Msg option (87) holds the whole DHCPv4
 * message. The 24 bits after the message type are flags rather than a transaction id; a server
 * answers with the query's bits, as Kea does, so a client matches the response like any other.
 *
 * @param flags the 24-bit flags field; bit 23 is the query's U (unicast) flag
 */
public record Dhcp4o6Message(MessageType6 type, int flags, Message4 dhcp4) {
    /** RFC 7341 section 6.1: the client would have unicast this DHCPv4 message on an IPv4 link. */
    public static final int UNICAST_FLAG = 0x800000;

    /** @throws IllegalArgumentException when the type is not DHCPV4-QUERY or DHCPV4-RESPONSE, or the flags exceed 24 bits */
    public Dhcp4o6Message {
        if (type != MessageType6.DHCPV4_QUERY && type != MessageType6.DHCPV4_RESPONSE) {
            throw new IllegalArgumentException("message type " + type + " carries no DHCPv4 message (expected DHCPV4_QUERY or DHCPV4_RESPONSE)");
        }
        if (flags < 0 || flags > 0xffffff) {
            throw new IllegalArgumentException("flags " + flags + " do not fit 24 bits");
        }
        Objects.requireNonNull(dhcp4);
    }

    /**
     * The DHCPv4 message of a DHCPV4-QUERY or DHCPV4-RESPONSE. Fails when the message is of
     * another type, holds no option 87 or more than one, or option 87 does not hold a DHCPv4
     * message (the reason names the byte at fault inside the option's payload).
     */
    public static Dhcp4o6Message decode(Message6 m) throws MalformedPacketException {
        MessageType6 type = m.type();
        if (type != MessageType6.DHCPV4_QUERY && type != MessageType6.DHCPV4_RESPONSE) {
            throw new MalformedPacketException(Reason.BAD_DHCP4O6_MESSAGE, 0, "message type " + m.typeCode()
                    + " is not DHCPV4-QUERY (20) or DHCPV4-RESPONSE (21)");
        }
        List<byte[]> carried = m.options().all(OptionCode6.DHCPV4_MSG);
        if (carried.size() != 1) {
            throw new MalformedPacketException(Reason.BAD_DHCP4O6_MESSAGE, Message6.HEADER, type + " holds "
                    + carried.size() + " DHCPv4-Msg options (87); exactly one is expected");
        }
        try {
            return new Dhcp4o6Message(type, m.transactionId(), Message4.decode(carried.get(0)));
        } catch (MalformedPacketException e) {
            throw new MalformedPacketException(e.reason(), e.offset(), "DHCPv4-Msg option (87): " + e.getMessage());
        }
    }

    /** A DHCPV4-QUERY with {@code flags}. */
    public static Dhcp4o6Message query(int flags, Message4 dhcp4) {
        return new Dhcp4o6Message(MessageType6.DHCPV4_QUERY, flags, dhcp4);
    }

    /** The DHCPV4-RESPONSE to {@code query}: its flags field, and {@code dhcp4} inside. */
    public static Dhcp4o6Message response(Dhcp4o6Message query, Message4 dhcp4) {
        return new Dhcp4o6Message(MessageType6.DHCPV4_RESPONSE, query.flags(), dhcp4);
    }

    /** Whether a query's U flag is set: the client would have unicast the DHCPv4 message. */
    public boolean unicast() {
        return (flags & UNICAST_FLAG) != 0;
    }

    /** The DHCPv6 message: the type, the flags, and option 87 with the encoded DHCPv4 message. */
    public Message6 toMessage6() {
        return Message6.of(type.code(), flags, Options6.of(List.of(new Option6(OptionCode6.DHCPV4_MSG, dhcp4.encode()))));
    }
}
