package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.LeaseState;
import java.io.Serializable;

/**
 * What a {@link Block} needs to know about one family's leases and clients: who owns a lease,
 * its state and end, and how declining and reclaiming change it. DHCPv4 and DHCPv6 each have one.
 *
 * @param <L> the lease type
 * @param <C> the client identity type
 */
interface LeaseKind<L, C> extends Serializable {

    boolean owns(C client, L lease);

    LeaseState state(L lease);

    /** When the lease ends (Unix seconds). */
    long expire(L lease);

    /** The lease without its client, set aside for {@code probationSeconds} (Kea's DECLINE). */
    L declined(L lease, long now, long probationSeconds);

    /** The lease in state expired-reclaimed: it keeps its client, loses its DNS data. */
    L reclaimed(L lease);
}
