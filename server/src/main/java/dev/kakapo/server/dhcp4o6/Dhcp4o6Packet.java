package dev.kakapo.server.dhcp4o6;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import dev.kakapo.protocol.option.VendorOptions;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.protocol.v6.RelayMessage6;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DHCPV4-QUERY as the DHCPv6 server received it (its relays included), or the DHCPV4-RESPONSE
 * to it inside the matching RELAY-REPLs, with where the query came from: its IPv6 source address
 * and the interface it arrived on. This is what crosses the channel between a DHCPv6 and a DHCPv4
 * server, as in Kea: the packet, its message carrying ISC's vendor option (17, enterprise 2495)
 * with sub-option 60000 (the interface name) and 60001 (the source address).
 */
public record Dhcp4o6Packet(Packet6 packet, Ipv6Address sourceAddress, String interfaceName) {
    /** ISC's enterprise number. */
    static final long ISC = 2495;
    static final int INTERFACE_SUBOPTION = 60000;
    static final int SOURCE_ADDRESS_SUBOPTION = 60001;

    public Dhcp4o6Packet {
        Objects.requireNonNull(packet);
        Objects.requireNonNull(sourceAddress);
        interfaceName = interfaceName == null ? "" : interfaceName;
    }

    /** The same origin, another packet: the response for this query. */
    public Dhcp4o6Packet withPacket(Packet6 other) {
        return new Dhcp4o6Packet(other, sourceAddress, interfaceName);
    }

    /** The interface-id option of the relay nearest the client (the last to wrap the query), or null. */
    public byte[] relayInterfaceId() {
        List<RelayMessage6> relays = packet.relays();
        return relays.isEmpty() ? null : relays.get(relays.size() - 1).interfaceId();
    }

    /** The datagram for the channel: the packet with ISC's vendor option appended to its message. */
    public byte[] encode() {
        ByteArrayOutputStream vendor = new ByteArrayOutputStream();
        vendor.writeBytes(new byte[] {0, 0, (byte) (ISC >> 8), (byte) ISC});
        subOption(vendor, INTERFACE_SUBOPTION, interfaceName.getBytes(StandardCharsets.UTF_8));
        subOption(vendor, SOURCE_ADDRESS_SUBOPTION, sourceAddress.toBytes());
        Message6 m = packet.message();
        Message6 marked = Message6.of(m.typeCode(), m.transactionId(),
                m.options().with(new Option6(VendorOptions.VENDOR_OPTS, vendor.toByteArray())));
        return packet.withMessage(marked).encode();
    }

    private static void subOption(ByteArrayOutputStream out, int code, byte[] value) {
        out.writeBytes(new byte[] {(byte) (code >> 8), (byte) code, (byte) (value.length >> 8), (byte) value.length});
        out.writeBytes(value);
    }

    /**
     * A datagram from the channel. Its message must carry ISC's vendor option with both sub-options
     * (the last such option counts); the option is taken off the message.
     */
    public static Dhcp4o6Packet decode(byte[] datagram) throws MalformedPacketException {
        Packet6 packet = Packet6.decode(datagram);
        Message6 m = packet.message();
        List<Option6> kept = new ArrayList<>(m.options().all());
        for (int i = kept.size() - 1; i >= 0; i--) {
            Option6 o = kept.get(i);
            if (o.code() == VendorOptions.VENDOR_OPTS && o.length() >= 4 && enterprise(o.data()) == ISC) {
                kept.remove(i);
                return origin(o.data(), packet.withMessage(Message6.of(m.typeCode(), m.transactionId(), Options6.of(kept))));
            }
        }
        throw new MalformedPacketException(Reason.BAD_DHCP4O6_MESSAGE, 0, "message type " + m.typeCode()
                + " from the DHCPv4-over-DHCPv6 channel carries no ISC vendor option (17, enterprise " + ISC
                + ") saying where the query came from");
    }

    private static long enterprise(byte[] data) {
        return (data[0] & 0xffL) << 24 | (data[1] & 0xff) << 16 | (data[2] & 0xff) << 8 | (data[3] & 0xff);
    }

    private static Dhcp4o6Packet origin(byte[] vendor, Packet6 packet) throws MalformedPacketException {
        String interfaceName = null;
        Ipv6Address source = null;
        int at = 4;
        while (at < vendor.length) {
            if (at + 4 > vendor.length) {
                throw new MalformedPacketException(Reason.SUBOPTION_OVERRUN, at, "ISC vendor option: sub-option header at byte "
                        + at + " runs past the option's " + vendor.length + " bytes");
            }
            int code = (vendor[at] & 0xff) << 8 | (vendor[at + 1] & 0xff);
            int length = (vendor[at + 2] & 0xff) << 8 | (vendor[at + 3] & 0xff);
            if (at + 4 + length > vendor.length) {
                throw new MalformedPacketException(Reason.SUBOPTION_OVERRUN, at, "ISC vendor option: sub-option " + code
                        + " at byte " + at + " declares " + length + " bytes but " + (vendor.length - at - 4) + " remain");
            }
            if (code == INTERFACE_SUBOPTION) {
                interfaceName = new String(vendor, at + 4, length, StandardCharsets.UTF_8);
            } else if (code == SOURCE_ADDRESS_SUBOPTION) {
                if (length != 16) {
                    throw new MalformedPacketException(Reason.BAD_DHCP4O6_MESSAGE, at, "ISC vendor option: sub-option "
                            + code + " at byte " + at + " is " + length + " bytes; an IPv6 address is 16");
                }
                source = Ipv6Address.fromBytes(vendor, at + 4);
            }
            at += 4 + length;
        }
        if (interfaceName == null || source == null) {
            throw new MalformedPacketException(Reason.BAD_DHCP4O6_MESSAGE, 0, "ISC vendor option lacks sub-option "
                    + (interfaceName == null ? INTERFACE_SUBOPTION + " (interface)" : SOURCE_ADDRESS_SUBOPTION + " (source address)"));
        }
        return new Dhcp4o6Packet(packet, source, interfaceName);
    }
}
