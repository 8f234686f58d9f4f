package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import java.util.List;

/**
 * What the DHCPv6 packet path asks of the allocator for one IA: the subnet's pools of the IA's
 * kind, who the client is, what it hinted at, and the lease terms.
 *
 * @param pools     address pools for IA_NA, prefix delegation pools for IA_PD
 * @param hints     addresses or prefixes the client put in the IA (tried first when free)
 * @param hwAddress the client's hardware address when known (recorded with the lease)
 * @param hintsReserved the hints are the client's reserved addresses or prefixes: tried before
 *                  what the client held last
 * @param fqdnFwd   the server updates forward DNS (AAAA) for the lease
 * @param fqdnRev   the server updates reverse DNS (PTR) for the lease
 */
public record LeaseRequest6(int subnetId, List<SlotRange6> pools, ClientIdentity6 client, List<Ipv6Address> hints,
                            long preferredLifetime, long validLifetime, Octets hwAddress, String hostname,
                            boolean hintsReserved, boolean fqdnFwd, boolean fqdnRev) {

    public LeaseRequest6 {
        pools = List.copyOf(pools);
        hints = List.copyOf(hints);
        hwAddress = hwAddress == null ? Octets.EMPTY : hwAddress;
        hostname = hostname == null ? "" : hostname;
    }

    /** A request without DNS updates for the lease. */
    public LeaseRequest6(int subnetId, List<SlotRange6> pools, ClientIdentity6 client, List<Ipv6Address> hints,
                         long preferredLifetime, long validLifetime, Octets hwAddress, String hostname,
                         boolean hintsReserved) {
        this(subnetId, pools, client, hints, preferredLifetime, validLifetime, hwAddress, hostname, hintsReserved,
                false, false);
    }

    /** The same request, the lease to record that the server updates DNS forward and/or reverse for it. */
    public LeaseRequest6 withDnsUpdates(boolean forward, boolean reverse) {
        return new LeaseRequest6(subnetId, pools, client, hints, preferredLifetime, validLifetime, hwAddress, hostname,
                hintsReserved, forward, reverse);
    }

    /** A request whose hints are only the client's wishes, not reservations. */
    public LeaseRequest6(int subnetId, List<SlotRange6> pools, ClientIdentity6 client, List<Ipv6Address> hints,
                         long preferredLifetime, long validLifetime, Octets hwAddress, String hostname) {
        this(subnetId, pools, client, hints, preferredLifetime, validLifetime, hwAddress, hostname, false);
    }

    /** The pool that holds {@code address} as a whole slot of its length, or null. */
    public SlotRange6 poolOf(Ipv6Address address) {
        for (SlotRange6 r : pools) {
            if (r.contains(address, r.slotLength())) {
                return r;
            }
        }
        return null;
    }
}
