package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Lease4;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Kea's memfile lease database for DHCPv4: an append-only lease4 CSV file that Kea itself can
 * read, written with group commit and compacted in place by Kea's lease file cleanup (LFC).
 * The work is done by {@link MemfileLeaseStore} over {@link Lease4Csv}.
 */
public final class MemfileLeaseStore4 extends MemfileLeaseStore<Lease4> {

    private MemfileLeaseStore4(MemfileLeaseStore<Lease4> opened) {
        super(opened);
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
}
