package dev.kakapo.coordinator.cql;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures the Cassandra store: 64 concurrent callers each renew their own leases as fast as the
 * store acknowledges them, against a local single-node Cassandra whose commit log is flushed to
 * disk before a write is acknowledged ({@code commitlog_sync: group}, 2 ms window). Prints
 * changes per second and the latency of a persist from call to acknowledged.
 *
 * <p>Run it from {@code coordinator/} after {@code mvn -pl coordinator/cassandra-test-server,coordinator test-compile},
 * with the test class path written by {@code mvn dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt}:
 * {@code java -cp "$(cat cp.txt):target/classes:target/test-classes" dev.kakapo.coordinator.cql.CqlLeaseStoreBench [seconds]}
 */
public final class CqlLeaseStoreBench {

    private static final int CALLERS = 64;
    private static final int LEASES_PER_CALLER = 12; // 768 leases: the three IPv4 documentation /24s
    private static final int[] RANGES = {Ipv4.parse("192.0.2.0"), Ipv4.parse("198.51.100.0"), Ipv4.parse("203.0.113.0")};

    private CqlLeaseStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (CassandraServer server = CassandraServer.start(true)) {
            CqlSettings settings = server.newKeyspace(true);
            try (CqlLeaseStore4 store = CqlLeaseStore4.open(settings)) {
                // Warm up (JIT, connections, rows present) for 2 s, then measure.
                drive(store, 2);
                CqlLeaseStore.Stats before = store.stats();
                long start = System.nanoTime();
                long[][] latencies = drive(store, seconds);
                double elapsed = (System.nanoTime() - start) / 1e9;
                CqlLeaseStore.Stats after = store.stats();
                long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
                System.out.printf("%n%d callers, %d s, one Cassandra node (commitlog_sync group, 2 ms), consistency %s,"
                        + " %d cores%n", CALLERS, seconds, settings.consistency(), Runtime.getRuntime().availableProcessors());
                System.out.printf("%-10s %12s %10s %10s %10s %14s%n", "changes", "changes/s", "p50 ms", "p99 ms",
                        "failures", "peak in flight");
                System.out.printf("%-10d %12.0f %10.2f %10.2f %10d %14d%n", all.length, all.length / elapsed,
                        percentile(all, 0.50) / 1000.0, percentile(all, 0.99) / 1000.0,
                        after.failures() - before.failures(), after.peakInFlight());
            }
        }
    }

    /** Each caller renews its own leases in turn, waiting for each to be acknowledged; returns latencies per caller. */
    private static long[][] drive(CqlLeaseStore4 store, int seconds) throws InterruptedException {
        long[][] latencies = new long[CALLERS][];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(CALLERS);
        for (int c = 0; c < CALLERS; c++) {
            int caller = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                long cltt = 1_700_000_000L;
                try {
                    while (System.nanoTime() < deadline) {
                        int i = caller * LEASES_PER_CALLER + n % LEASES_PER_CALLER;
                        Lease4 lease = new Lease4(RANGES[i / 256] + i % 256,
                                Octets.of(new byte[] {0, 0x0c, 0x29, 0, (byte) (i >> 8), (byte) i}), Octets.EMPTY, 3600,
                                cltt + n, 1, false, false, "", LeaseState.DEFAULT);
                        long t0 = System.nanoTime();
                        store.persist(lease).join();
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = (System.nanoTime() - t0) / 1000;
                    }
                } finally {
                    latencies[caller] = Arrays.copyOf(mine, n);
                    done.countDown();
                }
            }, "bench-caller-" + c);
            thread.start();
        }
        done.await();
        return latencies;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
