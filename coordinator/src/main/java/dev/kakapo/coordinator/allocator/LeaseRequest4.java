package dev.kakapo.coordinator.allocator;

import java.util.List;

/**
 * What the packet path asks of the allocator: the subnet with its pools (a block is created on
 * first use from this definition), who the client is, and the lease terms.
 *
 * @param hint          the address the client asked for (option 50 or ciaddr), 0 for none
 * @param hintReserved  the hint is the client's reserved address: tried before the address it held last
 * @param validLifetime seconds the lease will last
 * @param hostname      host name to record with the lease, empty for none
 * @param fqdnFwd       the server updates forward DNS (A) for the lease
 * @param fqdnRev       the server updates reverse DNS (PTR) for the lease
 */
public record LeaseRequest4(int subnetId, List<AddressRange> pools, ClientIdentity4 client, int hint,
                            long validLifetime, String hostname, boolean hintReserved, boolean fqdnFwd,
                            boolean fqdnRev) {

    public LeaseRequest4 {
        pools = List.copyOf(pools);
        hostname = hostname == null ? "" : hostname;
    }

    /** A request without DNS updates for the lease. */
    public LeaseRequest4(int subnetId, List<AddressRange> pools, ClientIdentity4 client, int hint, long validLifetime,
                         String hostname, boolean hintReserved) {
        this(subnetId, pools, client, hint, validLifetime, hostname, hintReserved, false, false);
    }

    /** The same request, the lease to record that the server updates DNS forward and/or reverse for it. */
    public LeaseRequest4 withDnsUpdates(boolean forward, boolean reverse) {
        return new LeaseRequest4(subnetId, pools, client, hint, validLifetime, hostname, hintReserved, forward, reverse);
    }

    /** A request whose hint is only the client's wish (option 50), not a reservation. */
    public LeaseRequest4(int subnetId, List<AddressRange> pools, ClientIdentity4 client, int hint, long validLifetime,
                         String hostname) {
        this(subnetId, pools, client, hint, validLifetime, hostname, false);
    }

    public boolean inPool(int address) {
        for (AddressRange r : pools) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
