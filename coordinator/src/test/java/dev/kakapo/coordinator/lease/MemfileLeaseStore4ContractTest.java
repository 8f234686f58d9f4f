package dev.kakapo.coordinator.lease;

import dev.kakapo.coordinator.memfile.MemfileLeaseStore;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** The memfile DHCPv4 store meets the lease store contract; it is written by one process, in order. */
class MemfileLeaseStore4ContractTest extends LeaseStoreContract4 {

    @TempDir
    Path dir;

    @Override
    protected LeaseStore<Lease4> open() throws IOException {
        return MemfileLeaseStore4.open(dir.resolve("kea-leases4.csv"), 0);
    }

    @Override
    protected WriteCount writeCount(LeaseStore<Lease4> store) {
        MemfileLeaseStore.Stats stats = ((MemfileLeaseStore<Lease4>) store).stats();
        return new WriteCount(stats.rowsWritten(), stats.fsyncs());
    }

    @Override
    protected boolean ordersBySeq() {
        return false;
    }
}
