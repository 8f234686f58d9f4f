package dev.kakapo.server.dhcp4;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.eval.PacketView;
import dev.kakapo.protocol.eval.Transport;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Context;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A decoded DHCPv4 message with where it came from.
 *
 * @param sourceAddress    IPv4 source of the datagram (unsigned value in an int)
 * @param interfaceName    the interface it arrived on
 * @param interfaceAddress that interface's IPv4 address: our server identifier on that link
 * @param broadcast        it was sent to a broadcast address rather than to us directly
 * @param wireLength       the datagram's length in bytes
 * @param dhcp4o6          where the message came from when it came inside a DHCPV4-QUERY (RFC 7341), else null
 */
public record Inbound4(Message4 message, int sourceAddress, int sourcePort, String interfaceName,
                       int interfaceAddress, boolean broadcast, int wireLength, Dhcp4o6Context dhcp4o6) {

    /** A message that came over IPv4. */
    public Inbound4(Message4 message, int sourceAddress, int sourcePort, String interfaceName, int interfaceAddress,
                    boolean broadcast, int wireLength) {
        this(message, sourceAddress, sourcePort, interfaceName, interfaceAddress, broadcast, wireLength, null);
    }

    /**
     * A message that came inside a DHCPV4-QUERY: no IPv4 source, the DHCPv6 server's arrival
     * interface, and the address the DHCPv4 server answers as.
     */
    public static Inbound4 of4o6(Message4 message, Dhcp4o6Context context) {
        return new Inbound4(message, 0, 0, context.interfaceName(), context.serverAddress(), !context.unicast(),
                message.encode().length, context);
    }

    /** What a classification expression sees of this message ({@code pkt.*} and the message itself). */
    public PacketView view(int serverPort) {
        return PacketView.of(message, new Transport(interfaceName == null ? "" : interfaceName,
                address(sourceAddress), sourcePort, address(broadcast ? -1 : interfaceAddress), serverPort, wireLength));
    }

    private static InetAddress address(int address) {
        try {
            return InetAddress.getByAddress(Ipv4.toBytes(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
