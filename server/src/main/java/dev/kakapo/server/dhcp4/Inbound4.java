package dev.kakapo.server.dhcp4;

import dev.kakapo.protocol.v4.Message4;

/**
 * A decoded DHCPv4 message with where it came from.
 *
 * @param sourceAddress    IPv4 source of the datagram (unsigned value in an int)
 * @param interfaceName    the interface it arrived on
 * @param interfaceAddress that interface's IPv4 address: our server identifier on that link
 * @param broadcast        it was sent to a broadcast address rather than to us directly
 */
public record Inbound4(Message4 message, int sourceAddress, int sourcePort, String interfaceName,
                       int interfaceAddress, boolean broadcast) {
}
