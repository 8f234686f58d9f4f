package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
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

    /**
     * The i-th DHCPv6 lease: i = 2k is the IA_NA address 2001:db8:0:k:: and i = 2k + 1 the IA_PD
     * prefix 2001:db8:0:k::/64, so each pair shares its address text and differs in lease type.
     */
    static Lease6 lease6(int i) {
        Ipv6Address address = new Ipv6Address(0x2001_0db8_0000_0000L | (i / 2), 0);
        boolean prefix = i % 2 == 1;
        byte[] mac = {0x00, 0x0c, 0x29, 0x00, (byte) (i >> 8), (byte) i};
        byte[] duid = {0x00, 0x03, 0x00, 0x01, 0x00, 0x0c, 0x29, 0x00, (byte) (i >> 8), (byte) i};
        // Odd IAIDs are above 2^31, which Kea writes as unsigned decimal.
        long iaid = prefix ? 0x8000_0000L + i : i;
        return new Lease6(address, prefix ? 64 : 128, prefix ? LeaseType6.PD : LeaseType6.NA, Octets.of(duid), iaid,
                1800, 3600, T0 + i, 1 + i % 4, i % 4 == 0, i % 5 == 0, i % 4 == 0 ? "host-" + i + ".example.org" : "",
                i % 3 == 0 ? Octets.of(mac) : Octets.EMPTY, LeaseState.DEFAULT);
    }

    /** {@code lease} renewed at {@code cltt} for {@code validLifetime} seconds. */
    static Lease6 renewed(Lease6 lease, long cltt, long validLifetime) {
        return new Lease6(lease.address(), lease.prefixLength(), lease.type(), lease.duid(), lease.iaid(),
                Math.min(lease.preferredLifetime(), validLifetime), validLifetime, cltt, lease.subnetId(),
                lease.fqdnFwd(), lease.fqdnRev(), lease.hostname(), lease.hwAddress(), lease.state());
    }

    static Lease6 withState(Lease6 lease, LeaseState state) {
        return new Lease6(lease.address(), lease.prefixLength(), lease.type(), lease.duid(), lease.iaid(),
                lease.preferredLifetime(), lease.validLifetime(), lease.cltt(), lease.subnetId(),
                lease.fqdnFwd(), lease.fqdnRev(), lease.hostname(), lease.hwAddress(), state);
    }

    /** The DHCPv6 leases a fresh store loads from {@code leaseFile}, in the order it gives them. */
    static List<Lease6> reload6(Path leaseFile) throws IOException {
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile, 0)) {
            return List.copyOf(store.loadAll());
        }
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
    static List<String> filesBeside(Path leaseFile) throws IOException {
        try (Stream<Path> list = Files.list(leaseFile.getParent())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
