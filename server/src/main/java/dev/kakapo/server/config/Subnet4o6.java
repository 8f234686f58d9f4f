package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;

/**
 * How a {@code subnet4} entry serves DHCPv4-over-DHCPv6 clients (RFC 7341): the DHCPv6 side they
 * are reached through. A subnet with none of the three keys serves none of them.
 *
 * @param interfaceName {@code 4o6-interface}: the interface the DHCPv6 server received the query on, or null
 * @param interfaceId   {@code 4o6-interface-id}: the interface-id option of the relay nearest the client, or null
 * @param prefix        {@code 4o6-subnet}: the network holding the query's IPv6 source address, or null
 * @param prefixLength  the length of {@code prefix}
 */
public record Subnet4o6(String interfaceName, Octets interfaceId, Ipv6Address prefix, int prefixLength) {
    public static final Subnet4o6 NONE = new Subnet4o6(null, null, null, 0);

    /** Whether DHCPv4-over-DHCPv6 clients may be placed in the subnet at all. */
    public boolean enabled() {
        return interfaceName != null || interfaceId != null || prefix != null;
    }

    /** Whether the query came from {@code source}, a query's IPv6 source address, inside {@code 4o6-subnet}. */
    public boolean holdsSource(Ipv6Address source) {
        return prefix != null && source != null && source.within(prefix, prefixLength);
    }
}
