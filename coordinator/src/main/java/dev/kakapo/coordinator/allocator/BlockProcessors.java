package dev.kakapo.coordinator.allocator;

import com.hazelcast.map.EntryProcessor;
import dev.kakapo.coordinator.lease.Lease4;
import java.util.List;
import java.util.Map;

/**
 * The entry processors that change a {@link Block4}. Each runs atomically on the partition thread
 * that owns the block (no locks, no read-modify-write round trips), creates the block on first
 * use, and returns a small result. Time comes in as an argument so a backup replica that re-runs
 * the processor reaches the same state.
 */
final class BlockProcessors {
    private BlockProcessors() {
    }

    private static Block4 blockOf(Map.Entry<BlockKey, Block4> entry) {
        Block4 b = entry.getValue();
        return b != null ? b : new Block4(entry.getKey().subnetId(), entry.getKey().firstAddress());
    }

    /** Picks and holds an address for a DISCOVER; returns it or null. */
    record Offer(ClientIdentity4 client, int preferred, boolean searchOthers, List<AddressRange> pools, long now,
                 long holdSeconds) implements EntryProcessor<BlockKey, Block4, Integer> {
        @Override
        public Integer process(Map.Entry<BlockKey, Block4> entry) {
            Block4 b = blockOf(entry);
            Integer address = b.offer(client, preferred, searchOthers, pools, now, holdSeconds);
            if (address != null) {
                entry.setValue(b);
            }
            return address;
        }
    }

    record Commit(ClientIdentity4 client, int address, List<AddressRange> pools, long now, long validLifetime,
                  String hostname) implements EntryProcessor<BlockKey, Block4, BlockChange> {
        @Override
        public BlockChange process(Map.Entry<BlockKey, Block4> entry) {
            Block4 b = blockOf(entry);
            BlockChange change = b.commit(client, address, pools, now, validLifetime, hostname);
            if (change.applied()) {
                entry.setValue(b);
            }
            return change;
        }
    }

    record Release(ClientIdentity4 client, int address) implements EntryProcessor<BlockKey, Block4, BlockChange> {
        @Override
        public BlockChange process(Map.Entry<BlockKey, Block4> entry) {
            if (entry.getValue() == null) {
                return BlockChange.refused(Commit4.Outcome.CONFLICT);
            }
            Block4 b = entry.getValue();
            BlockChange change = b.release(client, address);
            if (change.applied()) {
                entry.setValue(b);
            }
            return change;
        }
    }

    record Decline(ClientIdentity4 client, int address, long now, long probationSeconds)
            implements EntryProcessor<BlockKey, Block4, BlockChange> {
        @Override
        public BlockChange process(Map.Entry<BlockKey, Block4> entry) {
            if (entry.getValue() == null) {
                return BlockChange.refused(Commit4.Outcome.CONFLICT);
            }
            Block4 b = entry.getValue();
            BlockChange change = b.decline(client, address, now, probationSeconds);
            if (change.applied()) {
                entry.setValue(b);
            }
            return change;
        }
    }

    record Reclaim(long now, int max, boolean remove, long holdReclaimedSeconds)
            implements EntryProcessor<BlockKey, Block4, List<BlockChange>> {
        @Override
        public List<BlockChange> process(Map.Entry<BlockKey, Block4> entry) {
            Block4 b = entry.getValue();
            if (b == null) {
                return List.of();
            }
            List<BlockChange> changes = b.reclaim(now, max, remove, holdReclaimedSeconds);
            if (!changes.isEmpty()) {
                entry.setValue(b);
            }
            return changes;
        }
    }

    /** Reads the lease on one address without taking the key's lock. */
    record Read(int address) implements EntryProcessor<BlockKey, Block4, Lease4>, com.hazelcast.core.ReadOnly {
        @Override
        public Lease4 process(Map.Entry<BlockKey, Block4> entry) {
            Block4 b = entry.getValue();
            return b == null ? null : b.lease(address);
        }

        @Override
        public EntryProcessor<BlockKey, Block4, Lease4> getBackupProcessor() {
            return null;
        }
    }

    /** Cold start: installs leases read from the lease store. */
    record Load(List<Lease4> leases) implements EntryProcessor<BlockKey, Block4, Void> {
        @Override
        public Void process(Map.Entry<BlockKey, Block4> entry) {
            Block4 b = blockOf(entry);
            for (Lease4 l : leases) {
                b.load(l);
            }
            entry.setValue(b);
            return null;
        }
    }
}
