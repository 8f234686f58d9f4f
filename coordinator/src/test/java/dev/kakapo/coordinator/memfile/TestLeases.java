package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Leases and lease files for the memfile tests; addresses come from the documentation ranges. */
final class TestLeases {
    static final long T0 = 1_700_000_000L;
    private static final int[] RANGES = {Ipv4.parse("192.0.2.0"), Ipv4.parse("198.51.100.0"), Ipv4.parse("203.0.113.0")};

    private TestLeases() {
    }

    /** The i-th address (0..767) across 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24. */
    static int address(int i) {
        return RANGES[i / 256] + i % 256;
    }

    static Lease4 lease(int i) {
        byte[] mac = {0x00, 0x0c, 0x29, 0x00, (byte) (i >> 8), (byte) i};
        byte[] clientId = {0x01, 0x00, 0x0c, 0x29, 0x00, (byte) (i >> 8), (byte) i};
        return new Lease4(address(i), Octets.of(mac), i % 3 == 0 ? Octets.EMPTY : Octets.of(clientId),
                3600, T0 + i, 1 + i % 4, i % 2 == 0, i % 5 == 0, i % 2 == 0 ? "host-" + i + ".example.org" : "",
                LeaseState.DEFAULT);
    }

    static Map<Integer, Lease4> byAddress(Collection<Lease4> leases) {
        Map<Integer, Lease4> map = new TreeMap<>(Ipv4::compare);
        for (Lease4 lease : leases) {
            map.put(lease.address(), lease);
        }
        return map;
    }

    static Map<Integer, Lease4> reload(Path leaseFile) throws IOException {
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile, 0)) {
            return byAddress(store.loadAll());
        }
    }

    static void await(Collection<CompletableFuture<Void>> writes) {
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    /** The names of the lease files present next to {@code leaseFile}, sorted. */
    static java.util.List<String> filesBeside(Path leaseFile) throws IOException {
        try (Stream<Path> list = Files.list(leaseFile.getParent())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
