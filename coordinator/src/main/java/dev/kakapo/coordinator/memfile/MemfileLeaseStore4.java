package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseStore4;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Kea's memfile lease database for DHCPv4: an append-only lease4 CSV file that Kea itself can
 * read, written with group commit and compacted in place by Kea's lease file cleanup (LFC).
 *
 * <p>Every change appends one row; a removal appends the lease with valid lifetime 0. Loading
 * replays the files in order (see {@link LeaseFileCompaction} for which ones). A file in another
 * Kea version's column layout is compacted into Kakapo's layout when opened, since rows of two
 * layouts cannot share one file. The work is done by {@link MemfileLeaseStore} over {@link Lease4Csv}.
 */
public final class MemfileLeaseStore4 implements LeaseStore4 {

    /**
     * What the store has done since it was opened.
     *
     * @param rowsWritten    rows made durable in the current lease file
     * @param fsyncs         forces of the current lease file, one per batch of rows
     * @param badRowsSkipped unreadable rows skipped by {@link #loadAll()}, or dropped when
     *                       {@link #open} converted a file of another Kea version
     * @param compactions    lease file compactions completed
     */
    public record Stats(long rowsWritten, long fsyncs, long badRowsSkipped, long compactions) {
    }

    private final MemfileLeaseStore<Lease4> store;

    private MemfileLeaseStore4(MemfileLeaseStore<Lease4> store) {
        this.store = store;
    }

    /**
     * Opens the lease file (creating it, with its header, when missing).
     *
     * @param lfcIntervalSeconds Kea's {@code lfc-interval}: seconds between compactions, 0 for none
     */
    public static MemfileLeaseStore4 open(Path leaseFile, long lfcIntervalSeconds) throws IOException {
        return open(leaseFile, lfcIntervalSeconds, LeaseFileWriter.APPEND_TO_FILE);
    }

    /** As {@link #open(Path, long)}, with the current file opened by {@code opener}. */
    static MemfileLeaseStore4 open(Path leaseFile, long lfcIntervalSeconds, LeaseFileWriter.ChannelOpener opener)
            throws IOException {
        return new MemfileLeaseStore4(MemfileLeaseStore.open(leaseFile, lfcIntervalSeconds, Lease4Csv.FORMAT, opener));
    }

    /** Kea's {@code persist: false}: nothing is written anywhere and nothing is ever loaded. */
    public static MemfileLeaseStore4 inMemory() {
        return new MemfileLeaseStore4(MemfileLeaseStore.inMemory(Lease4Csv.FORMAT));
    }

    /**
     * Replays {@code .completed}, or else {@code .2} then {@code .1}, then the current file, and
     * then finishes the cleanup of a compaction a crash interrupted.
     *
     * @return the leases in ascending address order
     * @throws IOException naming the file when one cannot be read or holds more than 100 bad rows
     */
    @Override
    public Collection<Lease4> loadAll() throws IOException {
        return store.loadAll();
    }

    /** Appends the lease's row; the future fails with IllegalArgumentException for a lease no file can hold. */
    @Override
    public CompletableFuture<Void> persist(Lease4 lease) {
        return store.persist(lease);
    }

    /** Appends Kea's deletion marker for the lease: its row with valid lifetime 0. */
    @Override
    public CompletableFuture<Void> remove(Lease4 lease) {
        return store.remove(lease);
    }

    /** Runs one lease file compaction now; rows keep being written while it runs. */
    public void compact() throws IOException {
        store.compact();
    }

    public Stats stats() {
        return new Stats(store.rowsWritten(), store.fsyncs(), store.badRowsSkipped(), store.compactions());
    }

    /** Stops the compaction timer (letting a running compaction finish) and writes what is queued. */
    @Override
    public void close() throws IOException {
        store.close();
    }

    /** The compaction procedure, so tests can interrupt it after any step. */
    LeaseFileCompaction<Lease4> compaction() {
        return store.compaction();
    }
}
