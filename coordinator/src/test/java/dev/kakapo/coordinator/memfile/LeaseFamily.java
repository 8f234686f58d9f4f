package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Lease6;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * One address family's memfile lease database, for the tests that hold for both families.
 *
 * @param lease   the i-th test lease (0..767), each a distinct lease
 * @param renewal the lease renewed at a cltt for a valid lifetime
 */
record LeaseFamily<L>(String name, String fileName, LeaseRowFormat<L> format, IntFunction<L> lease,
                      Renewal<L> renewal) {

    @FunctionalInterface
    interface Renewal<L> {
        L renewed(L lease, long cltt, long validLifetime);
    }

    static final LeaseFamily<Lease4> DHCP4 = new LeaseFamily<>("lease4", "kea-leases4.csv", Lease4Csv.FORMAT,
            TestLeases::lease, Lease4::withTimes);
    static final LeaseFamily<Lease6> DHCP6 = new LeaseFamily<>("lease6", "kea-leases6.csv", Lease6Csv.FORMAT,
            TestLeases::lease6, TestLeases::renewed);

    static Stream<LeaseFamily<?>> both() {
        return Stream.of(DHCP4, DHCP6);
    }

    L lease(int i) {
        return lease.apply(i);
    }

    L renewed(int i, long cltt, long validLifetime) {
        return renewal.renewed(lease(i), cltt, validLifetime);
    }

    MemfileLeaseStore<L> open(Path dir) throws IOException {
        return MemfileLeaseStore.open(dir.resolve(fileName), 0, format, LeaseFileWriter.APPEND_TO_FILE);
    }

    /** The leases a fresh store loads from the files in {@code dir}. */
    List<L> reload(Path dir) throws IOException {
        try (MemfileLeaseStore<L> store = open(dir)) {
            return store.loadAll();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
