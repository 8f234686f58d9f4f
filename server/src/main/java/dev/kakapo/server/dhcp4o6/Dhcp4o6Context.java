package dev.kakapo.server.dhcp4o6;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;

/**
 * Where a DHCPv4 message carried in a DHCPV4-QUERY came from, as the DHCPv4 server needs it to
 * place the client in a subnet ({@code 4o6-subnet}, {@code 4o6-interface-id}, {@code 4o6-interface})
 * and to answer.
 *
 * @param sourceAddress    the IPv6 source of the DHCPv6 packet (the client, or the relay next to the server)
 * @param interfaceName    the interface the DHCPv6 server received it on
 * @param relayInterfaceId the interface-id option of the relay nearest the client, or null when none sent one
 * @param unicast          the query's U flag: the client would have unicast the DHCPv4 message
 * @param serverAddress    the IPv4 address the DHCPv4 server answers as (its server identifier)
 */
public record Dhcp4o6Context(Ipv6Address sourceAddress, String interfaceName, Octets relayInterfaceId, boolean unicast,
                             int serverAddress) {
}
