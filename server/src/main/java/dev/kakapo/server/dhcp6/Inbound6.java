package dev.kakapo.server.dhcp6;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.protocol.eval.PacketView;
import dev.kakapo.protocol.eval.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A decoded DHCPv6 packet with where it came from.
 *
 * @param sender        source address and port; a link-local source keeps its scope, so a reply
 *                      to it leaves by the arrival link
 * @param interfaceName the interface it arrived on
 * @param linkAddresses the global IPv6 addresses of that interface (they place direct clients in a subnet)
 * @param unicast       it was sent to one of our unicast addresses rather than to ff02::1:2
 * @param wireLength    the datagram's length in bytes
 * @param serverUnicast the address interfaces-config names on the arrival interface, where its
 *                      clients may unicast (Server Unicast option, RFC 8415 21.12); null when none
 */
public record Inbound6(Packet6 packet, InetSocketAddress sender, String interfaceName, List<Ipv6Address> linkAddresses,
                       boolean unicast, int wireLength, Ipv6Address serverUnicast) {

    /** ff02::1:2, where clients multicast. */
    private static final InetAddress ALL_SERVERS_AND_RELAYS = address(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 1, 0, 2});

    public Inbound6 {
        linkAddresses = List.copyOf(linkAddresses);
    }

    /** A packet from an interface where no unicast address is named. */
    public Inbound6(Packet6 packet, InetSocketAddress sender, String interfaceName, List<Ipv6Address> linkAddresses,
                    boolean unicast, int wireLength) {
        this(packet, sender, interfaceName, linkAddresses, unicast, wireLength, null);
    }

    /**
     * What a classification expression sees of this packet: the packet and its relays, the
     * interface, the source, and as destination our first address on the link for a unicast
     * packet (the socket does not say which one), else ff02::1:2.
     */
    public PacketView view(int serverPort) {
        InetAddress destination = unicast && !linkAddresses.isEmpty()
                ? address(linkAddresses.get(0).toBytes()) : ALL_SERVERS_AND_RELAYS;
        return PacketView.of(packet, new Transport(interfaceName == null ? "" : interfaceName, sender.getAddress(),
                sender.getPort(), destination, serverPort, wireLength));
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("sixteen bytes are always an IPv6 address", e);
        }
    }
}
