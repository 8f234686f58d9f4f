package dev.kakapo.server.metrics;

import dev.kakapo.coordinator.allocator.Allocator4;
import dev.kakapo.coordinator.allocator.Allocator6;
import dev.kakapo.coordinator.allocator.LeaseCounts;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.Dhcp6Config;
import dev.kakapo.server.config.PdPool6;
import dev.kakapo.server.config.Pool4;
import dev.kakapo.server.config.Pool6;
import dev.kakapo.server.config.Subnet4;
import dev.kakapo.server.config.Subnet6;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Kea's per-subnet statistics of one family ({@code subnet[1].total-addresses},
 * {@code subnet[1].assigned-addresses}, ...), plus the global {@code declined-addresses}:
 * totals from the configured pools, current counts from the allocator.
 *
 * <p>The counts are an aggregation over the allocator's blocks, not counters kept on grant and
 * release: every node of a cluster grants leases, so a node's own counters would see only its
 * share, and cluster-wide counters would add a round trip to every grant. A count costs one
 * read-only pass over the blocks (on their partition threads), so it is taken at most once per
 * {@link #MAX_AGE_MILLIS} however many statistics or gauges read it.
 */
public final class SubnetStatistics {
    /** How long one count of the blocks answers for (a Prometheus scrape reads many gauges at once). */
    public static final long MAX_AGE_MILLIS = 1000;

    private final Supplier<Map<String, Long>> compute;
    private final Clock clock;
    private Map<String, Long> last;
    private long takenAt;

    private SubnetStatistics(Supplier<Map<String, Long>> compute, Clock clock) {
        this.compute = compute;
        this.clock = clock;
    }

    public static SubnetStatistics of(Dhcp4Config config, Allocator4 allocator) {
        return of(() -> config, allocator);
    }

    /** The subnets of the configuration {@code config} gives at each count (it may be replaced while running). */
    public static SubnetStatistics of(Supplier<Dhcp4Config> running, Allocator4 allocator) {
        return new SubnetStatistics(() -> {
            Dhcp4Config config = running.get();
            Map<Integer, LeaseCounts> counts = allocator.countLeases();
            Map<String, Long> out = new TreeMap<>();
            long declined = 0;
            for (Subnet4 s : config.subnets()) {
                LeaseCounts c = counts.getOrDefault(s.id(), LeaseCounts.NONE);
                String p = prefix(s.id());
                out.put(p + "total-addresses", s.pools().stream().mapToLong(Pool4::size).sum());
                out.put(p + "assigned-addresses", c.assigned());
                out.put(p + "declined-addresses", c.declined());
                declined += c.declined();
            }
            out.put("declined-addresses", declined);
            return out;
        }, Clock.systemUTC());
    }

    public static SubnetStatistics of(Dhcp6Config config, Allocator6 allocator) {
        return of(() -> config, allocator);
    }

    /** The subnets of the configuration {@code config} gives at each count (it may be replaced while running). */
    public static SubnetStatistics of(Supplier<Dhcp6Config> running, Allocator6 allocator) {
        return new SubnetStatistics(() -> {
            Dhcp6Config config = running.get();
            Map<LeaseType6, Map<Integer, LeaseCounts>> counts = allocator.countLeases();
            Map<String, Long> out = new TreeMap<>();
            long declined = 0;
            for (Subnet6 s : config.subnets()) {
                LeaseCounts na = counts.getOrDefault(LeaseType6.NA, Map.of()).getOrDefault(s.id(), LeaseCounts.NONE);
                LeaseCounts pd = counts.getOrDefault(LeaseType6.PD, Map.of()).getOrDefault(s.id(), LeaseCounts.NONE);
                String p = prefix(s.id());
                out.put(p + "total-nas", s.pools().stream().mapToLong(SubnetStatistics::size).reduce(0, SubnetStatistics::saturatedAdd));
                out.put(p + "assigned-nas", na.assigned());
                out.put(p + "total-pds", s.pdPools().stream().mapToLong(SubnetStatistics::size).reduce(0, SubnetStatistics::saturatedAdd));
                out.put(p + "assigned-pds", pd.assigned());
                out.put(p + "declined-addresses", na.declined());
                declined += na.declined();
            }
            out.put("declined-addresses", declined);
            return out;
        }, Clock.systemUTC());
    }

    private static String prefix(int subnetId) {
        return "subnet[" + subnetId + "].";
    }

    /** Addresses in a DHCPv6 pool; a pool larger than a long can count (a /64) counts as Long.MAX_VALUE, as Kea caps it. */
    static long size(Pool6 pool) {
        BigInteger n = unsigned(pool.last()).subtract(unsigned(pool.first())).add(BigInteger.ONE);
        return n.bitLength() >= 63 ? Long.MAX_VALUE : n.longValue();
    }

    static long size(PdPool6 pool) {
        int bits = pool.delegatedLength() - pool.prefixLength();
        return bits >= 63 ? Long.MAX_VALUE : 1L << bits;
    }

    private static BigInteger unsigned(Ipv6Address a) {
        return new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(a.high()).putLong(a.low()).array());
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** The statistics by Kea name, counted at most {@link #MAX_AGE_MILLIS} ago. */
    public synchronized Map<String, Long> snapshot() {
        long now = clock.millis();
        if (last == null || now - takenAt >= MAX_AGE_MILLIS) {
            last = java.util.Collections.unmodifiableMap(new TreeMap<>(compute.get()));
            takenAt = now;
        }
        return last;
    }

    /** The statistics counted now (the control API's statistic commands, which must see a change just made). */
    public synchronized Map<String, Long> current() {
        takenAt = Long.MIN_VALUE / 2;
        return snapshot();
    }

    /** One statistic by Kea name; 0 when there is none by that name. */
    public long get(String name) {
        return snapshot().getOrDefault(name, 0L);
    }
}
