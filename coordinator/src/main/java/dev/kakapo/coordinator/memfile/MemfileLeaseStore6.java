package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Lease6;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Kea's memfile lease database for DHCPv6: an append-only lease6 CSV file that Kea itself can
 * read. A lease is identified by its address and lease type together, so an IA_NA address and an
 * IA_PD prefix written with the same address text are two leases. The work is done by
 * {@link MemfileLeaseStore} over {@link Lease6Csv}.
 */
public final class MemfileLeaseStore6 extends MemfileLeaseStore<Lease6> {

    private MemfileLeaseStore6(MemfileLeaseStore<Lease6> opened) {
        super(opened);
    }

    /**
     * Opens the lease file (creating it, with its header, when missing).
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
}
