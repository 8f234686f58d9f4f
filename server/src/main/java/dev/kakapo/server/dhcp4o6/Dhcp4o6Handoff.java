package dev.kakapo.server.dhcp4o6;

import dev.kakapo.protocol.v6.Message6;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where the DHCPv6 server hands a DHCPV4-QUERY: the DHCPv4 server, in this process or over the channel. */
@FunctionalInterface
public interface Dhcp4o6Handoff {

    /** The DHCPV4-RESPONSE to {@code query}, or empty when the DHCPv4 server does not answer. */
    CompletableFuture<Optional<Message6>> answer(Dhcp4o6Packet query);
}
