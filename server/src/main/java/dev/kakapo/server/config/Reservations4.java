package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Octets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subnet's DHCPv4 reservations, indexed once: by identifier (looked up in
 * {@code host-reservation-identifiers} order) and by address.
 */
public final class Reservations4 {

    public static final Reservations4 NONE = new Reservations4(List.of(), ReservationFlags.DEFAULT);

    private final List<Reservation4> all;
    private final ReservationFlags flags;
    private final Map<String, Map<Octets, Reservation4>> byIdentifier = new HashMap<>();
    private final Map<Integer, Reservation4> byAddress = new HashMap<>();

    /** @param flags where the scope's clients' reservations are looked for */
    public Reservations4(List<Reservation4> all, ReservationFlags flags) {
        this.all = List.copyOf(all);
        this.flags = flags;
        for (Reservation4 r : this.all) {
            byIdentifier.computeIfAbsent(r.identifierType(), t -> new HashMap<>()).put(r.identifier(), r);
            if (r.address() != 0) {
                byAddress.put(r.address(), r);
            }
        }
    }

    public List<Reservation4> all() {
        return all;
    }

    public ReservationFlags flags() {
        return flags;
    }

    /** Whether the subnet's reservations are looked at (reservations-in-subnet, and there are some). */
    public boolean enabled() {
        return flags.inSubnet() && !all.isEmpty();
    }

    /** The reservation for {@code identifier} of {@code type}, or null. */
    public Reservation4 find(String type, Octets identifier) {
        Map<Octets, Reservation4> ofType = byIdentifier.get(type);
        return ofType == null ? null : ofType.get(identifier);
    }

    /** The reservation of {@code address}, or null. */
    public Reservation4 ofAddress(int address) {
        return byAddress.get(address);
    }

    /** Every reserved address. */
    public Set<Integer> addresses() {
        return byAddress.keySet();
    }
}
