package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseStore6;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Kea's memfile lease database for DHCPv6: an append-only lease6 CSV file that Kea itself can
 * read, written with group commit and compacted in place by Kea's lease file cleanup (LFC), just
 * as {@link MemfileLeaseStore4} keeps DHCPv4 leases.
 *
 * <p>A lease is identified by its address and lease type together, so an IA_NA address and an
 * IA_PD prefix written with the same address text are two leases. Every change appends one row;
 * a removal appends the lease with valid lifetime 0. The work is done by {@link MemfileLeaseStore}
 * over {@link Lease6Csv}.
 */
public final class MemfileLeaseStore6 implements LeaseStore6 {

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

    private final MemfileLeaseStore<Lease6> store;

    private MemfileLeaseStore6(MemfileLeaseStore<Lease6> store) {
        this.store = store;
    }

    /**
     * Opens the lease file (creating it, with its header, when missing). A file in another Kea
     * version's column layout is compacted into Kakapo's layout first.
     *
     * @param lfcIntervalSeconds Kea's {@code lfc-interval}: seconds between compactions, 0 for none
     */
    public static MemfileLeaseStore6 open(Path leaseFile, long lfcIntervalSeconds) throws IOException {
        return open(leaseFile, lfcIntervalSeconds, LeaseFileWriter.APPEND_TO_FILE);
    }

    /** As {@link #open(Path, long)}, with the current file opened by {@code opener}. */
    static MemfileLeaseStore6 open(Path leaseFile, long lfcIntervalSeconds, LeaseFileWriter.ChannelOpener opener)
            throws IOException {
        return new MemfileLeaseStore6(MemfileLeaseStore.open(leaseFile, lfcIntervalSeconds, Lease6Csv.FORMAT, opener));
    }

    /** Kea's {@code persist: false}: nothing is written anywhere and nothing is ever loaded. */
    public static MemfileLeaseStore6 inMemory() {
        return new MemfileLeaseStore6(MemfileLeaseStore.inMemory(Lease6Csv.FORMAT));
    }

    /**
     * Replays {@code .completed}, or else {@code .2} then {@code .1}, then the current file, and
     * then finishes the cleanup of a compaction a crash interrupted.
     *
     * @return the leases in ascending address order, an address's IA_NA lease before its IA_PD one
     * @throws IOException naming the file when one cannot be read or holds more than 100 bad rows
     */
    @Override
    public Collection<Lease6> loadAll() throws IOException {
        return store.loadAll();
    }

    /** Appends the lease's row; the future fails with IllegalArgumentException for a lease no file can hold. */
    @Override
    public CompletableFuture<Void> persist(Lease6 lease) {
        return store.persist(lease);
    }

    /** Appends Kea's deletion marker for the lease: its row with valid lifetime 0. */
    @Override
    public CompletableFuture<Void> remove(Lease6 lease) {
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
    LeaseFileCompaction<Lease6> compaction() {
        return store.compaction();
    }
}
