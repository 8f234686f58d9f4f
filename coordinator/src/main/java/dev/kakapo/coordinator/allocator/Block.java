package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.LeaseState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The leases of {@link #SIZE} consecutive slots of one subnet — IPv4 addresses, IPv6 addresses or
 * delegated prefixes — the unit of atomic allocation. Only entry processors running on the
 * block's partition thread touch it, so it needs no locking. Each change gets a sequence number
 * so the lease store can order the writes of one lease.
 *
 * <p>The block does not know addresses or pools: callers map addresses to slots and pass a
 * {@link SlotFilter} saying which slots the pools allow, so a pool that shrinks never orphans a
 * lease still held here.
 */
final class Block<L, C> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Slots per block: an aligned /24 of IPv4, /120 of IPv6, or 256 delegated prefixes. */
    static final int SIZE = 256;

    private final Object[] leases = new Object[SIZE];
    private final Object[] offeredTo = new Object[SIZE];
    private final long[] offerUntil = new long[SIZE];
    private int cursor;
    private long changeSeq;

    @SuppressWarnings("unchecked")
    L lease(int slot) {
        return (L) leases[slot];
    }

    /** Installs a lease read from the lease store at a cold start. */
    void load(int slot, L lease) {
        leases[slot] = lease;
    }

    List<L> leases() {
        List<L> out = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            if (leases[i] != null) {
                out.add(lease(i));
            }
        }
        return out;
    }

    /**
     * Whether {@code client} could take {@code slot} now: nobody else holds an unexpired lease on
     * it (a declined one is held until its probation ends) or an unexpired offer.
     */
    boolean availableTo(int slot, C client, LeaseKind<L, C> kind, long now) {
        L held = lease(slot);
        if (held != null && kind.state(held) != LeaseState.EXPIRED_RECLAIMED && kind.expire(held) > now) {
            if (kind.state(held) == LeaseState.DECLINED || !kind.owns(client, held)) {
                return false;
            }
        }
        Object offered = offeredTo[slot];
        return offered == null || offerUntil[slot] <= now || offered.equals(client);
    }

    /**
     * Picks a slot for {@code client} and holds it for {@code holdSeconds}: {@code preferred} if it
     * is available, otherwise (when {@code searchOthers}) the next available allowed slot after
     * the block's cursor. Returns the slot, or -1 when there is none.
     */
    int offer(C client, int preferred, boolean searchOthers, SlotFilter allowed, LeaseKind<L, C> kind, long now,
              long holdSeconds) {
        if (preferred >= 0 && allowed.allocatable(preferred) && availableTo(preferred, client, kind, now)) {
            hold(preferred, client, now, holdSeconds);
            return preferred;
        }
        if (!searchOthers) {
            return -1;
        }
        // A client that asks again before committing (a retransmitted DISCOVER or SOLICIT) gets
        // the slot it was already offered, rather than holding a second one.
        for (int i = 0; i < SIZE; i++) {
            if (offerUntil[i] > now && client.equals(offeredTo[i]) && allowed.allocatable(i) && availableTo(i, client, kind, now)) {
                hold(i, client, now, holdSeconds);
                return i;
            }
        }
        // First pass: slots no client has held; second pass: also slots whose expired or
        // reclaimed lease still names its last client, so a returning client tends to find its
        // old address free while the pool is not full.
        for (int pass = 0; pass < 2; pass++) {
            for (int step = 0; step < SIZE; step++) {
                int i = (cursor + step) & (SIZE - 1);
                if ((pass == 1 || leases[i] == null) && allowed.allocatable(i) && availableTo(i, client, kind, now)) {
                    cursor = (i + 1) & (SIZE - 1);
                    hold(i, client, now, holdSeconds);
                    return i;
                }
            }
        }
        return -1;
    }

    private void hold(int slot, C client, long now, long holdSeconds) {
        offeredTo[slot] = client;
        offerUntil[slot] = now + holdSeconds;
    }

    /**
     * Grants or renews {@code granted} on {@code slot} for {@code client}. A slot the pools no
     * longer allow is only renewed for the client that still holds it.
     */
    BlockChange<L> commit(C client, int slot, boolean allowed, L granted, LeaseKind<L, C> kind, long now) {
        if (!allowed) {
            L held = lease(slot);
            if (held == null || !kind.owns(client, held) || kind.expire(held) <= now || kind.state(held) != LeaseState.DEFAULT) {
                return BlockChange.refused(Commit.Outcome.NOT_IN_POOL);
            }
        }
        if (!availableTo(slot, client, kind, now)) {
            return BlockChange.refused(Commit.Outcome.CONFLICT);
        }
        L held = lease(slot);
        L previous = held != null && kind.owns(client, held) && kind.state(held) == LeaseState.DEFAULT ? held : null;
        leases[slot] = granted;
        offeredTo[slot] = null;
        offerUntil[slot] = 0;
        return BlockChange.changed(granted, previous, false, nextSeq(now));
    }

    /**
     * Ends the client's offer hold on {@code slot}, if it has one, so the address is free again at
     * once (an offer found reserved for someone else is handed back this way); true when it had.
     */
    boolean withdrawOffer(C client, int slot) {
        if (offerUntil[slot] == 0 || !client.equals(offeredTo[slot])) {
            return false;
        }
        offeredTo[slot] = null;
        offerUntil[slot] = 0;
        return true;
    }

    /** Removes the client's lease on {@code slot} (RELEASE). */
    BlockChange<L> release(C client, int slot, LeaseKind<L, C> kind, long now) {
        L held = lease(slot);
        if (held == null || kind.state(held) != LeaseState.DEFAULT || !kind.owns(client, held)) {
            return BlockChange.refused(Commit.Outcome.CONFLICT);
        }
        leases[slot] = null;
        return BlockChange.changed(held, held, true, nextSeq(now));
    }

    /**
     * DECLINE: the address is in use by someone unknown. The lease is kept without its client for
     * the probation period, so nobody gets the address meanwhile (Kea's rule).
     */
    BlockChange<L> decline(C client, int slot, LeaseKind<L, C> kind, long now, long probationSeconds) {
        L held = lease(slot);
        if (held == null || kind.state(held) != LeaseState.DEFAULT || !kind.owns(client, held)) {
            return BlockChange.refused(Commit.Outcome.CONFLICT);
        }
        L declined = kind.declined(held, now, probationSeconds);
        leases[slot] = declined;
        return BlockChange.changed(declined, held, false, nextSeq(now));
    }

    /**
     * Reclaims expired leases: an expired lease becomes expired-reclaimed (or is removed when
     * {@code remove}); a declined lease whose probation ended is recovered (removed); a reclaimed
     * lease older than {@code holdReclaimedSeconds} is flushed. At most {@code max} changes.
     */
    List<BlockChange<L>> reclaim(LeaseKind<L, C> kind, long now, int max, boolean remove, long holdReclaimedSeconds) {
        List<BlockChange<L>> changes = new ArrayList<>();
        for (int i = 0; i < SIZE && changes.size() < max; i++) {
            L l = lease(i);
            if (l == null || kind.expire(l) > now) {
                continue;
            }
            switch (kind.state(l)) {
                case DEFAULT -> {
                    if (remove) {
                        leases[i] = null;
                        changes.add(BlockChange.changed(l, true, nextSeq(now)));
                    } else {
                        L reclaimed = kind.reclaimed(l);
                        leases[i] = reclaimed;
                        changes.add(BlockChange.reclaimed(l, reclaimed, nextSeq(now)));
                    }
                }
                case DECLINED -> {
                    leases[i] = null;
                    changes.add(BlockChange.changed(l, true, nextSeq(now)));
                }
                case EXPIRED_RECLAIMED -> {
                    if (kind.expire(l) + holdReclaimedSeconds <= now) {
                        leases[i] = null;
                        changes.add(BlockChange.changed(l, true, nextSeq(now)));
                    }
                }
            }
        }
        return changes;
    }

    /** {assigned, declined}: unexpired leases in the default state, and declined leases still on probation. */
    long[] count(LeaseKind<L, C> kind, long now) {
        long assigned = 0;
        long declined = 0;
        for (int i = 0; i < SIZE; i++) {
            L l = lease(i);
            if (l != null && kind.expire(l) > now) {
                switch (kind.state(l)) {
                    case DEFAULT -> assigned++;
                    case DECLINED -> declined++;
                    case EXPIRED_RECLAIMED -> { }
                }
            }
        }
        return new long[] {assigned, declined};
    }

    /**
     * An operator's lease (the control API's lease4-add / lease4-update): with {@code replace}
     * false it goes only where nobody holds an unexpired lease; with {@code replace} true it
     * replaces the lease that is there, and only that.
     */
    BlockChange<L> install(int slot, L lease, boolean replace, LeaseKind<L, C> kind, long now) {
        L held = lease(slot);
        boolean occupied = held != null && kind.state(held) != LeaseState.EXPIRED_RECLAIMED && kind.expire(held) > now;
        if (replace ? held == null : occupied) {
            return BlockChange.refused(replace ? Commit.Outcome.NO_BINDING : Commit.Outcome.CONFLICT);
        }
        leases[slot] = lease;
        offeredTo[slot] = null;
        offerUntil[slot] = 0;
        return BlockChange.changed(lease, held, false, nextSeq(now));
    }

    /** Removes whatever lease is on {@code slot}, whoever holds it (the control API's lease4-del). */
    BlockChange<L> remove(int slot, long now) {
        L held = lease(slot);
        if (held == null) {
            return BlockChange.refused(Commit.Outcome.NO_BINDING);
        }
        leases[slot] = null;
        return BlockChange.changed(held, held, true, nextSeq(now));
    }

    /** Removes every lease of the block (the control API's lease4-wipe). */
    List<BlockChange<L>> removeAll(long now) {
        List<BlockChange<L>> changes = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            L held = lease(i);
            if (held != null) {
                leases[i] = null;
                changes.add(BlockChange.changed(held, held, true, nextSeq(now)));
            }
        }
        return changes;
    }

    /** Writes the block for a backup replica or a migration (see {@link AllocatorSerializers}). */
    void writeTo(com.hazelcast.nio.ObjectDataOutput out) throws java.io.IOException {
        out.writeInt(cursor);
        out.writeLong(changeSeq);
        int used = 0;
        for (int i = 0; i < SIZE; i++) {
            if (leases[i] != null || offeredTo[i] != null) {
                used++;
            }
        }
        out.writeInt(used);
        for (int i = 0; i < SIZE; i++) {
            if (leases[i] != null || offeredTo[i] != null) {
                out.writeByte(i);
                out.writeObject(leases[i]);
                out.writeObject(offeredTo[i]);
                out.writeLong(offerUntil[i]);
            }
        }
    }

    static <L, C> Block<L, C> readFrom(com.hazelcast.nio.ObjectDataInput in) throws java.io.IOException {
        Block<L, C> b = new Block<>();
        b.cursor = in.readInt();
        b.changeSeq = in.readLong();
        int used = in.readInt();
        for (int k = 0; k < used; k++) {
            int i = in.readByte() & 0xff;
            b.leases[i] = in.readObject();
            b.offeredTo[i] = in.readObject();
            b.offerUntil[i] = in.readLong();
        }
        return b;
    }

    /**
     * The next change number: monotonic per block, and above every number of an earlier run of
     * the cluster (the clock is in it). It depends only on the block and the processor's
     * arguments, so a backup replica that re-runs the processor numbers the change the same way
     * and a failover never numbers a change below one already written.
     */
    private long nextSeq(long now) {
        changeSeq = Math.max(changeSeq + 1, now * 1_000_000L);
        return changeSeq;
    }
}
