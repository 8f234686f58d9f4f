package dev.kakapo.server.hosts;

import dev.kakapo.coordinator.hosts.HostIdentifierType;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.eval.ClassMembership;
import dev.kakapo.protocol.eval.EvaluationException;
import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.eval.PacketView;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.Reservation4;
import dev.kakapo.server.config.ReservationFlags;
import dev.kakapo.server.config.Reservations4;
import dev.kakapo.server.config.Subnet4;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds DHCPv4 clients' reservations: in the subnet (the configuration's, then each host
 * database's) and then among the global ones, as the subnet's {@link ReservationFlags} allow; for
 * each scope by the client's identifiers in {@code host-reservation-identifiers} order. Answers are
 * futures: a database is never waited on in a packet thread.
 */
public final class ReservationLookup4 {
    private static final CompletableFuture<Optional<Reservation4>> NONE = CompletableFuture.completedFuture(Optional.empty());

    private final Dhcp4Config config;
    private final HostSources databases;
    /** Addresses a database reserves inside a subnet's pools, learned as they are met; kept from other clients. */
    private final Map<Integer, Set<Integer>> learned = new ConcurrentHashMap<>();

    public ReservationLookup4(Dhcp4Config config, HostSources databases) {
        this.config = config;
        this.databases = databases;
    }

    /** The client's reservation for {@code subnet}, or empty. */
    public CompletableFuture<Optional<Reservation4>> find(Subnet4 subnet, Message4 m, PacketView view,
                                                          ClassMembership classes) {
        ReservationFlags flags = subnet.reservations().flags();
        if (!flags.any()) {
            return NONE;
        }
        List<CompletableFuture<Optional<Reservation4>>> candidates = new ArrayList<>();
        scopes:
        for (int scope : scopes(subnet, flags)) {
            Reservations4 configured = scope == subnet.id() ? subnet.reservations() : config.globalReservations();
            for (String type : config.hostReservationIdentifiers()) {
                Octets id = identifierOf(m, type, view, classes);
                if (id == null) {
                    continue;
                }
                Reservation4 r = configured.find(type, id);
                if (r != null) {
                    candidates.add(CompletableFuture.completedFuture(Optional.of(r)));
                    break scopes; // nothing after it can win
                }
                HostIdentifierType hostType = HostIdentifierType.ofKeaName(type);
                candidates.addAll(databases.ask(source -> source.get4(scope, hostType, id)
                        .thenApply(host -> host.map(h -> HostReservations.toReservation4(h, config.options())))));
            }
        }
        return HostSources.first(candidates);
    }

    /**
     * Whose reservation {@code address} is in {@code subnet}, or empty. An address found reserved
     * in a database is remembered and from then on kept out of {@link #fenced}'s pools.
     */
    public CompletableFuture<Optional<Reservation4>> ownerOf(Subnet4 subnet, int address) {
        ReservationFlags flags = subnet.reservations().flags();
        if (!flags.any()) {
            return NONE;
        }
        List<CompletableFuture<Optional<Reservation4>>> candidates = new ArrayList<>();
        for (int scope : scopes(subnet, flags)) {
            Reservations4 configured = scope == subnet.id() ? subnet.reservations() : config.globalReservations();
            Reservation4 r = configured.ofAddress(address);
            if (r != null) {
                candidates.add(CompletableFuture.completedFuture(Optional.of(r)));
                break;
            }
            candidates.addAll(databases.ask(source -> source.get4ByAddress(scope, address)
                    .thenApply(host -> host.map(h -> {
                        if (flags.fencePools()) {
                            learned.computeIfAbsent(subnet.id(), id -> ConcurrentHashMap.newKeySet()).add(address);
                        }
                        return HostReservations.toReservation4(h, config.options());
                    }))));
        }
        return HostSources.first(candidates);
    }

    /**
     * Whether an address the allocator picks from the subnet's pools must be checked with
     * {@link #ownerOf} first: host databases may reserve addresses inside the pools, which only a
     * lookup finds.
     */
    public boolean checksPoolAddresses(Subnet4 subnet) {
        return !databases.isEmpty() && subnet.reservations().flags().fencePools();
    }

    /**
     * The addresses of {@code subnet}'s pools no client but their owner may get: the configured
     * reservations in the subnet and, when they apply to it, the global ones inside it, and those a
     * database was found to hold. Empty when the pools hold no reservation (reservations-out-of-pool).
     */
    public Set<Integer> fenced(Subnet4 subnet) {
        ReservationFlags flags = subnet.reservations().flags();
        if (!flags.fencePools()) {
            return Set.of();
        }
        Set<Integer> fenced = new HashSet<>();
        if (flags.inSubnet()) {
            fenced.addAll(subnet.reservations().addresses());
        }
        if (flags.global()) {
            config.globalReservations().addresses().stream().filter(subnet::contains).forEach(fenced::add);
        }
        fenced.addAll(learned.getOrDefault(subnet.id(), Set.of()));
        return fenced;
    }

    /** How many addresses databases were found to reserve in the subnet's pools so far. */
    public int learnedCount(int subnetId) {
        return learned.getOrDefault(subnetId, Set.of()).size();
    }

    /** Whether two reservations are the same client's (the same identifier). */
    public static boolean sameClient(Reservation4 a, Reservation4 b) {
        return a != null && b != null && a.identifierType().equals(b.identifierType())
                && a.identifier().equals(b.identifier());
    }

    /** The subnet's own scope first, then the global one (0), as the flags allow. */
    private static int[] scopes(Subnet4 subnet, ReservationFlags flags) {
        if (flags.inSubnet() && flags.global()) {
            return new int[] {subnet.id(), 0};
        }
        return flags.inSubnet() ? new int[] {subnet.id()} : new int[] {0};
    }

    /** The client's identifier of Kea's {@code type}, or null when the message carries none. */
    private Octets identifierOf(Message4 m, String type, PacketView view, ClassMembership classes) {
        switch (type) {
            case "hw-address" -> {
                return m.hlen() == 0 ? null : Octets.of(m.chaddr());
            }
            case "client-id" -> {
                byte[] clientId = m.options().get(OptionCode4.CLIENT_ID);
                return clientId == null ? null : Octets.of(clientId);
            }
            case "duid" -> {
                // RFC 4361: client identifier type 255, a 4-byte IAID, then the DUID.
                byte[] clientId = m.options().get(OptionCode4.CLIENT_ID);
                return clientId == null || clientId.length <= 5 || (clientId[0] & 0xff) != 255 ? null
                        : Octets.of(Arrays.copyOfRange(clientId, 5, clientId.length));
            }
            case "circuit-id" -> {
                byte[] agent = m.options().get(OptionCode4.RELAY_AGENT_INFO);
                return agent == null ? null : subOption(agent, 1);
            }
            case "flex-id" -> {
                return flexId(config.flexId(), view, classes);
            }
            default -> {
                return null;
            }
        }
    }

    /** flex_id's identifier-expression on the packet; none when flex_id is not loaded or the value is empty. */
    static Octets flexId(Expression expression, PacketView view, ClassMembership classes) {
        if (expression == null) {
            return null;
        }
        try {
            byte[] value = expression.value(view, classes);
            return value.length == 0 ? null : Octets.of(value);
        } catch (EvaluationException e) {
            return null; // as for a class test: the packet simply has no flexible identifier
        }
    }

    private static Octets subOption(byte[] option, int code) {
        for (int at = 0; at + 2 <= option.length; ) {
            int length = option[at + 1] & 0xff;
            if (at + 2 + length > option.length) {
                return null;
            }
            if ((option[at] & 0xff) == code) {
                return Octets.of(Arrays.copyOfRange(option, at + 2, at + 2 + length));
            }
            at += 2 + length;
        }
        return null;
    }
}
