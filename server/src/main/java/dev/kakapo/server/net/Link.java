package dev.kakapo.server.net;

import dev.kakapo.coordinator.lease.Ipv6Address;
import io.netty.util.AttributeKey;
import java.util.List;

/**
 * The link a socket serves, carried as a channel attribute so shared handlers know where a packet
 * came from.
 *
 * @param address       DHCPv4: the interface's IPv4 address, our server identifier there
 * @param broadcast     DHCPv4: that network's broadcast address, 0 when none
 * @param ipv6Addresses DHCPv6: the interface's global addresses
 * @param unicast       the socket is bound to a unicast address (not the wildcard that takes
 *                      broadcasts or multicasts)
 * @param serverUnicast DHCPv6: the address interfaces-config names on this interface
 *                      ({@code "eth0/2001:db8::1"}), where clients may unicast; null when none is named
 */
record Link(String interfaceName, int address, int broadcast, List<Ipv6Address> ipv6Addresses, boolean unicast,
            Ipv6Address serverUnicast) {
    static final AttributeKey<Link> KEY = AttributeKey.valueOf("kakapo.link");

    Link {
        ipv6Addresses = List.copyOf(ipv6Addresses);
    }

    static Link ipv4(String interfaceName, int address, int broadcast, boolean unicast) {
        return new Link(interfaceName, address, broadcast, List.of(), unicast, null);
    }

    static Link ipv6(String interfaceName, List<Ipv6Address> globalAddresses, boolean unicast, Ipv6Address serverUnicast) {
        return new Link(interfaceName, 0, 0, globalAddresses, unicast, serverUnicast);
    }
}
