package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A subnet's DHCPv6 reservations, indexed once by identifier and by reserved address or prefix. */
public final class Reservations6 {

    public static final Reservations6 NONE = new Reservations6(List.of(), ReservationFlags.DEFAULT);

    private final List<Reservation6> all;
    private final ReservationFlags flags;
    private final Map<String, Map<Octets, Reservation6>> byIdentifier = new HashMap<>();
    /** Keyed by the address or prefix and its length (128 for an address). */
    private final Map<Reservation6.ReservedPrefix, Reservation6> bySlot = new HashMap<>();

    /** @param flags where the scope's clients' reservations are looked for */
    public Reservations6(List<Reservation6> all, ReservationFlags flags) {
        this.all = List.copyOf(all);
        this.flags = flags;
        for (Reservation6 r : this.all) {
            byIdentifier.computeIfAbsent(r.identifierType(), t -> new HashMap<>()).put(r.identifier(), r);
            for (Ipv6Address a : r.addresses()) {
                bySlot.put(new Reservation6.ReservedPrefix(a, 128), r);
            }
            for (Reservation6.ReservedPrefix p : r.prefixes()) {
                bySlot.put(p, r);
            }
        }
    }

    public List<Reservation6> all() {
        return all;
    }

    public ReservationFlags flags() {
        return flags;
    }

    public boolean enabled() {
        return flags.inSubnet() && !all.isEmpty();
    }

    public Reservation6 find(String type, Octets identifier) {
        Map<Octets, Reservation6> ofType = byIdentifier.get(type);
        return ofType == null ? null : ofType.get(identifier);
    }

    /** The reservation of an address (length 128) or a prefix, or null. */
    public Reservation6 ofSlot(Ipv6Address address, int length) {
        return bySlot.get(new Reservation6.ReservedPrefix(address, length));
    }

    /** Every reserved address (length 128) and prefix. */
    public java.util.Set<Reservation6.ReservedPrefix> slots() {
        return bySlot.keySet();
    }
}
