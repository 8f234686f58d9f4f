package dev.kakapo.coordinator.allocator;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.util.List;
import java.util.Map;

/**
 * The entry processors that change a {@link Block}, for either family. Each runs atomically on
 * the partition thread that owns the block (no locks, no read-modify-write round trips), creates
 * the block on first use, and returns a small result. Time comes in as an argument so a backup
 * replica that re-runs a processor reaches the same state.
 */
final class BlockProcessors {
    private BlockProcessors() {
    }

    private static <K, L, C> Block<L, C> blockOf(Map.Entry<K, Block<L, C>> entry) {
        Block<L, C> b = entry.getValue();
        return b != null ? b : new Block<>();
    }

    /** Picks and holds a slot for a DISCOVER / SOLICIT; returns it, or -1. */
    record Offer<K, L, C>(C client, int preferred, boolean searchOthers, SlotFilter allowed, LeaseKind<L, C> kind,
                          long now, long holdSeconds) implements EntryProcessor<K, Block<L, C>, Integer> {
        @Override
        public Integer process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = blockOf(entry);
            int slot = b.offer(client, preferred, searchOthers, allowed, kind, now, holdSeconds);
            if (slot >= 0) {
                entry.setValue(b);
            }
            return slot;
        }
    }

    record Grant<K, L, C>(C client, int slot, boolean allowed, L lease, LeaseKind<L, C> kind, long now)
            implements EntryProcessor<K, Block<L, C>, BlockChange<L>> {
        @Override
        public BlockChange<L> process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = blockOf(entry);
            BlockChange<L> change = b.commit(client, slot, allowed, lease, kind, now);
            if (change.applied()) {
                entry.setValue(b);
            }
            return change;
        }
    }

    record Release<K, L, C>(C client, int slot, LeaseKind<L, C> kind, long now)
            implements EntryProcessor<K, Block<L, C>, BlockChange<L>> {
        @Override
        public BlockChange<L> process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = entry.getValue();
            if (b == null) {
                return BlockChange.refused(Commit.Outcome.CONFLICT);
            }
            boolean withdrawn = b.withdrawOffer(client, slot);
            BlockChange<L> change = b.release(client, slot, kind, now);
            if (change.applied() || withdrawn) {
                entry.setValue(b);
            }
            return change;
        }
    }

    record Decline<K, L, C>(C client, int slot, LeaseKind<L, C> kind, long now, long probationSeconds)
            implements EntryProcessor<K, Block<L, C>, BlockChange<L>> {
        @Override
        public BlockChange<L> process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = entry.getValue();
            if (b == null) {
                return BlockChange.refused(Commit.Outcome.CONFLICT);
            }
            BlockChange<L> change = b.decline(client, slot, kind, now, probationSeconds);
            if (change.applied()) {
                entry.setValue(b);
            }
            return change;
        }
    }

    record Reclaim<K, L, C>(LeaseKind<L, C> kind, long now, int max, boolean remove, long holdReclaimedSeconds)
            implements EntryProcessor<K, Block<L, C>, List<BlockChange<L>>> {
        @Override
        public List<BlockChange<L>> process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = entry.getValue();
            if (b == null) {
                return List.of();
            }
            List<BlockChange<L>> changes = b.reclaim(kind, now, max, remove, holdReclaimedSeconds);
            if (!changes.isEmpty()) {
                entry.setValue(b);
            }
            return changes;
        }
    }

    /** Reads the lease on one slot without taking the key's lock. */
    record Read<K, L, C>(int slot) implements EntryProcessor<K, Block<L, C>, L>, ReadOnly {
        @Override
        public L process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = entry.getValue();
            return b == null ? null : b.lease(slot);
        }

        @Override
        public EntryProcessor<K, Block<L, C>, L> getBackupProcessor() {
            return null;
        }
    }

    /** Counts a block's leases for the statistics: {assigned, declined} (see {@link Block#count}). */
    record Count<K, L, C>(LeaseKind<L, C> kind, long now) implements EntryProcessor<K, Block<L, C>, long[]>, ReadOnly {
        @Override
        public long[] process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = entry.getValue();
            return b == null ? new long[2] : b.count(kind, now);
        }

        @Override
        public EntryProcessor<K, Block<L, C>, long[]> getBackupProcessor() {
            return null;
        }
    }

    /** Every lease a block holds, in any state. */
    record Leases<K, L, C>() implements EntryProcessor<K, Block<L, C>, List<L>>, ReadOnly {
        @Override
        public List<L> process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = entry.getValue();
            return b == null ? List.of() : b.leases();
        }

        @Override
        public EntryProcessor<K, Block<L, C>, List<L>> getBackupProcessor() {
            return null;
        }
    }

    /** An operator's lease put on its slot (see {@link Block#install}). */
    record Install<K, L, C>(int slot, L lease, boolean replace, LeaseKind<L, C> kind, long now)
            implements EntryProcessor<K, Block<L, C>, BlockChange<L>> {
        @Override
        public BlockChange<L> process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = blockOf(entry);
            BlockChange<L> change = b.install(slot, lease, replace, kind, now);
            if (change.applied()) {
                entry.setValue(b);
            }
            return change;
        }
    }

    /** Removes the lease on a slot, whoever holds it. */
    record Remove<K, L, C>(int slot, long now) implements EntryProcessor<K, Block<L, C>, BlockChange<L>> {
        @Override
        public BlockChange<L> process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = entry.getValue();
            if (b == null) {
                return BlockChange.refused(Commit.Outcome.NO_BINDING);
            }
            BlockChange<L> change = b.remove(slot, now);
            if (change.applied()) {
                entry.setValue(b);
            }
            return change;
        }
    }

    /** Removes every lease of a block. */
    record RemoveAll<K, L, C>(long now) implements EntryProcessor<K, Block<L, C>, List<BlockChange<L>>> {
        @Override
        public List<BlockChange<L>> process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = entry.getValue();
            if (b == null) {
                return List.of();
            }
            List<BlockChange<L>> changes = b.removeAll(now);
            if (!changes.isEmpty()) {
                entry.setValue(b);
            }
            return changes;
        }
    }

    /** Selects the blocks of one subnet, or of every subnet when {@code subnetId} is 0. */
    record InSubnet<K extends SubnetBlock, V>(int subnetId) implements com.hazelcast.query.Predicate<K, V> {
        @Override
        public boolean apply(Map.Entry<K, V> entry) {
            return subnetId == 0 || entry.getKey().subnetId() == subnetId;
        }
    }

    /** Cold start: installs leases read from the lease store; {@code slots[i]} is where {@code leases[i]} goes. */
    record Load<K, L, C>(int[] slots, List<L> leases) implements EntryProcessor<K, Block<L, C>, Void> {
        @Override
        public Void process(Map.Entry<K, Block<L, C>> entry) {
            Block<L, C> b = blockOf(entry);
            for (int i = 0; i < slots.length; i++) {
                b.load(slots[i], leases.get(i));
            }
            entry.setValue(b);
            return null;
        }
    }
}
