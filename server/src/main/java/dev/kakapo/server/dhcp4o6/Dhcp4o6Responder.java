package dev.kakapo.server.dhcp4o6;

import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v6.Dhcp4o6Message;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.server.metrics.PacketCounters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv4 server's side: takes the DHCPv4 message out of a DHCPV4-QUERY, lets the DHCPv4 steps
 * answer it with where it came from, and puts the answer in a DHCPV4-RESPONSE with the query's
 * flags. A query whose option 87 does not hold a DHCPv4 message is counted like any DHCPv4 packet
 * that cannot be parsed ({@code pkt4-parse-failed}) and dropped.
 */
public final class Dhcp4o6Responder implements Dhcp4o6Handoff {
    private static final CompletableFuture<Optional<Message6>> NO_RESPONSE = CompletableFuture.completedFuture(Optional.empty());

    /** The DHCPv4 server's steps for a message carried in DHCPv6: its reply, or empty when it stays silent. */
    @FunctionalInterface
    public interface Dhcp4Steps {
        CompletableFuture<Optional<Message4>> process(Message4 message, Dhcp4o6Context context);
    }

    private final Dhcp4Steps dhcp4;
    private final PacketCounters counters;
    private final Map<String, Integer> serverAddresses;
    private final int firstServerAddress;

    /**
     * @param serverAddresses the DHCPv4 server's IPv4 address per interface it listens on, in
     *                        order: a client is answered with the address of the interface its
     *                        query came in on, else with the first one
     */
    public Dhcp4o6Responder(Dhcp4Steps dhcp4, PacketCounters counters, Map<String, Integer> serverAddresses) {
        this.dhcp4 = dhcp4;
        this.counters = counters;
        this.serverAddresses = new LinkedHashMap<>(serverAddresses);
        this.firstServerAddress = serverAddresses.isEmpty() ? 0 : serverAddresses.values().iterator().next();
    }

    @Override
    public CompletableFuture<Optional<Message6>> answer(Dhcp4o6Packet query) {
        Dhcp4o6Message carried;
        try {
            carried = Dhcp4o6Message.decode(query.packet().message());
        } catch (MalformedPacketException e) {
            counters.increment("pkt4-received");
            counters.drop("pkt4-parse-failed", "dhcp4o6-" + e.reason().name().toLowerCase().replace('_', '-'),
                    e.getMessage() + " (DHCPv6 packet from " + query.sourceAddress() + " on " + query.interfaceName() + ")");
            return NO_RESPONSE;
        }
        if (carried.type() != MessageType6.DHCPV4_QUERY) {
            counters.increment("pkt4-received");
            counters.drop("pkt4-receive-drop", "not-a-dhcpv4-query", carried.type() + " from " + query.sourceAddress());
            return NO_RESPONSE;
        }
        byte[] interfaceId = query.relayInterfaceId();
        Dhcp4o6Context context = new Dhcp4o6Context(query.sourceAddress(), query.interfaceName(),
                interfaceId == null ? null : Octets.of(interfaceId), carried.unicast(),
                serverAddresses.getOrDefault(query.interfaceName(), firstServerAddress));
        return dhcp4.process(carried.dhcp4(), context)
                .thenApply(reply -> reply.map(r -> Dhcp4o6Message.response(carried, r).toMessage6()));
    }
}
