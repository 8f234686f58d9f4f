package dev.kakapo.server.dhcp6;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.Packet6;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A decoded DHCPv6 packet with where it came from.
 *
 * @param sender        source address and port; a link-local source keeps its scope, so a reply
 *                      to it leaves by the arrival link
 * @param interfaceName the interface it arrived on
 * @param linkAddresses the global IPv6 addresses of that interface (they place direct clients in a subnet)
 * @param unicast       it was sent to one of our unicast addresses rather than to ff02::1:2
 */
public record Inbound6(Packet6 packet, InetSocketAddress sender, String interfaceName, List<Ipv6Address> linkAddresses,
                       boolean unicast) {

    public Inbound6 {
        linkAddresses = List.copyOf(linkAddresses);
    }
}
