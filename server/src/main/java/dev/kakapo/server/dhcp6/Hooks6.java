package dev.kakapo.server.dhcp6;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.hooks.LeaseEvent6;
import dev.kakapo.hooks.Query6;
import dev.kakapo.hooks.Response6;
import dev.kakapo.hooks.SubnetChoice6;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.server.classify.Classification;
import dev.kakapo.server.config.Subnet6;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hooks.Hooked;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv6 hook points of the processor's pipeline: each method makes a point's arguments
 * from what the step has, runs the callouts, and hands back what they decided. Without a
 * callout at the point a method answers at once with what it was given, making nothing.
 */
final class Hooks6 {
    private static final CompletableFuture<CalloutResult> GO_AHEAD = CompletableFuture.completedFuture(CalloutResult.CONTINUE);

    private final Callouts callouts;
    private final List<Subnet6> subnets;
    private final List<Integer> subnetIds;

    Hooks6(Callouts callouts, List<Subnet6> subnets) {
        this.callouts = callouts;
        this.subnets = subnets;
        this.subnetIds = subnets.stream().map(Subnet6::id).toList();
    }

    /**
     * pkt6_receive: the packet (its client message maybe replaced) and the classes callouts
     * added; null arguments when no callout ran. A relayed packet keeps its message: Kakapo cannot
     * yet rebuild the relay framing around a replacement, so the replacement is refused by failing
     * the callout's packet (DROP).
     */
    CompletableFuture<Hooked<Received6>> received(Inbound6 in, Classification classes) {
        if (!callouts.has(HookPoint.PKT6_RECEIVE)) {
            return CompletableFuture.completedFuture(new Hooked<>(CalloutResult.CONTINUE, null));
        }
        Message6 m = in.packet().message();
        return callouts.run(HookPoint.PKT6_RECEIVE, new Query6(m, classes.names())).thenApply(h -> {
            Message6 replaced = h.arguments().query();
            if (replaced == m || h.result() != CalloutResult.CONTINUE) {
                return new Hooked<>(h.result(), new Received6(in, h.arguments()));
            }
            if (!in.packet().relays().isEmpty()) {
                return new Hooked<>(CalloutResult.DROP, null);
            }
            try {
                Inbound6 query = new Inbound6(Packet6.decode(replaced.encode()), in.sender(), in.interfaceName(),
                        in.linkAddresses(), in.unicast(), in.wireLength(), in.serverUnicast());
                return new Hooked<>(CalloutResult.CONTINUE, new Received6(query, h.arguments()));
            } catch (MalformedPacketException e) {
                return new Hooked<>(CalloutResult.DROP, null);
            }
        });
    }

    /** The packet after pkt6_receive and what the callouts said. */
    record Received6(Inbound6 in, Query6 query) {
    }

    /** subnet6_select: the subnet chosen (null for none; SKIP also means none). */
    CompletableFuture<Hooked<Subnet6>> subnetSelected(Inbound6 in, Classification classes, Subnet6 selected) {
        if (!callouts.has(HookPoint.SUBNET6_SELECT)) {
            return CompletableFuture.completedFuture(new Hooked<>(CalloutResult.CONTINUE, selected));
        }
        SubnetChoice6 choice = new SubnetChoice6(in.packet().message(), classes.names(), subnetIds,
                selected == null ? 0 : selected.id());
        return callouts.run(HookPoint.SUBNET6_SELECT, choice).thenApply(h -> new Hooked<>(h.result(),
                h.skipped() ? null : subnets.stream().filter(s -> s.id() == h.arguments().subnetId()).findFirst().orElse(null)));
    }

    boolean has(HookPoint point) {
        return callouts.has(point);
    }

    /** lease6_select, lease6_renew, lease6_rebind, lease6_release, lease6_decline: CONTINUE lets the step go ahead. */
    CompletableFuture<CalloutResult> leaseEvent(HookPoint point, Inbound6 in, Lease6 lease) {
        if (!callouts.has(point)) {
            return GO_AHEAD;
        }
        return callouts.run(point, event(in.packet().message(), lease)).thenApply(Hooked::result);
    }

    /** lease6_expire / lease6_recover, after reclamation: callouts are told; nothing waits for them. */
    void reclaimed(Lease6 lease) {
        HookPoint point = lease.state() == LeaseState.DECLINED ? HookPoint.LEASE6_RECOVER : HookPoint.LEASE6_EXPIRE;
        if (callouts.has(point)) {
            callouts.run(point, event(null, lease));
        }
    }

    /** pkt6_send: the reply callouts left, or none when they skipped or dropped it. */
    CompletableFuture<Optional<Reply6>> sending(Inbound6 in, Optional<Reply6> reply) {
        if (reply.isEmpty() || !callouts.has(HookPoint.PKT6_SEND)) {
            return CompletableFuture.completedFuture(reply);
        }
        Reply6 r = reply.get();
        return callouts.run(HookPoint.PKT6_SEND, new Response6(in.packet().message(), r.message())).thenApply(h ->
                h.result() != CalloutResult.CONTINUE ? Optional.empty()
                        : Optional.of(new Reply6(r.request(), h.arguments().response(), r.destination())));
    }

    private static LeaseEvent6 event(Message6 query, Lease6 lease) {
        return new LeaseEvent6(query, lease.subnetId(), lease.type() == LeaseType6.PD ? LeaseEvent6.Kind.IA_PD
                : LeaseEvent6.Kind.IA_NA, inet(lease.address()), lease.prefixLength(), lease.duid().toByteArray(),
                lease.iaid(), lease.preferredLifetime(), lease.validLifetime(), lease.hostname());
    }

    private static Inet6Address inet(Ipv6Address address) {
        try {
            return (Inet6Address) InetAddress.getByAddress(address.toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("sixteen bytes are always an IPv6 address", e);
        }
    }
}
