package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The leases of one aligned run of {@link #SIZE} addresses in one subnet: the unit of atomic
 * allocation. Only entry processors running on the block's partition thread touch it, so its
 * methods need no locking; each change gets a sequence number so the lease store can order
 * writes of one address.
 *
 * <p>Which addresses may be handed out is not the block's business: the caller passes the
 * subnet's pools, so a pool that shrinks never orphans a lease still held here.
 */
final class Block4 implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Addresses per block: an aligned /24. */
    static final int SIZE = 256;

    private final int subnetId;
    private final int first;
    private final Lease4[] leases = new Lease4[SIZE];
    private final ClientIdentity4[] offeredTo = new ClientIdentity4[SIZE];
    private final long[] offerUntil = new long[SIZE];
    private int cursor;
    private long changeSeq;

    Block4(int subnetId, int first) {
        this.subnetId = subnetId;
        this.first = first;
    }

    static int firstAddressOf(int address) {
        return address & -SIZE;
    }

    int first() {
        return first;
    }

    boolean covers(int address) {
        return firstAddressOf(address) == first;
    }

    Lease4 lease(int address) {
        return leases[address - first];
    }

    /** Installs a lease read from the lease store at a cold start. */
    void load(Lease4 lease) {
        leases[lease.address() - first] = lease;
    }

    List<Lease4> leases() {
        List<Lease4> out = new ArrayList<>();
        for (Lease4 l : leases) {
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Whether {@code client} could take {@code address} now: nobody else holds an unexpired lease
     * (a declined address is held until its probation ends) or an unexpired offer on it.
     */
    boolean availableTo(int address, ClientIdentity4 client, long now) {
        int i = address - first;
        Lease4 held = leases[i];
        if (held != null && held.state() != LeaseState.EXPIRED_RECLAIMED && !held.isExpired(now)) {
            if (held.state() == LeaseState.DECLINED || !client.owns(held)) {
                return false;
            }
        }
        ClientIdentity4 offered = offeredTo[i];
        return offered == null || offerUntil[i] <= now || offered.equals(client);
    }

    /**
     * Picks an address for {@code client} and holds it for {@code holdSeconds}: {@code preferred}
     * if it is available, otherwise (when {@code searchOthers}) the next available pool address
     * after the block's cursor. Returns the address, or {@code null} when there is none.
     */
    Integer offer(ClientIdentity4 client, int preferred, boolean searchOthers, List<AddressRange> pools,
                  long now, long holdSeconds) {
        if (preferred != 0 && covers(preferred) && inAny(pools, preferred) && availableTo(preferred, client, now)) {
            hold(preferred, client, now, holdSeconds);
            return preferred;
        }
        if (!searchOthers) {
            return null;
        }
        // First pass: addresses no client has held; second pass: also addresses whose expired or
        // reclaimed lease still names its last client, so a returning client tends to find its
        // old address free while the pool is not full.
        for (int pass = 0; pass < 2; pass++) {
            for (int step = 0; step < SIZE; step++) {
                int i = (cursor + step) & (SIZE - 1);
                int candidate = first + i;
                if ((pass == 1 || leases[i] == null) && inAny(pools, candidate) && availableTo(candidate, client, now)) {
                    cursor = (i + 1) & (SIZE - 1);
                    hold(candidate, client, now, holdSeconds);
                    return candidate;
                }
            }
        }
        return null;
    }

    private void hold(int address, ClientIdentity4 client, long now, long holdSeconds) {
        int i = address - first;
        offeredTo[i] = client;
        offerUntil[i] = now + holdSeconds;
    }

    /** DHCPREQUEST: grants or renews the lease on {@code address} for {@code client}. */
    BlockChange commit(ClientIdentity4 client, int address, List<AddressRange> pools, long now, long validLifetime,
                       String hostname) {
        if (!inAny(pools, address)) {
            Lease4 held = leases[address - first];
            // A client keeps renewing a lease that is still its own even after its pool shrank.
            if (held == null || !client.owns(held) || held.isExpired(now) || held.state() != LeaseState.DEFAULT) {
                return BlockChange.refused(Commit4.Outcome.NOT_IN_POOL);
            }
        }
        if (!availableTo(address, client, now)) {
            return BlockChange.refused(Commit4.Outcome.CONFLICT);
        }
        int i = address - first;
        Lease4 lease = new Lease4(address, client.hwAddress(), client.clientId(), validLifetime, now, subnetId,
                false, false, hostname, LeaseState.DEFAULT);
        leases[i] = lease;
        offeredTo[i] = null;
        offerUntil[i] = 0;
        return BlockChange.changed(Commit4.Outcome.GRANTED, lease, false, nextSeq());
    }

    /** DHCPRELEASE: removes the client's lease on {@code address}. */
    BlockChange release(ClientIdentity4 client, int address) {
        int i = address - first;
        Lease4 held = leases[i];
        if (held == null || held.state() != LeaseState.DEFAULT || !client.owns(held)) {
            return BlockChange.refused(Commit4.Outcome.CONFLICT);
        }
        leases[i] = null;
        return BlockChange.changed(Commit4.Outcome.GRANTED, held, true, nextSeq());
    }

    /**
     * DHCPDECLINE: the address is in use by someone unknown. The lease is kept without its
     * client for the probation period, so nobody gets the address meanwhile (Kea's rule).
     */
    BlockChange decline(ClientIdentity4 client, int address, long now, long probationSeconds) {
        int i = address - first;
        Lease4 held = leases[i];
        if (held == null || held.state() != LeaseState.DEFAULT || !client.owns(held)) {
            return BlockChange.refused(Commit4.Outcome.CONFLICT);
        }
        Lease4 declined = new Lease4(address, Octets.EMPTY, Octets.EMPTY, probationSeconds, now, held.subnetId(),
                false, false, "", LeaseState.DECLINED);
        leases[i] = declined;
        return BlockChange.changed(Commit4.Outcome.GRANTED, declined, false, nextSeq());
    }

    /**
     * Reclaims expired leases: an expired lease becomes expired-reclaimed (or is removed when
     * {@code remove}); a declined lease whose probation ended is recovered (removed); a reclaimed
     * lease older than {@code holdReclaimedSeconds} is flushed. At most {@code max} changes.
     */
    List<BlockChange> reclaim(long now, int max, boolean remove, long holdReclaimedSeconds) {
        List<BlockChange> changes = new ArrayList<>();
        for (int i = 0; i < SIZE && changes.size() < max; i++) {
            Lease4 l = leases[i];
            if (l == null || !l.isExpired(now)) {
                continue;
            }
            switch (l.state()) {
                case DEFAULT -> {
                    if (remove) {
                        leases[i] = null;
                        changes.add(BlockChange.changed(Commit4.Outcome.GRANTED, l, true, nextSeq()));
                    } else {
                        Lease4 reclaimed = new Lease4(l.address(), l.hwAddress(), l.clientId(), l.validLifetime(),
                                l.cltt(), l.subnetId(), false, false, "", LeaseState.EXPIRED_RECLAIMED);
                        leases[i] = reclaimed;
                        changes.add(BlockChange.reclaimed(l, reclaimed, nextSeq()));
                    }
                }
                case DECLINED -> {
                    leases[i] = null;
                    changes.add(BlockChange.changed(Commit4.Outcome.GRANTED, l, true, nextSeq()));
                }
                case EXPIRED_RECLAIMED -> {
                    if (l.expire() + holdReclaimedSeconds <= now) {
                        leases[i] = null;
                        changes.add(BlockChange.changed(Commit4.Outcome.GRANTED, l, true, nextSeq()));
                    }
                }
            }
        }
        return changes;
    }

    private long nextSeq() {
        // Monotonic per block, and roughly ordered across restarts by the clock.
        changeSeq = Math.max(changeSeq + 1, System.currentTimeMillis() * 1000);
        return changeSeq;
    }

    private static boolean inAny(List<AddressRange> pools, int address) {
        for (AddressRange r : pools) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
