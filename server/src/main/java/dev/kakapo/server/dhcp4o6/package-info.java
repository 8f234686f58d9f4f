/**
 * DHCPv4-over-DHCPv6 (RFC 7341): DHCPv4 clients on IPv6-only networks send their DHCPv4 messages
 * inside DHCPV4-QUERY messages to the DHCPv6 server, which hands them to the DHCPv4 server and
 * sends the DHCPV4-RESPONSE back the way the query came.
 *
 * <p>The DHCPv6 side sees a {@link dev.kakapo.server.dhcp4o6.Dhcp4o6Handoff}: in a process serving
 * both families it is the DHCPv4 side's {@link dev.kakapo.server.dhcp4o6.Dhcp4o6Responder}
 * itself; between two processes it is the {@link dev.kakapo.server.dhcp4o6.Dhcp4o6Channel} on
 * ::1 that Kea's servers use too (the DHCPv6 server at {@code dhcp4o6-port}, the DHCPv4 server at
 * the port after it).
 */
package dev.kakapo.server.dhcp4o6;
