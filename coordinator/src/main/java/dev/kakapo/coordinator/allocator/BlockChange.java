package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Lease4;
import java.io.Serializable;

/**
 * What an entry processor did to one address of a block, for the caller to make durable.
 *
 * @param lease    the lease as it now is (or as it was, when {@code removed})
 * @param previous for a reclamation, the lease before it was reclaimed; else null
 * @param removed  the lease is gone: the store records a deletion
 * @param seq      the block's change number, which orders the store's writes of one address
 */
record BlockChange(Commit4.Outcome outcome, Lease4 lease, Lease4 previous, boolean removed, long seq)
        implements Serializable {

    static BlockChange refused(Commit4.Outcome outcome) {
        return new BlockChange(outcome, null, null, false, 0);
    }

    static BlockChange changed(Commit4.Outcome outcome, Lease4 lease, boolean removed, long seq) {
        return new BlockChange(outcome, lease, null, removed, seq);
    }

    static BlockChange reclaimed(Lease4 before, Lease4 after, long seq) {
        return new BlockChange(Commit4.Outcome.GRANTED, after, before, false, seq);
    }

    boolean applied() {
        return outcome == Commit4.Outcome.GRANTED;
    }
}
