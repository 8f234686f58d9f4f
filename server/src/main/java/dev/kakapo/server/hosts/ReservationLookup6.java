package dev.kakapo.server.hosts;

import dev.kakapo.coordinator.hosts.HostIdentifierType;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.eval.ClassMembership;
import dev.kakapo.protocol.eval.PacketView;
import dev.kakapo.protocol.v6.Duid;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.server.config.Dhcp6Config;
import dev.kakapo.server.config.Reservation6;
import dev.kakapo.server.config.Reservation6.ReservedPrefix;
import dev.kakapo.server.config.ReservationFlags;
import dev.kakapo.server.config.Reservations6;
import dev.kakapo.server.config.Subnet6;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds DHCPv6 clients' reservations, as {@link ReservationLookup4} does for DHCPv4: the subnet's
 * (configuration, then host databases), then the global ones, as the subnet's flags allow, by the
 * client's DUID, hardware address (from a DUID that carries one) or flexible identifier.
 */
public final class ReservationLookup6 {
    private static final CompletableFuture<Optional<Reservation6>> NONE = CompletableFuture.completedFuture(Optional.empty());

    private final Dhcp6Config config;
    private final HostSources databases;
    /** Addresses and prefixes a database reserves in a subnet, learned as they are met; kept from other clients. */
    private final Map<Integer, Set<ReservedPrefix>> learned = new ConcurrentHashMap<>();

    public ReservationLookup6(Dhcp6Config config, HostSources databases) {
        this.config = config;
        this.databases = databases;
    }

    /** The client's reservation for {@code subnet}, or empty. */
    public CompletableFuture<Optional<Reservation6>> find(Subnet6 subnet, Message6 m, PacketView view,
                                                          ClassMembership classes) {
        ReservationFlags flags = subnet.reservations().flags();
        if (!flags.any()) {
            return NONE;
        }
        List<CompletableFuture<Optional<Reservation6>>> candidates = new ArrayList<>();
        scopes:
        for (int scope : scopes(subnet, flags)) {
            Reservations6 configured = scope == subnet.id() ? subnet.reservations() : config.globalReservations();
            for (String type : config.hostReservationIdentifiers()) {
                Octets id = identifierOf(m, type, view, classes);
                if (id == null) {
                    continue;
                }
                Reservation6 r = configured.find(type, id);
                if (r != null) {
                    candidates.add(CompletableFuture.completedFuture(Optional.of(r)));
                    break scopes; // nothing after it can win
                }
                HostIdentifierType hostType = HostIdentifierType.ofKeaName(type);
                candidates.addAll(databases.ask(source -> source.get6(scope, hostType, id)
                        .thenApply(host -> host.map(h -> HostReservations.toReservation6(h, config.options())))));
            }
        }
        return HostSources.first(candidates);
    }

    /**
     * Whose reservation the address (length 128) or prefix is in {@code subnet}, or empty. One
     * found reserved in a database is remembered and from then on kept out of {@link #fenced}'s pools.
     */
    public CompletableFuture<Optional<Reservation6>> ownerOf(Subnet6 subnet, Ipv6Address address, int length) {
        ReservationFlags flags = subnet.reservations().flags();
        if (!flags.any()) {
            return NONE;
        }
        List<CompletableFuture<Optional<Reservation6>>> candidates = new ArrayList<>();
        for (int scope : scopes(subnet, flags)) {
            Reservations6 configured = scope == subnet.id() ? subnet.reservations() : config.globalReservations();
            Reservation6 r = configured.ofSlot(address, length);
            if (r != null) {
                candidates.add(CompletableFuture.completedFuture(Optional.of(r)));
                break;
            }
            candidates.addAll(databases.ask(source -> source.get6ByAddress(scope, address, length)
                    .thenApply(host -> host.map(h -> {
                        if (flags.fencePools()) {
                            learned.computeIfAbsent(subnet.id(), id -> ConcurrentHashMap.newKeySet())
                                    .add(new ReservedPrefix(address, length));
                        }
                        return HostReservations.toReservation6(h, config.options());
                    }))));
        }
        return HostSources.first(candidates);
    }

    /** Whether an address or prefix the allocator picks must be checked with {@link #ownerOf} first (see ReservationLookup4). */
    public boolean checksPoolAddresses(Subnet6 subnet) {
        return !databases.isEmpty() && subnet.reservations().flags().fencePools();
    }

    /**
     * The addresses and prefixes of {@code subnet}'s pools no client but their owner may get: the
     * configured ones of the subnet and the global ones, as the flags allow, and those a database
     * was found to hold.
     */
    public Set<ReservedPrefix> fenced(Subnet6 subnet) {
        ReservationFlags flags = subnet.reservations().flags();
        if (!flags.fencePools()) {
            return Set.of();
        }
        Set<ReservedPrefix> fenced = new HashSet<>();
        if (flags.inSubnet()) {
            fenced.addAll(subnet.reservations().slots());
        }
        if (flags.global()) {
            fenced.addAll(config.globalReservations().slots());
        }
        fenced.addAll(learned.getOrDefault(subnet.id(), Set.of()));
        return fenced;
    }

    /** How many addresses and prefixes databases were found to reserve in the subnet so far. */
    public int learnedCount(int subnetId) {
        return learned.getOrDefault(subnetId, Set.of()).size();
    }

    /** Whether two reservations are the same client's (the same identifier). */
    public static boolean sameClient(Reservation6 a, Reservation6 b) {
        return a != null && b != null && a.identifierType().equals(b.identifierType())
                && a.identifier().equals(b.identifier());
    }

    private static int[] scopes(Subnet6 subnet, ReservationFlags flags) {
        if (flags.inSubnet() && flags.global()) {
            return new int[] {subnet.id(), 0};
        }
        return flags.inSubnet() ? new int[] {subnet.id()} : new int[] {0};
    }

    /** The client's identifier of Kea's {@code type}, or null when the message carries none. */
    private Octets identifierOf(Message6 m, String type, PacketView view, ClassMembership classes) {
        byte[] clientId = m.options().first(OptionCode6.CLIENTID);
        switch (type) {
            case "duid" -> {
                return clientId == null ? null : Octets.of(clientId);
            }
            case "hw-address" -> {
                try {
                    byte[] linkLayer = clientId == null ? null : Duid.parse(clientId).linkLayerAddress();
                    return linkLayer == null ? null : Octets.of(linkLayer);
                } catch (MalformedPacketException e) {
                    return null;
                }
            }
            case "flex-id" -> {
                return ReservationLookup4.flexId(config.flexId(), view, classes);
            }
            default -> {
                return null;
            }
        }
    }
}
