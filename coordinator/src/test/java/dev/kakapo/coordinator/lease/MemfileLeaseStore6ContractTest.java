package dev.kakapo.coordinator.lease;

import dev.kakapo.coordinator.memfile.MemfileLeaseStore;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore6;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** The memfile DHCPv6 store meets the lease store contract; it is written by one process, in order. */
class MemfileLeaseStore6ContractTest extends LeaseStoreContract6 {

    @TempDir
    Path dir;

    @Override
    protected LeaseStore<Lease6> open() throws IOException {
        return MemfileLeaseStore6.open(dir.resolve("kea-leases6.csv"), 0);
    }

    @Override
    protected WriteCount writeCount(LeaseStore<Lease6> store) {
        MemfileLeaseStore.Stats stats = ((MemfileLeaseStore<Lease6>) store).stats();
        return new WriteCount(stats.rowsWritten(), stats.fsyncs());
    }

    @Override
    protected boolean ordersBySeq() {
        return false;
    }
}
