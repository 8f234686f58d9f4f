package dev.kakapo.server.dhcp6;

import dev.kakapo.coordinator.allocator.Allocator6;
import dev.kakapo.coordinator.allocator.ClientIdentity6;
import dev.kakapo.coordinator.allocator.Commit;
import dev.kakapo.coordinator.allocator.LeaseRequest6;
import dev.kakapo.coordinator.allocator.SlotRange6;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.dns.ClientFqdn6;
import dev.kakapo.protocol.eval.PacketView;
import dev.kakapo.protocol.eval.Universe;
import dev.kakapo.protocol.v6.Duid;
import dev.kakapo.protocol.v6.IaAddress;
import dev.kakapo.protocol.v6.IaPrefix;
import dev.kakapo.protocol.v6.IdentityAssociation;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.RelayMessage6;
import dev.kakapo.protocol.v6.StatusCode6;
import dev.kakapo.protocol.v6.StatusCode;
import dev.kakapo.server.classify.Classification;
import dev.kakapo.server.classify.Classifier;
import dev.kakapo.server.config.ConfiguredOption;
import dev.kakapo.server.config.Dhcp6Config;
import dev.kakapo.server.config.PdPool6;
import dev.kakapo.server.config.Pool6;
import dev.kakapo.server.config.Reservation6;
import dev.kakapo.server.config.Subnet6;
import dev.kakapo.server.ddns.ClientNames;
import dev.kakapo.server.ddns.DnsUpdates;
import dev.kakapo.server.ddns.FqdnDecision6;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Handoff;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Packet;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hosts.ReservationLookup6;
import dev.kakapo.server.limits.RateLimiter;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.options.OptionAssembly;
import dev.kakapo.coordinator.lease.LeaseNotDurableException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers DHCPv6 messages. The pipeline is the short list in {@link #process}: count, check,
 * select the subnet, then the step for the message type; hook libraries' callouts run at their
 * points (see {@link Hooks6}). Each IA_NA and IA_PD of a message is
 * handled on its own and answered in its own IA option; anything that waits is a future, and a
 * REPLY that grants a lease is produced only after the lease is durable.
 */
public final class Dhcp6Processor {
    private static final CompletableFuture<Optional<Reply6>> NO_REPLY = CompletableFuture.completedFuture(Optional.empty());
    /** Kea's statistic names per message type, made once rather than per packet. */
    private static final Map<MessageType6, String> RECEIVED = statisticNames("-received");
    private static final Map<MessageType6, String> SENT = statisticNames("-sent");

    private static Map<MessageType6, String> statisticNames(String suffix) {
        Map<MessageType6, String> names = new java.util.EnumMap<>(MessageType6.class);
        for (MessageType6 t : MessageType6.values()) {
            names.put(t, "pkt6-" + keaName(t) + suffix);
        }
        return names;
    }

    /** RFC 8357: a relay that sends from a port other than 547 says so with this option, and is answered there. */
    static final int RELAY_SOURCE_PORT = 135;

    private final Dhcp6Config config;
    private final Allocator6 allocator;
    private final PacketCounters counters;
    private final SubnetSelector6 subnets;
    private final Classifier classifier;
    private final Option6 serverId;
    private final int serverPort;
    private final int clientPort;
    private final ReservationLookup6 reservations;
    private final DnsUpdates dns;
    private final Hooks6 hooks;
    private final RateLimiter limiter;
    private final PacketCounters.Drop clientLimited;
    private final PacketCounters.Drop relayLimited;
    /** Where DHCPV4-QUERY messages go (RFC 7341); null when {@code dhcp4o6-port} is 0. */
    private final Dhcp4o6Handoff dhcp4o6;
    /**
     * Each subnet's pools as the allocator takes them, fenced, built once rather than per packet
     * and again when a host database was found to reserve another slot (subnets with pools
     * guarded by classes are built per packet).
     */
    private final Map<Integer, FencedPools> addressPools = new ConcurrentHashMap<>();
    private final Map<Integer, FencedPools> prefixPools = new ConcurrentHashMap<>();

    private record FencedPools(int learned, List<SlotRange6> ranges) {
    }

    /** How many pool slots an allocation may find reserved in a host database before the IA gets NoAddrsAvail. */
    private static final int ALLOCATION_ATTEMPTS = 8;

    public Dhcp6Processor(Dhcp6Config config, Allocator6 allocator, ReservationLookup6 reservations, DnsUpdates dns,
                          PacketCounters counters, Duid serverDuid, int serverPort, int clientPort) {
        this(config, allocator, reservations, dns, Callouts.NONE, null, counters, serverDuid, serverPort, clientPort,
                RateLimiter.of(config.rateLimits()));
    }

    /**
     * @param callouts the hook libraries' callouts, run at their points of the pipeline
     * @param dhcp4o6  where DHCPV4-QUERY messages go (RFC 7341); null when 4o6 is off
     * @param limiter  enforces {@code Kakapo/rate-limits} (the running one when the limits did not change)
     */
    public Dhcp6Processor(Dhcp6Config config, Allocator6 allocator, ReservationLookup6 reservations, DnsUpdates dns,
                          Callouts callouts, Dhcp4o6Handoff dhcp4o6, PacketCounters counters, Duid serverDuid,
                          int serverPort, int clientPort, RateLimiter limiter) {
        this.limiter = limiter;
        this.clientLimited = counters.dropReason("pkt6-receive-drop", RateLimiter.CLIENT_REASON);
        this.relayLimited = counters.dropReason("pkt6-receive-drop", RateLimiter.RELAY_REASON);
        this.hooks = new Hooks6(callouts, config.subnets());
        this.dhcp4o6 = dhcp4o6;
        this.config = config;
        this.allocator = allocator;
        this.reservations = reservations;
        this.dns = dns;
        this.counters = counters;
        this.subnets = new SubnetSelector6(config.subnets());
        this.classifier = new Classifier(config.clientClasses(), Universe.DHCP6);
        this.serverId = new Option6(OptionCode6.SERVERID, serverDuid.bytes());
        this.serverPort = serverPort;
        this.clientPort = clientPort;
    }

    public CompletableFuture<Optional<Reply6>> process(Inbound6 in) {
        Message6 m = in.packet().message();
        MessageType6 type = m.type();
        counters.increment("pkt6-received");
        counters.increment(type == null ? "pkt6-unknown-received" : RECEIVED.get(type));
        String problem = sanityCheck(in, type);
        if (problem != null) {
            counters.drop("pkt6-receive-drop", problem, describe(in));
            return NO_REPLY;
        }
        PacketCounters.Drop limited = overRate(in);
        if (limited != null) {
            limited.count(() -> describe(in));
            return NO_REPLY;
        }
        if (in.unicast() && in.serverUnicast() == null && in.packet().relays().isEmpty() && needsServerId(type)) {
            // RFC 8415 18.4: only where interfaces-config names a unicast address (and the Server
            // Unicast option says so) may a client unicast; elsewhere it must multicast.
            return CompletableFuture.completedFuture(Optional.of(addressed(in, Message6.of(MessageType6.REPLY.code(),
                    m.transactionId(), Options6.of(List.of(clientIdOf(m), serverId,
                            StatusCode.of(StatusCode6.USE_MULTICAST, "use multicast").toOption()))))));
        }
        Classification classified = classifier.classify(in.view(serverPort));
        CompletableFuture<Optional<Reply6>> reply = hooks.received(in, classified).thenCompose(received -> {
            if (received.result() != CalloutResult.CONTINUE) {
                counters.drop("pkt6-receive-drop", "hook-pkt6_receive", describe(in));
                return NO_REPLY;
            }
            if (received.arguments() == null) {
                return selectSubnet(in, classified);
            }
            // a callout's replacement is checked and classified as if it had arrived so
            Inbound6 query = received.arguments().in();
            String replaced = query == in ? null : sanityCheck(query, query.packet().message().type());
            if (replaced != null) {
                counters.drop("pkt6-receive-drop", replaced, describe(query));
                return NO_REPLY;
            }
            Classification classes = query == in ? classified : classifier.classify(query.view(serverPort));
            return selectSubnet(query, classes.withNames(received.arguments().query().addedClasses()));
        }).exceptionally(failure -> {
            if (failure.getCause() instanceof DroppedByCallout) {
                return Optional.empty(); // counted where a callout said so
            }
            throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
        }).thenCompose(r -> hooks.sending(in, r));
        return reply.whenComplete((r, failure) -> {
            if (failure != null) {
                counters.drop("pkt6-receive-drop", LeaseNotDurableException.causes(failure) ? "lease-not-durable" : "processing-failed",
                        failure.toString());
            } else {
                r.ifPresent(this::countSent);
            }
        });
    }

    /** Selects the subnet (subnet6_select may choose another), finds the client's reservation, then serves it. */
    private CompletableFuture<Optional<Reply6>> selectSubnet(Inbound6 in, Classification classified) {
        Message6 m = in.packet().message();
        PacketView view = in.view(serverPort);
        return hooks.subnetSelected(in, classified, subnets.select(in, classified.names())).thenCompose(chosen -> {
            if (chosen.dropped()) {
                counters.drop("pkt6-receive-drop", "hook-subnet6_select", describe(in));
                return NO_REPLY;
            }
            Subnet6 subnet = chosen.arguments();
            Classification classes = subnet == null ? classified
                    : classifier.require(classified, subnet.classes().required(), view);
            CompletableFuture<Optional<Reservation6>> host = subnet == null
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : reservations.find(subnet, m, view, classes::contains);
            return host.thenCompose(h -> {
                Classification known = h.isPresent() ? classifier.known(classes, h.get().classes(), view) : classes;
                return serve(new Client6(in, view, known, h.orElse(null)), subnet, m.type());
            });
        });
    }

    /** A callout dropped the packet in the middle of an IA step: no reply (counted where it happened). */
    private static final class DroppedByCallout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DroppedByCallout() {
            super(null, null, false, false);
        }
    }

    /**
     * A lease point's callouts for one lease: whether the step goes ahead with it. SKIP is
     * false; DROP is counted and fails the packet's IA steps with {@link DroppedByCallout}.
     */
    private CompletableFuture<Boolean> leaseHook(HookPoint point, Client6 client, Lease6 lease) {
        return hooks.leaseEvent(point, client.in(), lease).thenApply(result -> {
            if (result == CalloutResult.DROP) {
                counters.drop("pkt6-receive-drop", "hook-" + point, describe(client.in()));
                throw new DroppedByCallout();
            }
            return result == CalloutResult.CONTINUE;
        });
    }

    /** The lease on a slot the client names, for a lease point that has callouts (empty otherwise or when none). */
    private CompletableFuture<Optional<Lease6>> leaseFor(HookPoint point, Subnet6 subnet, Ia ia, Slot s) {
        return hooks.has(point) ? allocator.leaseAt(subnet.id(), ia.type(), s.address(), s.length())
                : CompletableFuture.completedFuture(Optional.empty());
    }

    /** The step for the message type. */
    private CompletableFuture<Optional<Reply6>> serve(Client6 client, Subnet6 subnet, MessageType6 type) {
        return switch (type) {
            case SOLICIT -> solicit(client, subnet);
            case REQUEST -> request(client, subnet);
            case RENEW, REBIND -> extend(client, subnet);
            case RELEASE -> release(client, subnet);
            case DECLINE -> decline(client, subnet);
            case CONFIRM -> confirm(client, subnet);
            case INFORMATION_REQUEST -> informationRequest(client, subnet);
            case DHCPV4_QUERY -> dhcpv4Query(client.in());
            default -> NO_REPLY;
        };
    }

    /** Kea's statistic names: "infrequest" for INFORMATION-REQUEST, lowercase names otherwise. */
    static String keaName(MessageType6 type) {
        return type == MessageType6.INFORMATION_REQUEST ? "infrequest" : type.name().toLowerCase().replace('_', '-');
    }

    /** The rate limiter this processor asks (kept by the server across reloads that keep the limits). */
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /**
     * Where the packet is counted when its client or its relay has sent too much
     * ({@code Kakapo/rate-limits}), or null to serve it. The client is its DUID; the relay is the
     * one that reached us, by its link-address (the link it serves), or by the datagram's source
     * when it gives none; a client that is not relayed has no relay.
     */
    private PacketCounters.Drop overRate(Inbound6 in) {
        if (limiter == RateLimiter.NONE) {
            return null;
        }
        long client = 0;
        if (limiter.limitsClients()) {
            byte[] duid = in.packet().message().options().first(OptionCode6.CLIENTID);
            client = duid == null ? 0 : limiter.key(1, duid);
        }
        long relay = 0;
        if (limiter.limitsRelays() && !in.packet().relays().isEmpty()) {
            byte[] link = in.packet().relays().get(0).linkAddress();
            relay = !Arrays.equals(link, UNSPECIFIED) ? limiter.key(2, link)
                    : limiter.key(3, in.sender().getAddress().getAddress());
        }
        String reason = limiter.refusal(client, relay);
        return reason == null ? null : reason.equals(RateLimiter.CLIENT_REASON) ? clientLimited : relayLimited;
    }

    private static final byte[] UNSPECIFIED = new byte[16];

    private static boolean needsServerId(MessageType6 type) {
        return type == MessageType6.REQUEST || type == MessageType6.RENEW || type == MessageType6.RELEASE
                || type == MessageType6.DECLINE;
    }

    /** RFC 8415 section 16 and Kea's rules: returns why to drop the message, or null to serve it. */
    private String sanityCheck(Inbound6 in, MessageType6 type) {
        Message6 m = in.packet().message();
        if (type == null) {
            return "unknown-message-type";
        }
        switch (type) {
            case SOLICIT, REQUEST, CONFIRM, RENEW, REBIND, RELEASE, DECLINE, INFORMATION_REQUEST -> { }
            case DHCPV4_QUERY -> {
                // the DHCPv4 server judges the DHCPv4 message; no DHCPv6 identifiers are involved
                return dhcp4o6 == null ? "dhcp4o6-disabled"
                        : m.options().count(OptionCode6.DHCPV4_MSG) != 1 ? "no-single-dhcpv4-msg" : null;
            }
            default -> {
                return "unexpected-message-type";
            }
        }
        byte[] clientId = m.options().first(OptionCode6.CLIENTID);
        if (clientId == null && type != MessageType6.INFORMATION_REQUEST) {
            return "no-client-id";
        }
        if (clientId != null) {
            try {
                Duid.parse(clientId);
            } catch (MalformedPacketException e) {
                return "bad-client-id";
            }
        }
        byte[] sid = m.options().first(OptionCode6.SERVERID);
        if (needsServerId(type)) {
            if (sid == null) {
                return "no-server-id";
            }
        } else if (sid != null && (type == MessageType6.SOLICIT || type == MessageType6.CONFIRM || type == MessageType6.REBIND)) {
            return "server-id-not-allowed";
        }
        if (sid != null && !Arrays.equals(sid, serverId.data())) {
            return "not-our-server-id";
        }
        return null;
    }

    // ---- message steps ----

    private CompletableFuture<Optional<Reply6>> solicit(Client6 client, Subnet6 subnet) {
        Inbound6 in = client.in();
        Message6 m = in.packet().message();
        boolean rapid = m.options().contains(OptionCode6.RAPID_COMMIT) && subnet != null && subnet.rapidCommit();
        IaStep step = rapid ? this::assignIa : this::offerIa;
        return eachIa(client, subnet, step).thenApply(ias -> {
            List<Option6> opts = new ArrayList<>(ias);
            if (rapid) {
                opts.add(new Option6(OptionCode6.RAPID_COMMIT, new byte[0]));
            } else {
                opts.add(preference(client, subnet, ias));
            }
            return Optional.of(build(client, rapid ? MessageType6.REPLY : MessageType6.ADVERTISE, subnet, ias, opts));
        });
    }

    private CompletableFuture<Optional<Reply6>> request(Client6 client, Subnet6 subnet) {
        return eachIa(client, subnet, this::assignIa)
                .thenApply(ias -> Optional.of(build(client, MessageType6.REPLY, subnet, ias, new ArrayList<>(ias))));
    }

    private CompletableFuture<Optional<Reply6>> extend(Client6 client, Subnet6 subnet) {
        return eachIa(client, subnet, this::extendIa)
                .thenApply(ias -> Optional.of(build(client, MessageType6.REPLY, subnet, ias, new ArrayList<>(ias))));
    }

    private CompletableFuture<Optional<Reply6>> release(Client6 client, Subnet6 subnet) {
        Inbound6 in = client.in();
        return eachIa(client, subnet, this::releaseIa).thenApply(ias -> {
            List<Option6> opts = new ArrayList<>(ias);
            opts.add(StatusCode.of(StatusCode6.SUCCESS, "Leases released.").toOption());
            return Optional.of(reply(in, MessageType6.REPLY, opts));
        });
    }

    private CompletableFuture<Optional<Reply6>> decline(Client6 client, Subnet6 subnet) {
        Inbound6 in = client.in();
        return eachIa(client, subnet, this::declineIa).thenApply(ias -> {
            List<Option6> opts = new ArrayList<>(ias);
            opts.add(StatusCode.of(StatusCode6.SUCCESS, "Addresses declined.").toOption());
            return Optional.of(reply(in, MessageType6.REPLY, opts));
        });
    }

    /** CONFIRM: are the client's addresses still on this link? Without addresses there is nothing to say. */
    private CompletableFuture<Optional<Reply6>> confirm(Client6 client, Subnet6 subnet) {
        Inbound6 in = client.in();
        List<Ipv6Address> addresses = new ArrayList<>();
        for (Ia ia : ias(in.packet().message())) {
            if (ia.type() != LeaseType6.PD) {
                ia.slots().forEach(s -> addresses.add(s.address()));
            }
        }
        if (addresses.isEmpty()) {
            counters.drop("pkt6-receive-drop", "confirm-without-addresses", describe(in));
            return NO_REPLY;
        }
        boolean onLink = subnet != null && addresses.stream().allMatch(subnet::contains);
        StatusCode status = onLink ? StatusCode.of(StatusCode6.SUCCESS, "All addresses are on-link.")
                : StatusCode.of(StatusCode6.NOT_ON_LINK, "Some addresses are not on-link.");
        return CompletableFuture.completedFuture(Optional.of(reply(in, MessageType6.REPLY, new ArrayList<>(List.of(status.toOption())))));
    }

    private CompletableFuture<Optional<Reply6>> informationRequest(Client6 client, Subnet6 subnet) {
        return CompletableFuture.completedFuture(Optional.of(build(client, MessageType6.REPLY, subnet, List.of(), new ArrayList<>())));
    }

    /** DHCPV4-QUERY (RFC 7341): the DHCPv4 server answers; its DHCPV4-RESPONSE goes back the way the query came. */
    private CompletableFuture<Optional<Reply6>> dhcpv4Query(Inbound6 in) {
        Ipv6Address source = Ipv6Address.fromBytes(in.sender().getAddress().getAddress(), 0);
        return dhcp4o6.answer(new Dhcp4o6Packet(in.packet(), source, in.interfaceName()))
                .thenApply(response -> response.map(m -> addressed(in, m)));
    }

    // ---- one IA at a time ----

    /**
     * An IA of the client's message: its type, IAID and the addresses or prefixes it names;
     * {@code first} when no IA of its type comes before it (that one gets every reserved address
     * or prefix of the client's host, as in Kea).
     */
    record Ia(LeaseType6 type, long iaid, List<Slot> slots, boolean first) {
    }

    /** An address (length 128) or a prefix named in an IA. */
    record Slot(Ipv6Address address, int length) {
    }

    @FunctionalInterface
    private interface IaStep {
        CompletableFuture<Option6> answer(Client6 client, Subnet6 subnet, Ia ia);
    }

    /** Runs {@code step} for every IA of the message, keeping their order in the reply. */
    private CompletableFuture<List<Option6>> eachIa(Client6 client, Subnet6 subnet, IaStep step) {
        Inbound6 in = client.in();
        List<CompletableFuture<Option6>> answers = new ArrayList<>();
        for (Ia ia : ias(in.packet().message())) {
            answers.add(ia.type() == LeaseType6.TA
                    ? CompletableFuture.completedFuture(null) // IA_TA is parsed, not served (as in Kea)
                    : step.answer(client, subnet, ia));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(v -> answers.stream().map(CompletableFuture::join).filter(o -> o != null).toList());
    }

    /** The IA_NA and IA_PD options of a message; a malformed IA is left out (counted). */
    private List<Ia> ias(Message6 m) {
        List<Ia> out = new ArrayList<>();
        for (Option6 o : m.options().all()) {
            try {
                if (o.code() == OptionCode6.IA_NA) {
                    IdentityAssociation na = IdentityAssociation.decodeIaNa(o.data());
                    List<Slot> slots = new ArrayList<>();
                    for (byte[] a : na.options().all(OptionCode6.IAADDR)) {
                        slots.add(new Slot(Ipv6Address.fromBytes(IaAddress.decode(a).address(), 0), 128));
                    }
                    out.add(new Ia(LeaseType6.NA, na.iaid(), slots, out.stream().noneMatch(ia -> ia.type() == LeaseType6.NA)));
                } else if (o.code() == OptionCode6.IA_PD) {
                    IdentityAssociation pd = IdentityAssociation.decodeIaPd(o.data());
                    List<Slot> slots = new ArrayList<>();
                    for (byte[] p : pd.options().all(OptionCode6.IAPREFIX)) {
                        IaPrefix prefix = IaPrefix.decode(p);
                        slots.add(new Slot(Ipv6Address.fromBytes(prefix.prefix(), 0), prefix.prefixLength()));
                    }
                    out.add(new Ia(LeaseType6.PD, pd.iaid(), slots, out.stream().noneMatch(ia -> ia.type() == LeaseType6.PD)));
                } else if (o.code() == OptionCode6.IA_TA) {
                    out.add(new Ia(LeaseType6.TA, 0, List.of(), false));
                }
            } catch (MalformedPacketException e) {
                counters.drop("pkt6-receive-drop", "malformed-ia", e.getMessage());
            }
        }
        return out;
    }

    private CompletableFuture<Option6> offerIa(Client6 client, Subnet6 subnet, Ia ia) {
        return allocatedWithReserved(client, subnet, ia, allocator::offer);
    }

    private CompletableFuture<Option6> assignIa(Client6 client, Subnet6 subnet, Ia ia) {
        int xid = client.in().packet().message().transactionId();
        return allocatedWithReserved(client, subnet, ia, req -> allocator.assign(req).thenApply(lease -> {
            lease.ifPresent(l -> dns.granted(null, l));
            lease.ifPresent(l -> LeaseEvents6.granted(l, xid));
            return lease;
        }));
    }

    /**
     * The IA's lease from the allocator and, for the first IA of its type, a lease on each further
     * address or prefix the client's host reserves (one reservation may hold several).
     */
    private CompletableFuture<Option6> allocatedWithReserved(Client6 client, Subnet6 subnet, Ia ia,
            java.util.function.Function<LeaseRequest6, CompletableFuture<Optional<Lease6>>> step) {
        return allocated(client, subnet, ia, step, ALLOCATION_ATTEMPTS).thenCompose(lease -> lease.isEmpty()
                || !hooks.has(HookPoint.LEASE6_SELECT) ? CompletableFuture.completedFuture(lease)
                : leaseHook(HookPoint.LEASE6_SELECT, client, lease.get()).thenCompose(go -> go
                        ? CompletableFuture.completedFuture(lease)
                        // not assigned: handed back, so the slot is free for others at once
                        : allocator.release(subnet.id(), identity(client.in().packet().message(), ia), lease.get().address(),
                                lease.get().prefixLength()).thenApply(released -> Optional.<Lease6>empty())))
                .thenCompose(first -> {
            if (first.isEmpty()) {
                return CompletableFuture.completedFuture(unavailable(ia));
            }
            List<CompletableFuture<Optional<Lease6>>> more = new ArrayList<>();
            for (Reservation6.ReservedPrefix slot : reservedSlots(client.host(), ia.type())) {
                if (!ia.first() || slot.prefix().equals(first.get().address())) {
                    continue;
                }
                SlotRange6 only = ia.type() == LeaseType6.PD ? SlotRange6.prefixes(slot.prefix(), slot.length(), slot.length())
                        : SlotRange6.addresses(slot.prefix(), slot.prefix());
                LeaseRequest6 primary = leaseRequest(client, subnet, ia);
                more.add(step.apply(new LeaseRequest6(subnet.id(), List.of(only), primary.client(), List.of(slot.prefix()),
                        primary.preferredLifetime(), primary.validLifetime(), primary.hwAddress(), primary.hostname(), true)
                        .withDnsUpdates(primary.fqdnFwd(), primary.fqdnRev())));
            }
            return CompletableFuture.allOf(more.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<Lease6> leases = new ArrayList<>(List.of(first.get()));
                more.forEach(m -> m.join().ifPresent(leases::add));
                return granted(subnet, ia, leases);
            });
        });
    }

    /** The addresses (IA_NA) or prefixes (IA_PD) a host reserves; none without a host. */
    private static List<Reservation6.ReservedPrefix> reservedSlots(Reservation6 host, LeaseType6 type) {
        if (host == null) {
            return List.of();
        }
        return type == LeaseType6.PD ? host.prefixes()
                : host.addresses().stream().map(a -> new Reservation6.ReservedPrefix(a, 128)).toList();
    }

    /**
     * A lease from the allocator ({@code step}: offer or assign). Where host databases may reserve
     * pool slots, the one picked is looked up first: if it is reserved for another client it is
     * handed back (and kept out of the pools from then on) and the allocator is asked again.
     */
    private CompletableFuture<Optional<Lease6>> allocated(Client6 client, Subnet6 subnet, Ia ia,
            java.util.function.Function<LeaseRequest6, CompletableFuture<Optional<Lease6>>> step, int attemptsLeft) {
        LeaseRequest6 req = leaseRequest(client, subnet, ia);
        if (req == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return step.apply(req).thenCompose(lease -> {
            if (lease.isEmpty() || !reservations.checksPoolAddresses(subnet)
                    || req.hintsReserved() && req.hints().contains(lease.get().address())) {
                return CompletableFuture.completedFuture(lease);
            }
            Lease6 l = lease.get();
            return reservations.ownerOf(subnet, l.address(), l.prefixLength()).thenCompose(owner -> {
                if (owner.isEmpty() || ReservationLookup6.sameClient(owner.get(), client.host())) {
                    return CompletableFuture.completedFuture(lease);
                }
                counters.increment("pkt6-allocation-reserved-elsewhere");
                return allocator.release(subnet.id(), req.client(), l.address(), l.prefixLength())
                        .thenCompose(released -> {
                            released.ifPresent(dns::removed); // an assigned lease's records, if any were asked for
                            return attemptsLeft > 1
                                    ? allocated(client, subnet, ia, step, attemptsLeft - 1)
                                    : CompletableFuture.completedFuture(Optional.<Lease6>empty());
                        });
            });
        });
    }

    /**
     * RENEW / REBIND: every address or prefix the IA names is extended when it is the IA's own;
     * the others come back with lifetimes 0 (RFC 8415 18.3.4). An IA naming nothing is extended
     * by what the server knows it holds; an IA the server knows nothing of gets NoBinding.
     */
    private CompletableFuture<Option6> extendIa(Client6 client, Subnet6 subnet, Ia ia) {
        LeaseRequest6 req = leaseRequest(client, subnet, ia);
        if (req == null) {
            return CompletableFuture.completedFuture(ia.slots().isEmpty() ? status(ia, StatusCode6.NO_BINDING, "no binding for this IA")
                    : iaOption(ia, 0, 0, zeroLifetimes(ia.slots())));
        }
        CompletableFuture<List<Slot>> named = ia.slots().isEmpty()
                ? allocator.findLease(subnet.id(), req.client()).thenApply(l -> l.map(x -> List.of(new Slot(x.address(), x.prefixLength())))
                        .orElse(List.of()))
                : CompletableFuture.completedFuture(ia.slots());
        return named.thenCompose(slots -> {
            if (slots.isEmpty()) {
                return CompletableFuture.completedFuture(status(ia, StatusCode6.NO_BINDING, "no binding for this IA"));
            }
            List<CompletableFuture<Commit<Lease6>>> commits = new ArrayList<>();
            for (Slot s : slots) {
                commits.add(reservations.ownerOf(subnet, s.address(), s.length()).thenCompose(owner -> {
                    if (owner.isPresent() && !ReservationLookup6.sameClient(owner.get(), client.host())) {
                        // Reserved for someone else: this client's hold ends (lifetimes 0), so the owner gets it next.
                        return allocator.release(subnet.id(), req.client(), s.address(), s.length()).thenApply(released -> {
                            released.ifPresent(dns::removed);
                            return new Commit<Lease6>(Commit.Outcome.NOT_IN_POOL, null);
                        });
                    }
                    HookPoint point = client.in().packet().message().type() == MessageType6.REBIND
                            ? HookPoint.LEASE6_REBIND : HookPoint.LEASE6_RENEW;
                    return leaseFor(point, subnet, ia, s).thenCompose(held -> held.isEmpty()
                            ? allocator.extend(req, s.address(), s.length())
                            : leaseHook(point, client, held.get()).thenCompose(go -> go
                                    ? allocator.extend(req, s.address(), s.length())
                                    // not extended: sent back with lifetimes 0
                                    : CompletableFuture.completedFuture(new Commit<Lease6>(Commit.Outcome.CONFLICT, null))));
                }));
            }
            return CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<Lease6> kept = new ArrayList<>();
                List<Slot> refused = new ArrayList<>();
                boolean anyBinding = false;
                for (int i = 0; i < slots.size(); i++) {
                    Commit<Lease6> c = commits.get(i).join();
                    if (c.outcome() == Commit.Outcome.GRANTED) {
                        dns.granted(c.previous(), c.lease());
                        LeaseEvents6.granted(c.lease(), client.in().packet().message().transactionId());
                        kept.add(c.lease());
                    } else {
                        refused.add(slots.get(i));
                    }
                    anyBinding |= c.outcome() != Commit.Outcome.NO_BINDING;
                }
                if (!anyBinding) {
                    return status(ia, StatusCode6.NO_BINDING, "no binding for this IA");
                }
                List<Option6> inner = new ArrayList<>(leaseOptions(kept));
                inner.addAll(zeroLifetimes(refused));
                return iaOption(ia, t1(subnet), t2(subnet), inner);
            });
        });
    }

    private CompletableFuture<Option6> releaseIa(Client6 client, Subnet6 subnet, Ia ia) {
        Inbound6 in = client.in();
        if (subnet == null || ia.slots().isEmpty()) {
            return CompletableFuture.completedFuture(status(ia, StatusCode6.NO_BINDING, "no binding for this IA"));
        }
        ClientIdentity6 identity = identity(in.packet().message(), ia);
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        for (Slot s : ia.slots()) {
            done.add(leaseFor(HookPoint.LEASE6_RELEASE, subnet, ia, s).thenCompose(held -> held.isEmpty()
                    ? CompletableFuture.completedFuture(true) : leaseHook(HookPoint.LEASE6_RELEASE, client, held.get()))
                    .thenCompose(go -> !go ? CompletableFuture.completedFuture(true) // kept; the client is answered
                            : allocator.release(subnet.id(), identity, s.address(), s.length()).thenApply(released -> {
                                released.ifPresent(dns::removed);
                                released.ifPresent(lease -> LeaseEvents6.released(lease, in.packet().message().transactionId()));
                                return released.isPresent();
                            })));
        }
        return allTrue(done).thenApply(all -> all ? status(ia, StatusCode6.SUCCESS, "released")
                : status(ia, StatusCode6.NO_BINDING, "no binding for this IA"));
    }

    private CompletableFuture<Option6> declineIa(Client6 client, Subnet6 subnet, Ia ia) {
        Inbound6 in = client.in();
        if (subnet == null || ia.type() != LeaseType6.NA || ia.slots().isEmpty()) {
            return CompletableFuture.completedFuture(status(ia, StatusCode6.NO_BINDING, "no binding for this IA"));
        }
        ClientIdentity6 identity = identity(in.packet().message(), ia);
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        for (Slot s : ia.slots()) {
            done.add(leaseFor(HookPoint.LEASE6_DECLINE, subnet, ia, s).thenCompose(held -> held.isEmpty()
                    ? CompletableFuture.completedFuture(true) : leaseHook(HookPoint.LEASE6_DECLINE, client, held.get()))
                    .thenCompose(go -> !go ? CompletableFuture.completedFuture(Optional.<Lease6>empty())
                            : allocator.decline(subnet.id(), identity, s.address(), config.declineProbationPeriod()))
                    .thenApply(declined -> {
                        declined.ifPresent(dns::removed);
                        declined.ifPresent(lease -> LeaseEvents6.declined(lease, identity, in.packet().message().transactionId(),
                                config.declineProbationPeriod()));
                        return declined.isPresent();
                    }).thenApply(ok -> {
                        if (ok) {
                            counters.increment("declined-addresses");
                        }
                        return ok;
                    }));
        }
        return allTrue(done).thenApply(all -> all ? status(ia, StatusCode6.SUCCESS, "declined")
                : status(ia, StatusCode6.NO_BINDING, "no binding for this IA"));
    }

    private static CompletableFuture<Boolean> allTrue(List<CompletableFuture<Boolean>> all) {
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().allMatch(CompletableFuture::join));
    }

    // ---- building replies ----

    private static ClientIdentity6 identity(Message6 m, Ia ia) {
        return new ClientIdentity6(Octets.of(m.options().first(OptionCode6.CLIENTID)), ia.iaid(), ia.type());
    }

    /** What the allocator needs for one IA, or null when the subnet has no pool of the IA's kind. */
    private LeaseRequest6 leaseRequest(Client6 client, Subnet6 subnet, Ia ia) {
        Inbound6 in = client.in();
        if (subnet == null) {
            return null;
        }
        List<SlotRange6> pools = pools(subnet, ia.type(), client.classes());
        List<Ipv6Address> hints = ia.slots().stream().map(Slot::address).toList();
        Reservation6 host = client.host();
        List<Ipv6Address> reserved = new ArrayList<>();
        if (host != null) {
            // The client's own reservations are allocatable for it, in a pool or not, and tried first.
            List<SlotRange6> own = new ArrayList<>(pools);
            if (ia.type() == LeaseType6.PD) {
                for (Reservation6.ReservedPrefix p : host.prefixes()) {
                    own.add(SlotRange6.prefixes(p.prefix(), p.length(), p.length()));
                    reserved.add(p.prefix());
                }
            } else {
                for (Ipv6Address a : host.addresses()) {
                    own.add(SlotRange6.addresses(a, a));
                    reserved.add(a);
                }
            }
            pools = own;
        }
        if (pools.isEmpty()) {
            return null;
        }
        Message6 m = in.packet().message();
        byte[] clientId = m.options().first(OptionCode6.CLIENTID);
        byte[] linkLayer = null;
        try {
            linkLayer = Duid.parse(clientId).linkLayerAddress();
        } catch (MalformedPacketException e) {
            // checked in sanityCheck: cannot happen here
        }
        if (!reserved.isEmpty()) {
            reserved.addAll(hints);
            hints = reserved;
        }
        // A name made from the address needs one: the IA_NA's first hint (reserved ones come first).
        FqdnDecision6 name = naming(client, ia.type() == LeaseType6.NA && !hints.isEmpty() ? hints.get(0) : null);
        return new LeaseRequest6(subnet.id(), pools, identity(m, ia), hints, subnet.preferredLifetime(),
                subnet.validLifetime(), Octets.of(linkLayer), name.leaseHostname(), !reserved.isEmpty())
                .withDnsUpdates(name.forward(), name.reverse());
    }

    /**
     * The leases' name and DNS update directions: from the client's FQDN option (39), a
     * reservation's host name first (see {@link ClientNames}). A malformed option 39 is left out,
     * counted.
     */
    private FqdnDecision6 naming(Client6 client, Ipv6Address address) {
        ClientFqdn6 fqdn = null;
        byte[] option39 = client.in().packet().message().options().first(OptionCode6.CLIENT_FQDN);
        if (option39 != null) {
            try {
                fqdn = ClientFqdn6.decode(option39);
            } catch (MalformedPacketException e) {
                counters.drop("pkt6-option-ignored", "malformed-client-fqdn", e.getMessage());
            }
        }
        String reserved = client.host() == null ? null : client.host().hostname();
        return ClientNames.decide6(config.ddns(), fqdn, reserved, address);
    }

    /**
     * The ranges without the addresses and prefixes reserved for clients (see
     * {@link ReservationLookup6#fenced}), so no client is given another's reservation.
     */
    private static List<SlotRange6> withoutReserved(List<SlotRange6> ranges, java.util.Set<Reservation6.ReservedPrefix> fenced) {
        if (fenced.isEmpty()) {
            return ranges;
        }
        List<SlotRange6> out = new ArrayList<>(ranges);
        for (Reservation6.ReservedPrefix slot : fenced) {
            List<SlotRange6> next = new ArrayList<>();
            for (SlotRange6 r : out) {
                next.addAll(without(r, slot.prefix(), slot.length()));
            }
            out = next;
        }
        return out;
    }

    /** {@code range} split around one slot of its length, or unchanged when the slot is not in it. */
    private static List<SlotRange6> without(SlotRange6 range, Ipv6Address slot, int length) {
        if (!range.contains(slot, length)) {
            return List.of(range);
        }
        java.math.BigInteger step = java.math.BigInteger.ONE.shiftLeft(128 - length);
        java.math.BigInteger at = big(slot);
        List<SlotRange6> parts = new ArrayList<>(2);
        if (at.compareTo(big(range.first())) > 0) {
            parts.add(new SlotRange6(range.first(), address(at.subtract(step)), length));
        }
        if (at.compareTo(big(range.last())) < 0) {
            parts.add(new SlotRange6(address(at.add(step)), range.last(), length));
        }
        return parts;
    }

    private static java.math.BigInteger big(Ipv6Address a) {
        return new java.math.BigInteger(1, a.toBytes());
    }

    private static Ipv6Address address(java.math.BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        return Ipv6Address.fromBytes(bytes, 0);
    }

    /** The subnet's address or prefix pools that admit the client's classes. */
    private List<SlotRange6> pools(Subnet6 subnet, LeaseType6 type, Classification classes) {
        Map<Integer, FencedPools> cache = type == LeaseType6.PD ? prefixPools : addressPools;
        int learned = reservations.learnedCount(subnet.id());
        FencedPools built = cache.get(subnet.id());
        if (built != null && built.learned() == learned) {
            return built.ranges();
        }
        boolean guarded = false;
        List<SlotRange6> admitted = new ArrayList<>();
        if (type == LeaseType6.PD) {
            for (PdPool6 p : subnet.pdPools()) {
                guarded |= !p.classes().allowed().isEmpty();
                if (p.classes().admits(classes.names())) {
                    admitted.add(SlotRange6.prefixes(p.prefix(), p.prefixLength(), p.delegatedLength()));
                }
            }
        } else {
            for (Pool6 p : subnet.pools()) {
                guarded |= !p.classes().allowed().isEmpty();
                if (p.classes().admits(classes.names())) {
                    admitted.add(SlotRange6.addresses(p.first(), p.last()));
                }
            }
        }
        List<SlotRange6> ranges = withoutReserved(admitted, reservations.fenced(subnet));
        if (!guarded) {
            cache.put(subnet.id(), new FencedPools(learned, ranges));
        }
        return ranges;
    }

    /** T1: the configured renew-timer, else half the preferred lifetime (RFC 8415 21.4). */
    private static long t1(Subnet6 s) {
        return s.renewTimer() >= 0 ? s.renewTimer() : s.preferredLifetime() / 2;
    }

    /** T2: the configured rebind-timer, else 0.8 of the preferred lifetime. */
    private static long t2(Subnet6 s) {
        return s.rebindTimer() >= 0 ? s.rebindTimer() : s.preferredLifetime() * 4 / 5;
    }

    private Option6 granted(Subnet6 subnet, Ia ia, List<Lease6> leases) {
        return iaOption(ia, t1(subnet), t2(subnet), leaseOptions(leases));
    }

    private static List<Option6> leaseOptions(List<Lease6> leases) {
        List<Option6> out = new ArrayList<>();
        for (Lease6 l : leases) {
            out.add(l.type() == LeaseType6.PD
                    ? new IaPrefix(l.preferredLifetime(), l.validLifetime(), l.prefixLength(), l.address().toBytes(), Options6.none()).toOption()
                    : new IaAddress(l.address().toBytes(), l.preferredLifetime(), l.validLifetime(), Options6.none()).toOption());
        }
        return out;
    }

    /** The named addresses or prefixes with lifetimes 0: "stop using these". */
    private static List<Option6> zeroLifetimes(List<Slot> slots) {
        List<Option6> out = new ArrayList<>();
        for (Slot s : slots) {
            out.add(s.length() == 128
                    ? new IaAddress(s.address().toBytes(), 0, 0, Options6.none()).toOption()
                    : new IaPrefix(0, 0, s.length(), s.address().toBytes(), Options6.none()).toOption());
        }
        return out;
    }

    private static Option6 unavailable(Ia ia) {
        return ia.type() == LeaseType6.PD ? status(ia, StatusCode6.NO_PREFIX_AVAIL, "no prefixes available")
                : status(ia, StatusCode6.NO_ADDRS_AVAIL, "no addresses available");
    }

    private static Option6 status(Ia ia, StatusCode6 code, String text) {
        return iaOption(ia, 0, 0, List.of(StatusCode.of(code, text).toOption()));
    }

    private static Option6 iaOption(Ia ia, long t1, long t2, List<Option6> inner) {
        Options6 options = Options6.of(inner);
        int code = ia.type() == LeaseType6.PD ? OptionCode6.IA_PD : OptionCode6.IA_NA;
        return new IdentityAssociation(code, ia.iaid(), t1, t2, options).toOption();
    }

    /** Option 7 in an ADVERTISE: the configured preference, else 0. */
    private Option6 preference(Client6 client, Subnet6 subnet, List<Option6> ias) {
        for (ConfiguredOption o : OptionAssembly.merge(scopes(client, subnet, ias)).values()) {
            if (o.code() == OptionCode6.PREFERENCE) {
                return new Option6(OptionCode6.PREFERENCE, o.payload());
            }
        }
        return new Option6(OptionCode6.PREFERENCE, new byte[] {0});
    }

    /**
     * Configured option scopes, most specific first: the pool of the first lease granted, the
     * subnet, the client's classes (with the pool's required classes), global.
     */
    private List<List<ConfiguredOption>> scopes(Client6 client, Subnet6 subnet, List<Option6> ias) {
        List<List<ConfiguredOption>> scopes = new ArrayList<>(5);
        if (client.host() != null) {
            scopes.add(client.host().options());
        }
        Classification classes = client.classes();
        if (subnet != null) {
            Object pool = firstPool(subnet, ias);
            if (pool instanceof Pool6 p) {
                scopes.add(p.options());
                classes = classifier.require(classes, p.classes().required(), client.view());
            } else if (pool instanceof PdPool6 p) {
                scopes.add(p.options());
                classes = classifier.require(classes, p.classes().required(), client.view());
            }
            scopes.add(subnet.options());
        }
        scopes.addAll(classes.optionScopes());
        scopes.add(config.globalOptions());
        return scopes;
    }

    /** The {@link Pool6} or {@link PdPool6} of the first address or prefix granted, or null. */
    private static Object firstPool(Subnet6 subnet, List<Option6> ias) {
        for (Option6 o : ias) {
            try {
                if (o.code() == OptionCode6.IA_NA) {
                    for (byte[] a : IdentityAssociation.decodeIaNa(o.data()).options().all(OptionCode6.IAADDR)) {
                        Pool6 p = subnet.poolOf(Ipv6Address.fromBytes(IaAddress.decode(a).address(), 0));
                        if (p != null) {
                            return p;
                        }
                    }
                } else if (o.code() == OptionCode6.IA_PD) {
                    for (byte[] a : IdentityAssociation.decodeIaPd(o.data()).options().all(OptionCode6.IAPREFIX)) {
                        PdPool6 p = subnet.pdPoolOf(Ipv6Address.fromBytes(IaPrefix.decode(a).prefix(), 0));
                        if (p != null) {
                            return p;
                        }
                    }
                }
            } catch (MalformedPacketException e) {
                throw new IllegalStateException("an IA this server encoded does not decode", e);
            }
        }
        return null;
    }

    /** A reply with the IAs, server and client identifiers, and the configured options the client asked for (ORO). */
    private Reply6 build(Client6 client, MessageType6 type, Subnet6 subnet, List<Option6> ias, List<Option6> options) {
        Inbound6 in = client.in();
        byte[] oro = in.packet().message().options().first(OptionCode6.ORO);
        for (ConfiguredOption o : OptionAssembly.select(code -> asked(oro, code), scopes(client, subnet, ias))) {
            if (o.code() != OptionCode6.PREFERENCE) {
                options.add(new Option6(o.code(), o.payload()));
            }
        }
        if (subnet != null) {
            FqdnDecision6 name = naming(client, firstAddress(ias));
            if (name.replyFqdn() != null) {
                options.add(new Option6(OptionCode6.CLIENT_FQDN, name.replyFqdn().encode()));
            }
        }
        return reply(in, type, options);
    }

    /** The first address of the reply's IA_NAs, or null. */
    private static Ipv6Address firstAddress(List<Option6> ias) {
        for (Option6 o : ias) {
            if (o.code() == OptionCode6.IA_NA) {
                try {
                    byte[] a = IdentityAssociation.decodeIaNa(o.data()).options().first(OptionCode6.IAADDR);
                    if (a != null) {
                        return Ipv6Address.fromBytes(IaAddress.decode(a).address(), 0);
                    }
                } catch (MalformedPacketException e) {
                    throw new IllegalStateException("an IA this server encoded does not decode", e);
                }
            }
        }
        return null;
    }

    private Reply6 reply(Inbound6 in, MessageType6 type, List<Option6> options) {
        Message6 m = in.packet().message();
        List<Option6> all = new ArrayList<>(options.size() + 2);
        byte[] clientId = m.options().first(OptionCode6.CLIENTID);
        if (clientId != null) {
            all.add(new Option6(OptionCode6.CLIENTID, clientId));
        }
        all.add(serverId);
        all.addAll(options);
        return addressed(in, Message6.of(type.code(), m.transactionId(), Options6.of(all)));
    }

    /**
     * To the relay that sent the request (at 547, or at its own source port when it said so with
     * RFC 8357's option), or to the client's address at 546.
     */
    private Reply6 addressed(Inbound6 in, Message6 message) {
        List<RelayMessage6> relays = in.packet().relays();
        InetSocketAddress from = in.sender();
        if (!relays.isEmpty()) {
            int port = relays.get(0).options().contains(RELAY_SOURCE_PORT) ? from.getPort() : serverPort;
            return new Reply6(in.packet(), message, new InetSocketAddress(from.getAddress(), port));
        }
        if (in.serverUnicast() != null && !message.options().contains(OptionCode6.UNICAST)) {
            // the link has a unicast address in interfaces-config: its clients may use it from now on
            message = Message6.of(message.typeCode(), message.transactionId(),
                    message.options().with(new Option6(OptionCode6.UNICAST, in.serverUnicast().toBytes())));
        }
        return new Reply6(in.packet(), message, new InetSocketAddress(from.getAddress(), clientPort));
    }

    private static Option6 clientIdOf(Message6 m) {
        return new Option6(OptionCode6.CLIENTID, m.options().first(OptionCode6.CLIENTID));
    }

    private static boolean asked(byte[] oro, int code) {
        if (oro != null) {
            for (int i = 0; i + 1 < oro.length; i += 2) {
                if ((((oro[i] & 0xff) << 8) | (oro[i + 1] & 0xff)) == code) {
                    return true;
                }
            }
        }
        return false;
    }

    private void countSent(Reply6 r) {
        counters.increment("pkt6-sent");
        MessageType6 t = r.message().type();
        if (t != null) {
            counters.increment(SENT.get(t));
        }
    }

    private static String describe(Inbound6 in) {
        Message6 m = in.packet().message();
        return "xid=0x" + Integer.toHexString(m.transactionId()) + " from " + in.sender() + " on " + in.interfaceName()
                + " relays=" + in.packet().relays().size();
    }

    /** One message's client as the steps see it: the packet, what expressions see of it, its classes. */
    private record Client6(Inbound6 in, PacketView view, Classification classes, Reservation6 host) {
    }
}
