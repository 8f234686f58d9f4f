package dev.kakapo.server.dhcp4;

import dev.kakapo.coordinator.allocator.AddressRange;
import dev.kakapo.coordinator.allocator.Allocator4;
import dev.kakapo.coordinator.allocator.ClientIdentity4;
import dev.kakapo.coordinator.allocator.Commit;
import dev.kakapo.coordinator.allocator.LeaseRequest4;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.dns.ClientFqdn4;
import dev.kakapo.protocol.eval.PacketView;
import dev.kakapo.protocol.eval.Universe;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.classify.Classification;
import dev.kakapo.server.classify.Classifier;
import dev.kakapo.server.config.ConfiguredOption;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.Pool4;
import dev.kakapo.server.config.Reservation4;
import dev.kakapo.server.config.Subnet4;
import dev.kakapo.server.ddns.ClientNames;
import dev.kakapo.server.ddns.DnsUpdates;
import dev.kakapo.server.ddns.FqdnDecision4;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Context;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hosts.ReservationLookup4;
import dev.kakapo.server.limits.RateLimiter;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.options.OptionAssembly;
import dev.kakapo.coordinator.lease.LeaseNotDurableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers DHCPv4 messages. The pipeline for every message is the short list in
 * {@link #process}: count, check, classify, select the subnet, then the step for the message type,
 * each a plain method; hook libraries' callouts run at their points (see {@link Hooks4}). Anything
 * that waits (the allocator, the lease store, a callout) is a future, so no event loop ever blocks;
 * a reply that grants a lease is produced only after the lease is durable.
 */
public final class Dhcp4Processor {
    private static final CompletableFuture<Optional<Reply4>> NO_REPLY = CompletableFuture.completedFuture(Optional.empty());
    /** Kea's statistic names per message type, made once rather than per packet. */
    private static final Map<MessageType4, String> RECEIVED = statisticNames("-received");
    private static final Map<MessageType4, String> SENT = statisticNames("-sent");

    private static Map<MessageType4, String> statisticNames(String suffix) {
        Map<MessageType4, String> names = new java.util.EnumMap<>(MessageType4.class);
        for (MessageType4 t : MessageType4.values()) {
            names.put(t, "pkt4-" + t.name().toLowerCase() + suffix);
        }
        return names;
    }

    private final Dhcp4Config config;
    private final Allocator4 allocator;
    private final PacketCounters counters;
    private final SubnetSelector4 subnets;
    private final Classifier classifier;
    private final int serverPort;
    private final int clientPort;
    private final ReservationLookup4 reservations;
    private final DnsUpdates dns;
    private final Hooks4 hooks;
    private final RateLimiter limiter;
    private final PacketCounters.Drop clientLimited;
    private final PacketCounters.Drop relayLimited;
    /**
     * Each subnet's pools as the allocator takes them, fenced, built once rather than per packet
     * and again when a host database was found to reserve another pool address (subnets with
     * pools guarded by classes are built per packet).
     */
    private final Map<Integer, FencedPools> poolRanges = new ConcurrentHashMap<>();

    private record FencedPools(int learned, List<AddressRange> ranges) {
    }

    /** How many pool addresses an offer may find reserved in a host database before the client is told there is none. */
    private static final int OFFER_ATTEMPTS = 8;

    public Dhcp4Processor(Dhcp4Config config, Allocator4 allocator, ReservationLookup4 reservations, DnsUpdates dns,
                          PacketCounters counters, int serverPort, int clientPort) {
        this(config, allocator, reservations, dns, Callouts.NONE, counters, serverPort, clientPort,
                RateLimiter.of(config.rateLimits()));
    }

    /**
     * @param callouts the hook libraries' callouts, run at their points of the pipeline
     * @param limiter  enforces {@code Kakapo/rate-limits} (the running one when the limits did not change)
     */
    public Dhcp4Processor(Dhcp4Config config, Allocator4 allocator, ReservationLookup4 reservations, DnsUpdates dns,
                          Callouts callouts, PacketCounters counters, int serverPort, int clientPort, RateLimiter limiter) {
        this.limiter = limiter;
        this.clientLimited = counters.dropReason("pkt4-receive-drop", RateLimiter.CLIENT_REASON);
        this.relayLimited = counters.dropReason("pkt4-receive-drop", RateLimiter.RELAY_REASON);
        this.hooks = new Hooks4(callouts, config.subnets());
        this.config = config;
        this.allocator = allocator;
        this.reservations = reservations;
        this.dns = dns;
        this.counters = counters;
        this.subnets = new SubnetSelector4(config.subnets());
        this.classifier = new Classifier(config.clientClasses(), Universe.DHCP4);
        this.serverPort = serverPort;
        this.clientPort = clientPort;
    }

    public CompletableFuture<Optional<Reply4>> process(Inbound4 in) {
        Message4 m = in.message();
        counters.increment("pkt4-received");
        MessageType4 type = m.messageType();
        counters.increment(type == null ? "pkt4-unknown-received" : RECEIVED.get(type));
        String problem = sanityCheck(in, type);
        if (problem != null) {
            counters.drop("pkt4-receive-drop", problem, describe(in));
            return NO_REPLY;
        }
        PacketCounters.Drop limited = overRate(m);
        if (limited != null) {
            limited.count(() -> describe(in));
            return NO_REPLY;
        }
        Classification classified = classifier.classify(in.view(serverPort));
        CompletableFuture<Optional<Reply4>> reply = hooks.received(in, classified).thenCompose(received -> {
            if (received.result() != CalloutResult.CONTINUE) {
                counters.drop("pkt4-receive-drop", "hook-pkt4_receive", describe(in));
                return NO_REPLY;
            }
            if (received.arguments() == null) {
                return selectSubnet(in, classified);
            }
            // a callout's replacement is checked and classified as if it had arrived so
            Inbound4 query = received.arguments().query() == m ? in : new Inbound4(received.arguments().query(),
                    in.sourceAddress(), in.sourcePort(), in.interfaceName(), in.interfaceAddress(), in.broadcast(), in.wireLength(),
                    in.dhcp4o6());
            String replaced = query == in ? null : sanityCheck(query, query.message().messageType());
            if (replaced != null) {
                counters.drop("pkt4-receive-drop", replaced, describe(query));
                return NO_REPLY;
            }
            Classification classes = query == in ? classified : classifier.classify(query.view(serverPort));
            return selectSubnet(query, classes.withNames(received.arguments().addedClasses()));
        }).thenCompose(r -> hooks.sending(in, r));
        return reply.whenComplete((r, failure) -> {
            if (failure != null) {
                counters.drop("pkt4-receive-drop", LeaseNotDurableException.causes(failure) ? "lease-not-durable" : "processing-failed",
                        failure.toString());
            } else {
                r.ifPresent(this::countSent);
            }
        });
    }

    /** Selects the subnet (subnet4_select may choose another), finds the client's reservation, then serves it. */
    private CompletableFuture<Optional<Reply4>> selectSubnet(Inbound4 in, Classification classified) {
        MessageType4 type = in.message().messageType();
        PacketView view = in.view(serverPort);
        return hooks.subnetSelected(in, classified, subnets.select(in, classified.names())).thenCompose(chosen -> {
            Subnet4 subnet = chosen.arguments();
            if (chosen.dropped()) {
                counters.drop("pkt4-receive-drop", "hook-subnet4_select", describe(in));
                return NO_REPLY;
            }
            if (subnet == null && type != MessageType4.INFORM) {
                counters.drop("pkt4-receive-drop", "no-subnet", describe(in));
                return NO_REPLY;
            }
            Classification classes = subnet == null ? classified
                    : classifier.require(classified, subnet.classes().required(), view);
            CompletableFuture<Optional<Reservation4>> host = subnet == null
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : reservations.find(subnet, in.message(), view, classes::contains);
            return host.thenCompose(h -> {
                Classification known = h.isPresent() ? classifier.known(classes, h.get().classes(), view) : classes;
                return serve(new Client4(in, view, known, h.orElse(null)), subnet, type);
            });
        });
    }

    /**
     * A DHCPv4 message that came inside a DHCPV4-QUERY (RFC 7341): the same steps as for one that
     * came over IPv4, its reply handed back to go inside the DHCPV4-RESPONSE rather than sent.
     */
    public CompletableFuture<Optional<Message4>> process4o6(Message4 message, Dhcp4o6Context context) {
        return process(Inbound4.of4o6(message, context)).thenApply(reply -> reply.map(Reply4::message));
    }

    /** The step for the message type. */
    private CompletableFuture<Optional<Reply4>> serve(Client4 client, Subnet4 subnet, MessageType4 type) {
        Inbound4 in = client.in();
        return switch (type) {
            case DISCOVER -> discover(client, subnet);
            case REQUEST -> request(client, subnet);
            case RELEASE -> release(in, subnet);
            case DECLINE -> decline(in, subnet);
            case INFORM -> inform(client, subnet);
            default -> NO_REPLY;
        };
    }

    /** The rate limiter this processor asks (kept by the server across reloads that keep the limits). */
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /**
     * Where the message is counted when its client or its relay has sent too much
     * ({@code Kakapo/rate-limits}), or null to serve it. The client is its client identifier, else
     * its hardware type and address; the relay is giaddr, and a client without one has no relay.
     */
    private PacketCounters.Drop overRate(Message4 m) {
        if (limiter == RateLimiter.NONE) {
            return null;
        }
        long client = 0;
        if (limiter.limitsClients()) {
            byte[] clientId = m.options().get(OptionCode4.CLIENT_ID);
            client = clientId != null && clientId.length > 0 ? limiter.key(1, clientId) : limiter.key(2 | m.htype() << 8, m.chaddr());
        }
        long relay = limiter.limitsRelays() && m.giaddr() != 0 ? limiter.key(3, Integer.toUnsignedLong(m.giaddr())) : 0;
        String reason = limiter.refusal(client, relay);
        return reason == null ? null : reason.equals(RateLimiter.CLIENT_REASON) ? clientLimited : relayLimited;
    }

    /** Kea's acceptance rules: returns the reason to drop the message, or null to serve it. */
    private String sanityCheck(Inbound4 in, MessageType4 type) {
        Message4 m = in.message();
        if (m.op() != 1) {
            return "not-a-request";
        }
        if (type == null) {
            return m.options().contains(OptionCode4.MESSAGE_TYPE) ? "unknown-message-type" : "no-message-type";
        }
        switch (type) {
            case DISCOVER, REQUEST, RELEASE, DECLINE, INFORM -> { }
            default -> {
                return "unexpected-message-type";
            }
        }
        if (m.hlen() == 0 && !m.options().contains(OptionCode4.CLIENT_ID)) {
            return "no-client-identifier";
        }
        byte[] serverId = m.options().get(OptionCode4.SERVER_ID);
        if (serverId != null && in.dhcp4o6() == null) { // RFC 7341 clients are not held to it
            if (type == MessageType4.DISCOVER || type == MessageType4.INFORM) {
                return "server-id-not-allowed";
            }
            if (serverId.length != 4 || Ipv4.fromBytes(serverId, 0) != in.interfaceAddress()) {
                return "not-our-server-id";
            }
        }
        return null;
    }

    private CompletableFuture<Optional<Reply4>> discover(Client4 client, Subnet4 subnet) {
        Inbound4 in = client.in();
        Message4 m = in.message();
        return offer(client, subnet, requestedAddress(m), OFFER_ATTEMPTS).thenCompose(lease -> {
            if (lease.isEmpty()) {
                counters.drop("pkt4-receive-drop", "no-address-available", "subnet=" + subnet.id() + " " + describe(in));
                return NO_REPLY;
            }
            return hooks.offered(in, lease.get()).thenCompose(selected -> {
                if (selected.result() != CalloutResult.CONTINUE) {
                    // not assigned: the held offer ends, so the address is free for others at once
                    counters.drop("pkt4-receive-drop", "hook-lease4_select", describe(in));
                    return allocator.release(subnet.id(), identity(m, subnet), lease.get().address())
                            .thenApply(released -> Optional.<Reply4>empty());
                }
                return CompletableFuture.completedFuture(
                        Optional.of(leaseReply(client, subnet, MessageType4.OFFER, selected.arguments())));
            });
        });
    }

    /**
     * An address for the client from the allocator. Where host databases may reserve pool
     * addresses, the one picked is looked up first: if it is reserved for another client it is
     * handed back (and kept out of the pools from then on) and another one is asked for.
     */
    private CompletableFuture<Optional<Lease4>> offer(Client4 client, Subnet4 subnet, int hint, int attemptsLeft) {
        LeaseRequest4 req = leaseRequest(client, subnet, hint);
        return allocator.offer(req).thenCompose(lease -> {
            if (lease.isEmpty() || !reservations.checksPoolAddresses(subnet) || req.hintReserved()
                    && lease.get().address() == req.hint()) {
                return CompletableFuture.completedFuture(lease);
            }
            int address = lease.get().address();
            return reservations.ownerOf(subnet, address).thenCompose(owner -> {
                if (owner.isEmpty() || ReservationLookup4.sameClient(owner.get(), client.host())) {
                    return CompletableFuture.completedFuture(lease);
                }
                counters.increment("pkt4-offer-reserved-elsewhere");
                return allocator.release(subnet.id(), req.client(), address).thenCompose(released -> attemptsLeft > 1
                        ? offer(client, subnet, 0, attemptsLeft - 1)
                        : CompletableFuture.completedFuture(Optional.<Lease4>empty()));
            });
        });
    }

    /**
     * DHCPREQUEST in its four client states (RFC 2131 §4.3.2): SELECTING names our server id and
     * the offered address (option 50); INIT-REBOOT asks for its old address in option 50 without a
     * server id; RENEWING (unicast) and REBINDING (broadcast) carry the address in ciaddr.
     */
    private CompletableFuture<Optional<Reply4>> request(Client4 client, Subnet4 subnet) {
        Inbound4 in = client.in();
        Message4 m = in.message();
        int requested = requestedAddress(m);
        int address = requested != 0 ? requested : m.ciaddr();
        boolean selecting = m.options().contains(OptionCode4.SERVER_ID);
        if (address == 0) {
            counters.drop("pkt4-receive-drop", "request-without-address", describe(in));
            return NO_REPLY;
        }
        if (!subnet.contains(address)) {
            // The client asks for an address from another network (it moved): tell it to start over.
            return CompletableFuture.completedFuture(Optional.of(nak(in, "address not on this network")));
        }
        return reservations.ownerOf(subnet, address).thenCompose(owner -> {
            if (owner.isPresent() && !ReservationLookup4.sameClient(owner.get(), client.host())) {
                // The address is reserved for someone else: this client's hold on it ends here, so the
                // owner gets it next, and the client starts over with another address.
                return allocator.release(subnet.id(), identity(m, subnet), address).thenApply(released -> {
                    released.ifPresent(dns::removed);
                    return Optional.of(nak(in, "address is reserved for another client"));
                });
            }
            return grant(client, subnet, address, requested, selecting);
        });
    }

    /** The REQUEST's address is not reserved for another client: commit it (or stay silent, or NAK). */
    private CompletableFuture<Optional<Reply4>> grant(Client4 client, Subnet4 subnet, int address, int requested,
                                                      boolean selecting) {
        Inbound4 in = client.in();
        Message4 m = in.message();
        LeaseRequest4 req = leaseRequest(client, subnet, address);
        boolean initReboot = !selecting && requested != 0 && m.ciaddr() == 0;
        boolean renewing = requested == 0 && m.ciaddr() != 0;
        CompletableFuture<Boolean> mayAnswer = initReboot && !subnet.authoritative()
                // A non-authoritative server stays silent to an INIT-REBOOT client it has no record of.
                ? allocator.findLease(subnet.id(), req.client()).thenApply(Optional::isPresent)
                : CompletableFuture.completedFuture(true);
        return mayAnswer.thenCompose(answer -> {
            if (!answer) {
                counters.drop("pkt4-receive-drop", "unknown-client-not-authoritative", describe(in));
                return NO_REPLY;
            }
            return hooks.committing(in, req, address, renewing).thenCompose(hooked -> {
                if (hooked.dropped()) {
                    counters.drop("pkt4-receive-drop", renewing ? "hook-lease4_renew" : "hook-lease4_select", describe(in));
                    return NO_REPLY;
                }
                if (hooked.skipped()) {
                    return notCommitted(client, subnet, req, renewing);
                }
                return allocator.commit(hooked.arguments(), address).thenApply(commit -> {
                    if (commit.outcome() != Commit.Outcome.GRANTED) {
                        return Optional.of(nak(in, commit.outcome() == Commit.Outcome.CONFLICT
                                ? "address is not available" : "address is in no pool"));
                    }
                    dns.granted(commit.previous(), commit.lease());
                    LeaseEvents4.granted(commit.lease(), m.xid());
                    return Optional.of(leaseReply(client, subnet, MessageType4.ACK, commit.lease()));
                });
            });
        });
    }

    /**
     * A callout skipped the commit: a renewing client is answered with the lease it holds, not
     * extended (lease4_renew); a new lease is not assigned (lease4_select), so the client is told no.
     */
    private CompletableFuture<Optional<Reply4>> notCommitted(Client4 client, Subnet4 subnet, LeaseRequest4 req,
                                                             boolean renewing) {
        Inbound4 in = client.in();
        if (!renewing) {
            return CompletableFuture.completedFuture(Optional.of(nak(in, "lease not assigned")));
        }
        return allocator.findLease(subnet.id(), req.client()).thenApply(held -> {
            if (held.isEmpty()) {
                return Optional.of(nak(in, "no lease to renew"));
            }
            LeaseEvents4.granted(held.get(), in.message().xid());
            return Optional.of(leaseReply(client, subnet, MessageType4.ACK, held.get()));
        });
    }

    private CompletableFuture<Optional<Reply4>> release(Inbound4 in, Subnet4 subnet) {
        Message4 m = in.message();
        return leaseHook(HookPoint.LEASE4_RELEASE, in, subnet, m.ciaddr()).thenCompose(go -> !go ? NO_REPLY
                : allocator.release(subnet.id(), identity(m, subnet), m.ciaddr()).thenApply(released -> {
            released.ifPresent(dns::removed);
            released.ifPresent(lease -> LeaseEvents4.released(lease, m.xid()));
            if (released.isEmpty()) {
                counters.drop("pkt4-receive-drop", "release-of-unknown-lease", describe(in));
            }
            return Optional.<Reply4>empty();
        }));
    }

    /**
     * lease4_release / lease4_decline: whether the step goes ahead. The client's lease on
     * {@code address} is looked up only when the point has callouts; a lease the client does not
     * hold goes ahead (the step counts it as unknown).
     */
    private CompletableFuture<Boolean> leaseHook(HookPoint point, Inbound4 in, Subnet4 subnet, int address) {
        if (!hooks.has(point)) {
            return CompletableFuture.completedFuture(true);
        }
        ClientIdentity4 client = identity(in.message(), subnet);
        return allocator.findLease(subnet.id(), client).thenCompose(held -> {
            if (held.isEmpty() || held.get().address() != address) {
                return CompletableFuture.completedFuture(true);
            }
            return hooks.leaseEvent(point, in, held.get()).thenApply(result -> {
                if (result != CalloutResult.CONTINUE) {
                    counters.drop("pkt4-receive-drop", "hook-" + point, describe(in));
                }
                return result == CalloutResult.CONTINUE;
            });
        });
    }

    private CompletableFuture<Optional<Reply4>> decline(Inbound4 in, Subnet4 subnet) {
        Message4 m = in.message();
        int address = requestedAddress(m);
        return leaseHook(HookPoint.LEASE4_DECLINE, in, subnet, address).thenCompose(go -> !go ? NO_REPLY
                : allocator.decline(subnet.id(), identity(m, subnet), address, config.declineProbationPeriod()).thenApply(declined -> {
            declined.ifPresent(dns::removed);
            if (declined.isPresent()) {
                counters.increment("declined-addresses");
                LeaseEvents4.declined(declined.get(), m, config.declineProbationPeriod());
            } else {
                counters.drop("pkt4-receive-drop", "decline-of-unknown-lease", describe(in));
            }
            return Optional.<Reply4>empty();
        }));
    }

    /** DHCPINFORM: the client has an address already and wants only configuration; no lease. */
    private CompletableFuture<Optional<Reply4>> inform(Client4 client, Subnet4 subnet) {
        Inbound4 in = client.in();
        Message4 m = in.message();
        Message4.Builder b = replyBase(in);
        b.yiaddr(0);
        List<List<ConfiguredOption>> scopes = new ArrayList<>();
        if (client.host() != null) {
            scopes.add(client.host().options());
        }
        if (subnet != null) {
            scopes.add(subnet.options());
        }
        scopes.addAll(client.classes().optionScopes());
        scopes.add(config.globalOptions());
        addConfiguredOptions(b, m.options().get(OptionCode4.PARAMETER_REQUEST_LIST), scopes);
        if (subnet != null) {
            b.option(OptionCode4.SUBNET_MASK, Ipv4.toBytes(subnet.netmask()));
        }
        bootFields(b, subnet, client.classes(), client.host());
        serverOptions(in, b, MessageType4.ACK);
        return CompletableFuture.completedFuture(Optional.of(addressed(in, b.build(), false)));
    }

    private LeaseRequest4 leaseRequest(Client4 client, Subnet4 subnet, int hint) {
        Message4 m = client.in().message();
        Reservation4 host = client.host();
        List<AddressRange> pools = pools(subnet, client.classes());
        // A global reservation's address serves only in the subnet it lies in.
        boolean reserved = host != null && host.address() != 0 && subnet.contains(host.address());
        if (reserved) {
            // The client's own reservation is allocatable for it, in a pool or not.
            pools = new ArrayList<>(pools);
            pools.add(new AddressRange(host.address(), host.address()));
            hint = host.address();
        }
        FqdnDecision4 name = naming(client, hint);
        return new LeaseRequest4(subnet.id(), pools, identity(m, subnet), hint, subnet.validLifetime(),
                name.leaseHostname(), reserved).withDnsUpdates(name.forward(), name.reverse());
    }

    /**
     * The lease's name and DNS update directions for the client leasing {@code address}: from its
     * Client FQDN option (81), else its host name (12), a reservation's host name first (see
     * {@link ClientNames}). A malformed option 81 is left out, counted.
     */
    private FqdnDecision4 naming(Client4 client, int address) {
        Message4 m = client.in().message();
        ClientFqdn4 fqdn = null;
        byte[] option81 = m.options().get(OptionCode4.CLIENT_FQDN);
        if (option81 != null) {
            try {
                fqdn = ClientFqdn4.decode(option81);
            } catch (MalformedPacketException e) {
                counters.drop("pkt4-option-ignored", "malformed-client-fqdn", e.getMessage());
            }
        }
        byte[] hostName = m.options().get(OptionCode4.HOST_NAME);
        String sentName = hostName == null ? null : new String(hostName, StandardCharsets.US_ASCII);
        String reserved = client.host() == null ? null : client.host().hostname();
        return ClientNames.decide4(config.ddns(), fqdn, sentName, reserved, address);
    }

    /**
     * The subnet's pools the client's classes admit, without the addresses reserved for clients
     * (see {@link ReservationLookup4#fenced}), so no client is given another's reserved address;
     * the owner gets its own through {@link #leaseRequest}.
     */
    private List<AddressRange> pools(Subnet4 subnet, Classification classes) {
        int learned = reservations.learnedCount(subnet.id());
        FencedPools built = poolRanges.get(subnet.id());
        if (built != null && built.learned() == learned) {
            return built.ranges();
        }
        boolean guarded = false;
        List<AddressRange> admitted = new ArrayList<>();
        for (Pool4 pool : subnet.pools()) {
            guarded |= !pool.classes().allowed().isEmpty();
            if (pool.classes().admits(classes.names())) {
                admitted.add(pool.range());
            }
        }
        List<AddressRange> ranges = withoutReserved(admitted, reservations.fenced(subnet));
        if (!guarded) {
            poolRanges.put(subnet.id(), new FencedPools(learned, ranges));
        }
        return ranges;
    }

    private static List<AddressRange> withoutReserved(List<AddressRange> ranges, java.util.Set<Integer> fenced) {
        if (fenced.isEmpty()) {
            return ranges;
        }
        List<Integer> reserved = new ArrayList<>(fenced);
        reserved.sort(Integer::compareUnsigned);
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : ranges) {
            long first = Integer.toUnsignedLong(r.first());
            long last = Integer.toUnsignedLong(r.last());
            for (int a : reserved) {
                long address = Integer.toUnsignedLong(a);
                if (address < first || address > last) {
                    continue;
                }
                if (address > first) {
                    out.add(new AddressRange((int) first, (int) (address - 1)));
                }
                first = address + 1;
            }
            if (first <= last) {
                out.add(new AddressRange((int) first, (int) last));
            }
        }
        return out;
    }

    /**
     * siaddr, sname and file: a class's next-server, server-hostname and boot-file-name over the
     * subnet's next-server (the most specific scope wins, as for options).
     */
    private static void bootFields(Message4.Builder b, Subnet4 subnet, Classification classes, Reservation4 host) {
        int nextServer = host != null && host.nextServer() != 0 ? host.nextServer() : classes.nextServer();
        b.siaddr(nextServer != 0 ? nextServer : subnet == null ? 0 : subnet.nextServer());
        String sname = host != null && !host.serverHostname().isEmpty() ? host.serverHostname() : classes.serverHostname();
        if (!sname.isEmpty()) {
            b.sname(sname.getBytes(StandardCharsets.UTF_8));
        }
        String file = host != null && !host.bootFileName().isEmpty() ? host.bootFileName() : classes.bootFileName();
        if (!file.isEmpty()) {
            b.file(file.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ClientIdentity4 identity(Message4 m, Subnet4 subnet) {
        byte[] clientId = m.options().get(OptionCode4.CLIENT_ID);
        return new ClientIdentity4(Octets.of(m.chaddr()), clientId == null ? Octets.EMPTY : Octets.of(clientId),
                subnet.matchClientId());
    }

    private static int requestedAddress(Message4 m) {
        byte[] requested = m.options().get(OptionCode4.REQUESTED_ADDRESS);
        return requested != null && requested.length == 4 ? Ipv4.fromBytes(requested, 0) : 0;
    }

    /** OFFER or ACK for {@code lease}: yiaddr, lifetimes, the options of the pool, subnet, classes and global scope. */
    private Reply4 leaseReply(Client4 client, Subnet4 subnet, MessageType4 type, Lease4 lease) {
        Inbound4 in = client.in();
        Message4 m = in.message();
        Message4.Builder b = replyBase(in);
        b.yiaddr(lease.address());
        List<List<ConfiguredOption>> scopes = new ArrayList<>(5);
        if (client.host() != null) {
            scopes.add(client.host().options());
        }
        Pool4 pool = subnet.poolOf(lease.address());
        Classification classes = client.classes();
        if (pool != null) {
            classes = classifier.require(classes, pool.classes().required(), client.view());
            scopes.add(pool.options());
        }
        scopes.add(subnet.options());
        scopes.addAll(classes.optionScopes());
        scopes.add(config.globalOptions());
        bootFields(b, subnet, classes, client.host());
        byte[] prl = m.options().get(OptionCode4.PARAMETER_REQUEST_LIST);
        addConfiguredOptions(b, prl, scopes);
        b.option(OptionCode4.SUBNET_MASK, Ipv4.toBytes(subnet.netmask()));
        FqdnDecision4 name = naming(client, lease.address());
        if (name.replyFqdn() != null) {
            b.option(OptionCode4.CLIENT_FQDN, name.replyFqdn().encode());
        } else if (name.replyHostName() != null && !name.replyHostName().isEmpty() && asked(prl, OptionCode4.HOST_NAME)) {
            b.option(OptionCode4.HOST_NAME, name.replyHostName().getBytes(StandardCharsets.US_ASCII));
        }
        long valid = lease.validLifetime();
        b.option(OptionCode4.LEASE_TIME, uint32(valid));
        if (subnet.renewTimer() >= 0 && subnet.renewTimer() < valid) {
            b.option(OptionCode4.RENEWAL_TIME, uint32(subnet.renewTimer()));
        }
        if (subnet.rebindTimer() >= 0 && subnet.rebindTimer() < valid) {
            b.option(OptionCode4.REBINDING_TIME, uint32(subnet.rebindTimer()));
        }
        serverOptions(in, b, type);
        return addressed(in, b.build(), false);
    }

    private Reply4 nak(Inbound4 in, String why) {
        Message4.Builder b = replyBase(in);
        b.ciaddr(0).yiaddr(0).siaddr(0);
        b.option(OptionCode4.MESSAGE, why.getBytes(StandardCharsets.US_ASCII));
        serverOptions(in, b, MessageType4.NAK);
        return addressed(in, b.build(), true);
    }

    /** Fixed fields copied from the request (RFC 2131 table 3). */
    private static Message4.Builder replyBase(Inbound4 in) {
        Message4 m = in.message();
        return Message4.builder()
                .op(2).htype(m.htype()).hlen(m.hlen()).hops(0).xid(m.xid()).secs(0).flags(m.flags())
                .ciaddr(m.ciaddr()).giaddr(m.giaddr()).chaddr(m.chaddr());
    }

    /** Message type, server identifier, echoed client id (RFC 6842), subnet selection and relay agent information (RFC 3046). */
    private void serverOptions(Inbound4 in, Message4.Builder b, MessageType4 type) {
        Message4 m = in.message();
        b.option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        b.option(OptionCode4.SERVER_ID, Ipv4.toBytes(in.interfaceAddress()));
        byte[] clientId = m.options().get(OptionCode4.CLIENT_ID);
        if (clientId != null && config.echoClientId()) {
            b.option(OptionCode4.CLIENT_ID, clientId);
        }
        byte[] selection = m.options().get(OptionCode4.SUBNET_SELECTION);
        if (selection != null) {
            b.option(OptionCode4.SUBNET_SELECTION, selection);
        }
        byte[] relayInfo = m.options().get(OptionCode4.RELAY_AGENT_INFO);
        if (relayInfo != null && m.giaddr() != 0) {
            b.option(OptionCode4.RELAY_AGENT_INFO, relayInfo);
        }
    }

    /**
     * RFC 2131 §4.1: to the relay when giaddr is set; unicast to ciaddr when the client has an
     * address (never for a NAK); otherwise broadcast. Unicast to yiaddr before the client has
     * configured it needs an ARP entry a UDP socket cannot create, so Kakapo broadcasts instead.
     */
    private Reply4 addressed(Inbound4 in, Message4 reply, boolean nak) {
        Message4 m = in.message();
        if (m.giaddr() != 0) {
            return new Reply4(reply, m.giaddr(), serverPort);
        }
        if (m.ciaddr() != 0 && !nak) {
            return new Reply4(reply, m.ciaddr(), clientPort);
        }
        return new Reply4(reply, Reply4.BROADCAST, clientPort);
    }

    private void countSent(Reply4 r) {
        counters.increment("pkt4-sent");
        MessageType4 t = r.message().messageType();
        if (t != null) {
            counters.increment(SENT.get(t));
        }
    }

    /**
     * The configured options the client asked for in option 55, the always-send ones, and those
     * Kea always sends when configured (routers, domain name servers, domain name).
     */
    private static void addConfiguredOptions(Message4.Builder b, byte[] prl, List<List<ConfiguredOption>> scopes) {
        for (ConfiguredOption o : OptionAssembly.select(code -> code == OptionCode4.ROUTERS || code == OptionCode4.DOMAIN_NAME_SERVERS
                || code == OptionCode4.DOMAIN_NAME || asked(prl, code), scopes)) {
            b.option(o.code(), o.payload());
        }
    }

    private static boolean asked(byte[] prl, int code) {
        if (prl != null) {
            for (byte b : prl) {
                if ((b & 0xff) == code) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] uint32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static String describe(Inbound4 in) {
        Message4 m = in.message();
        return "xid=" + LeaseEvents4.xidText(m.xid()) + " source=" + Ipv4.toText(in.sourceAddress()) + " interface="
                + in.interfaceName() + " hwaddr=" + Octets.of(m.chaddr());
    }

    /**
     * One message's client as the steps see it: the message, what expressions see of it, its
     * classes, and its host reservation in the chosen subnet (null when none).
     */
    private record Client4(Inbound4 in, PacketView view, Classification classes, Reservation4 host) {
    }
}
