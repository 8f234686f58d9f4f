/**
 * DNS names as DHCP carries them: {@link dev.kakapo.protocol.dns.DomainName} (checked, text and
 * wire forms, partial or absolute), the Client FQDN options of DHCPv4
 * ({@link dev.kakapo.protocol.dns.ClientFqdn4}, option 81, RFC 4702) and DHCPv6
 * ({@link dev.kakapo.protocol.dns.ClientFqdn6}, option 39, RFC 4704), and the DHCID record
 * ({@link dev.kakapo.protocol.dns.Dhcid}, RFC 4701) that marks which client owns a name. Decoding
 * raises only {@link dev.kakapo.protocol.MalformedPacketException}, naming the byte at fault.
 */
package dev.kakapo.protocol.dns;
