package dev.kakapo.server.dhcp4;

import dev.kakapo.coordinator.allocator.LeaseRequest4;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.hooks.LeaseAssignment4;
import dev.kakapo.hooks.LeaseEvent4;
import dev.kakapo.hooks.Query4;
import dev.kakapo.hooks.Response4;
import dev.kakapo.hooks.SubnetChoice4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.classify.Classification;
import dev.kakapo.server.config.Subnet4;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hooks.Hooked;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv4 hook points of the processor's pipeline: each method makes a point's arguments
 * from what the step has, runs the callouts, and hands back what they decided. Without a
 * callout at the point a method answers at once with what it was given, making nothing.
 */
final class Hooks4 {
    private final Callouts callouts;
    private final List<Subnet4> subnets;
    private final List<Integer> subnetIds;

    Hooks4(Callouts callouts, List<Subnet4> subnets) {
        this.callouts = callouts;
        this.subnets = subnets;
        this.subnetIds = subnets.stream().map(Subnet4::id).toList();
    }

    /** pkt4_receive: the message (maybe replaced) and the classes callouts added. */
    CompletableFuture<Hooked<Query4>> received(Inbound4 in, Classification classes) {
        Query4 query = callouts.has(HookPoint.PKT4_RECEIVE) ? new Query4(in.message(), classes.names()) : null;
        if (query == null) {
            return CompletableFuture.completedFuture(new Hooked<>(CalloutResult.CONTINUE, null));
        }
        return callouts.run(HookPoint.PKT4_RECEIVE, query);
    }

    /** subnet4_select: the subnet chosen (null for none; SKIP also means none). */
    CompletableFuture<Hooked<Subnet4>> subnetSelected(Inbound4 in, Classification classes, Subnet4 selected) {
        if (!callouts.has(HookPoint.SUBNET4_SELECT)) {
            return CompletableFuture.completedFuture(new Hooked<>(CalloutResult.CONTINUE, selected));
        }
        SubnetChoice4 choice = new SubnetChoice4(in.message(), classes.names(), subnetIds, selected == null ? 0 : selected.id());
        return callouts.run(HookPoint.SUBNET4_SELECT, choice).thenApply(h -> new Hooked<>(h.result(),
                h.skipped() ? null : subnet(h.arguments().subnetId())));
    }

    private Subnet4 subnet(int id) {
        for (Subnet4 s : subnets) {
            if (s.id() == id) {
                return s;
            }
        }
        return null;
    }

    /** lease4_select for an offer (fake allocation): the offered lease with what callouts changed. */
    CompletableFuture<Hooked<Lease4>> offered(Inbound4 in, Lease4 lease) {
        if (!callouts.has(HookPoint.LEASE4_SELECT)) {
            return CompletableFuture.completedFuture(new Hooked<>(CalloutResult.CONTINUE, lease));
        }
        LeaseAssignment4 a = new LeaseAssignment4(in.message(), lease.subnetId(), true, inet(lease.address()),
                lease.hwAddress().toByteArray(), lease.clientId().toByteArray(), lease.validLifetime(), lease.hostname());
        return callouts.run(HookPoint.LEASE4_SELECT, a).thenApply(h -> new Hooked<>(h.result(), new Lease4(lease.address(),
                lease.hwAddress(), lease.clientId(), h.arguments().validLifetime(), lease.cltt(), lease.subnetId(),
                lease.fqdnFwd(), lease.fqdnRev(), h.arguments().hostname(), lease.state())));
    }

    /**
     * lease4_select (a new lease) or lease4_renew ({@code renewing}) before a REQUEST's commit:
     * the request with the lifetime and host name callouts chose.
     */
    CompletableFuture<Hooked<LeaseRequest4>> committing(Inbound4 in, LeaseRequest4 req, int address, boolean renewing) {
        HookPoint point = renewing ? HookPoint.LEASE4_RENEW : HookPoint.LEASE4_SELECT;
        if (!callouts.has(point)) {
            return CompletableFuture.completedFuture(new Hooked<>(CalloutResult.CONTINUE, req));
        }
        Message4 m = in.message();
        byte[] clientId = m.options().get(OptionCode4.CLIENT_ID);
        LeaseAssignment4 a = new LeaseAssignment4(m, req.subnetId(), false, inet(address), m.chaddr(),
                clientId == null ? new byte[0] : clientId, req.validLifetime(), req.hostname());
        return callouts.run(point, a).thenApply(h -> new Hooked<>(h.result(), new LeaseRequest4(req.subnetId(), req.pools(),
                req.client(), req.hint(), h.arguments().validLifetime(), h.arguments().hostname(), req.hintReserved(),
                req.fqdnFwd(), req.fqdnRev())));
    }

    /** Whether lease4_release or lease4_decline ({@code point}) has callouts: the step then looks the lease up first. */
    boolean has(HookPoint point) {
        return callouts.has(point);
    }

    /** lease4_release / lease4_decline: CONTINUE lets the step go ahead. */
    CompletableFuture<CalloutResult> leaseEvent(HookPoint point, Inbound4 in, Lease4 lease) {
        return callouts.run(point, event(in == null ? null : in.message(), lease)).thenApply(Hooked::result);
    }

    /** lease4_expire / lease4_recover, after reclamation: callouts are told; nothing waits for them. */
    void reclaimed(Lease4 lease) {
        HookPoint point = lease.state() == LeaseState.DECLINED ? HookPoint.LEASE4_RECOVER : HookPoint.LEASE4_EXPIRE;
        if (callouts.has(point)) {
            callouts.run(point, event(null, lease));
        }
    }

    /** pkt4_send: the reply callouts left, or none when they skipped or dropped it. */
    CompletableFuture<Optional<Reply4>> sending(Inbound4 in, Optional<Reply4> reply) {
        if (reply.isEmpty() || !callouts.has(HookPoint.PKT4_SEND)) {
            return CompletableFuture.completedFuture(reply);
        }
        Reply4 r = reply.get();
        return callouts.run(HookPoint.PKT4_SEND, new Response4(in.message(), r.message())).thenApply(h -> h.result() != CalloutResult.CONTINUE
                ? Optional.empty() : Optional.of(new Reply4(h.arguments().response(), r.destinationAddress(), r.destinationPort())));
    }

    private static LeaseEvent4 event(Message4 query, Lease4 lease) {
        return new LeaseEvent4(query, lease.subnetId(), inet(lease.address()), lease.hwAddress().toByteArray(),
                lease.clientId().toByteArray(), lease.validLifetime(), lease.cltt(), lease.hostname());
    }

    private static Inet4Address inet(int address) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Ipv4.toBytes(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
