package dev.kakapo.coordinator.allocator;

import java.io.Serializable;

/**
 * What an entry processor did to one slot of a block, for the caller to make durable.
 *
 * @param lease    the lease as it now is (or as it was, when {@code removed})
 * @param previous for a reclamation, the lease before it was reclaimed; else null
 * @param removed  the lease is gone: the store records a deletion
 * @param seq      the block's change number, which orders the store's writes of one lease
 */
record BlockChange<L>(Commit.Outcome outcome, L lease, L previous, boolean removed, long seq) implements Serializable {

    static <L> BlockChange<L> refused(Commit.Outcome outcome) {
        return new BlockChange<>(outcome, null, null, false, 0);
    }

    static <L> BlockChange<L> changed(L lease, boolean removed, long seq) {
        return new BlockChange<>(Commit.Outcome.GRANTED, lease, null, removed, seq);
    }

    /** A change of the client's own lease: {@code previous} is what it was before. */
    static <L> BlockChange<L> changed(L lease, L previous, boolean removed, long seq) {
        return new BlockChange<>(Commit.Outcome.GRANTED, lease, previous, removed, seq);
    }

    static <L> BlockChange<L> reclaimed(L before, L after, long seq) {
        return new BlockChange<>(Commit.Outcome.GRANTED, after, before, false, seq);
    }

    boolean applied() {
        return outcome == Commit.Outcome.GRANTED;
    }
}
