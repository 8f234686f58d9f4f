package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures what group commit gains: 64 concurrent callers each renew their own leases as fast as
 * the store acknowledges them, first with group commit, then with one transaction per change,
 * against a local PostgreSQL that flushes every commit to disk. Prints changes per second and the
 * latency of a persist from call to durable.
 *
 * <p>Run it from {@code coordinator/} after {@code mvn test-compile}, with the test class path
 * written by {@code mvn dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt}:
 * {@code java -cp "$(cat cp.txt):target/classes:target/test-classes" dev.kakapo.coordinator.sql.PostgresLeaseStoreBench [seconds]}
 */
public final class PostgresLeaseStoreBench {

    private static final int CALLERS = 64;
    private static final int LEASES_PER_CALLER = 12; // 768 leases: the three IPv4 documentation /24s
    private static final int[] RANGES = {Ipv4.parse("192.0.2.0"), Ipv4.parse("198.51.100.0"), Ipv4.parse("203.0.113.0")};

    private record Result(String mode, long changes, double seconds, long[] latenciesMicros, SqlLeaseStore.Stats stats) {
    }

    private PostgresLeaseStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (PostgresServer server = PostgresServer.start(true)) {
            SqlSettings groupCommit = server.newDatabase(true).withPool(4, 2).withBatchLimit(1000);
            // One transaction per lease twice: on the group-commit store's own connection budget, and
            // on four times as many connections (PostgreSQL then shares WAL flushes between them).
            SqlSettings perLeaseSame = server.newDatabase(true).withPool(4, 3).withOneTransactionPerLease(true);
            SqlSettings perLease = server.newDatabase(true).withPool(17, 16).withOneTransactionPerLease(true);
            List<Result> results = new ArrayList<>();
            results.add(run("group commit (2 writers, batch <= 1000)", groupCommit, seconds));
            results.add(run("one transaction per lease (3 connections)", perLeaseSame, seconds));
            results.add(run("one transaction per lease (16 connections)", perLease, seconds));
            System.out.printf("%n%d callers, %d s each, PostgreSQL with fsync on, %d cores%n", CALLERS, seconds,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("%-44s %10s %12s %10s %10s %10s %12s%n", "mode", "changes", "changes/s", "p50 ms",
                    "p99 ms", "commits", "changes/tx");
            for (Result r : results) {
                long[] l = r.latenciesMicros();
                Arrays.sort(l);
                System.out.printf("%-44s %10d %12.0f %10.2f %10.2f %10d %12.1f%n", r.mode(), r.changes(),
                        r.changes() / r.seconds(), percentile(l, 0.50) / 1000.0, percentile(l, 0.99) / 1000.0,
                        r.stats().transactions(), (double) r.stats().changesCommitted() / r.stats().transactions());
            }
        }
    }

    private static Result run(String mode, SqlSettings settings, int seconds) throws Exception {
        try (PostgresLeaseStore4 store = PostgresLeaseStore4.open(settings)) {
            // Warm up (JIT, prepared statements, rows present) for 2 s, then measure.
            drive(store, 2);
            SqlLeaseStore.Stats before = store.stats();
            long start = System.nanoTime();
            long[][] latencies = drive(store, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            SqlLeaseStore.Stats after = store.stats();
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
            SqlLeaseStore.Stats delta = new SqlLeaseStore.Stats(after.changesCommitted() - before.changesCommitted(),
                    after.rowsWritten() - before.rowsWritten(), after.transactions() - before.transactions(),
                    after.failedTransactions() - before.failedTransactions());
            System.out.printf("%s: %d changes in %.1f s%n", mode, all.length, elapsed);
            return new Result(mode, all.length, elapsed, all, delta);
        }
    }

    /** Each caller renews its own leases in turn, waiting for each to be durable; returns latencies per caller. */
    private static long[][] drive(PostgresLeaseStore4 store, int seconds) throws InterruptedException {
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
