package dev.kakapo.coordinator.lease;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link LeaseStore} does, whatever keeps the leases: a store test extends
 * {@link LeaseStoreContract4} or {@link LeaseStoreContract6} and says how to open its store.
 * Each test starts from an empty store; {@link #open()} opens the same durable state each time
 * within one test, so reopening shows what was made durable.
 *
 * @param <L> the lease type
 */
public abstract class LeaseStoreContract<L> {

    /** A cltt in the past, so the block clock's numbers (now, in microseconds) are above it. */
    protected static final long T0 = 1_700_000_000L;
    /** How long a test waits for one write. */
    private static final long WAIT_SECONDS = 120;

    /**
     * Changes a store has committed and the commits (transactions, fsyncs) they took.
     */
    public record WriteCount(long changes, long commits) {
    }

    /** Stops and restarts what the store writes to, for the failure test. */
    public interface Outage {
        void stop() throws Exception;

        void restart() throws Exception;
    }

    /** Opens the store over this test's durable state. */
    protected abstract LeaseStore<L> open() throws IOException;

    /** The i-th test lease (0..767), each a distinct lease of the family. */
    protected abstract L lease(int i);

    /** {@code lease} renewed at {@code cltt} for {@code validLifetime} seconds. */
    protected abstract L renewed(L lease, long cltt, long validLifetime);

    /** What makes two leases the same lease (the row or file key). */
    protected abstract Object identity(L lease);

    /** The store's counters so far. */
    protected abstract WriteCount writeCount(LeaseStore<L> store);

    /** Whether the store keeps the change with the highest change number when writes arrive out of order. */
    protected boolean ordersBySeq() {
        return true;
    }

    /** How to take the store's backing service away and bring it back; null when it cannot be. */
    protected Outage outage() {
        return null;
    }

    @Test
    public void persistRenewAndRemoveSurviveReopening() throws Exception {
        Map<Object, L> expected = new HashMap<>();
        try (LeaseStore<L> store = open()) {
            assertTrue(store.loadAll().isEmpty());
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                writes.add(store.persist(lease(i)));
                expected.put(identity(lease(i)), lease(i));
            }
            await(writes);
            L renewal = renewed(lease(3), T0 + 1800, 7200);
            store.persist(renewal).get(WAIT_SECONDS, TimeUnit.SECONDS);
            expected.put(identity(renewal), renewal);
            store.remove(lease(5)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            expected.remove(identity(lease(5)));
        }
        assertEquals(expected, reload());
    }

    @Test
    public void everyLeaseLoadsBackAsWritten() throws Exception {
        Map<Object, L> expected = new HashMap<>();
        try (LeaseStore<L> store = open()) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 768; i++) {
                writes.add(store.persist(lease(i)));
                expected.put(identity(lease(i)), lease(i));
            }
            await(writes);
        }
        assertEquals(768, expected.size());
        assertEquals(expected, reload());
    }

    @Test
    public void laterChangesOfOneLeaseWinWhenQueuedTogether() throws Exception {
        L last = null;
        try (LeaseStore<L> store = open()) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int n = 1; n <= 50; n++) {
                last = renewed(lease(7), T0 + n, 3600 + n);
                writes.add(store.persist(last));
            }
            writes.add(store.remove(lease(8)));
            writes.add(store.persist(lease(8)));
            await(writes);
        }
        assertEquals(Map.of(identity(last), last, identity(lease(8)), lease(8)), reload());
    }

    @Test
    public void higherChangeNumbersReplaceAndRemove() throws Exception {
        long seq = blockSeq();
        L renewal = renewed(lease(1), T0 + 60, 7200);
        try (LeaseStore<L> store = open()) {
            store.persist(lease(0), seq).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.persist(lease(1), seq + 1).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.persist(renewal, seq + 2).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.remove(lease(0), seq + 3).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(Map.of(identity(renewal), renewal), reload());
    }

    @Test
    public void olderChangeArrivingAfterNewerOneIsIgnored() throws Exception {
        assumeTrue(ordersBySeq(), "this store is written by one process, in order");
        long seq = blockSeq();
        L newer = renewed(lease(2), T0 + 600, 7200);
        try (LeaseStore<L> store = open()) {
            store.persist(newer, seq + 10).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.persist(lease(2), seq + 5).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(Map.of(identity(newer), newer), reload());
    }

    @Test
    public void removeWithOlderChangeNumberIsIgnored() throws Exception {
        assumeTrue(ordersBySeq(), "this store is written by one process, in order");
        long seq = blockSeq();
        try (LeaseStore<L> store = open()) {
            store.persist(lease(4), seq + 10).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.remove(lease(4), seq + 9).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(Map.of(identity(lease(4)), lease(4)), reload());
        try (LeaseStore<L> store = open()) {
            store.remove(lease(4), seq + 11).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(Map.of(), reload());
    }

    @Test
    public void unnumberedWriteWinsOverEarlierBlockChanges() throws Exception {
        L imported = renewed(lease(6), T0 + 900, 600);
        try (LeaseStore<L> store = open()) {
            store.persist(lease(6), blockSeq()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.persist(imported).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.persist(lease(9), blockSeq()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.remove(lease(9)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(Map.of(identity(imported), imported), reload());
    }

    @Test
    public void concurrentWritersShareCommits() throws Exception {
        int threads = 24;
        int leasesPerThread = 32;
        int renewals = 4;
        Map<Object, L> expected = new HashMap<>();
        WriteCount before;
        WriteCount after;
        try (LeaseStore<L> store = openForConcurrentWriters()) {
            before = writeCount(store);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    int first = t * leasesPerThread;
                    submitted.add(pool.submit(() -> {
                        start.await();
                        List<CompletableFuture<Void>> writes = new ArrayList<>();
                        for (int r = 1; r <= renewals; r++) {
                            for (int i = first; i < first + leasesPerThread; i++) {
                                writes.add(store.persist(renewed(lease(i), T0 + r, 3600L * r)));
                            }
                        }
                        return writes;
                    }));
                }
                start.countDown();
                for (Future<List<CompletableFuture<Void>>> f : submitted) {
                    await(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            after = writeCount(store);
            int changes = threads * leasesPerThread * renewals;
            assertEquals(changes, after.changes() - before.changes());
            checkSharedWrites(store, changes, after.commits() - before.commits());
        }
        for (int i = 0; i < threads * leasesPerThread; i++) {
            L last = renewed(lease(i), T0 + renewals, 3600L * renewals);
            expected.put(identity(last), last);
        }
        assertEquals(expected, reload());
    }

    /** The store {@link #concurrentWritersShareCommits} writes through; a store may bound it tighter. */
    protected LeaseStore<L> openForConcurrentWriters() throws IOException {
        return open();
    }

    /**
     * What {@link #concurrentWritersShareCommits} demands of the store once its changes are durable:
     * fewer commits than changes. A store without commits to share checks its own bound instead.
     */
    protected void checkSharedWrites(LeaseStore<L> store, long changes, long commits) {
        assertTrue(commits >= 1 && commits < changes, "commits " + commits + " for " + changes + " changes");
    }

    @Test
    public void outageFailsPendingWritesAndStoreRecovers() throws Exception {
        Outage outage = outage();
        assumeTrue(outage != null, "this store's backing service cannot be stopped in a test");
        try (LeaseStore<L> store = open()) {
            store.persist(lease(0)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            outage.stop();
            CompletableFuture<Void> duringOutage = store.persist(lease(1));
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> duringOutage.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, failure.getCause());
            outage.restart();
            store.persist(lease(2)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            store.persist(lease(1)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(Map.of(identity(lease(0)), lease(0), identity(lease(1)), lease(1), identity(lease(2)), lease(2)),
                reload());
    }

    @Test
    public void reopenedStoreLoadsAndKeepsWriting() throws Exception {
        try (LeaseStore<L> store = open()) {
            await(List.of(store.persist(lease(10)), store.persist(lease(11)), store.persist(lease(12))));
        }
        L renewal = renewed(lease(11), T0 + 3000, 900);
        try (LeaseStore<L> store = open()) {
            assertEquals(Map.of(identity(lease(10)), lease(10), identity(lease(11)), lease(11),
                    identity(lease(12)), lease(12)), byIdentity(store.loadAll()));
            await(List.of(store.persist(renewal), store.remove(lease(12)), store.persist(lease(13))));
        }
        assertEquals(Map.of(identity(lease(10)), lease(10), identity(renewal), renewal, identity(lease(13)), lease(13)),
                reload());
    }

    @Test
    public void writesAfterCloseFail() throws Exception {
        LeaseStore<L> store = open();
        store.persist(lease(20)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        store.close();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> store.persist(lease(21)).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failure.getCause());
        assertEquals(Map.of(identity(lease(20)), lease(20)), reload());
    }

    /** A change number as a block hands them out now: the current time in microseconds. */
    protected static long blockSeq() {
        return System.currentTimeMillis() * 1000;
    }

    /** The leases a freshly opened store loads, by identity. */
    protected Map<Object, L> reload() throws IOException {
        try (LeaseStore<L> store = open()) {
            return byIdentity(store.loadAll());
        }
    }

    protected Map<Object, L> byIdentity(Collection<L> leases) {
        Map<Object, L> map = new HashMap<>();
        for (L lease : leases) {
            map.put(identity(lease), lease);
        }
        assertEquals(leases.size(), map.size(), "the store loaded one lease twice");
        return map;
    }

    protected static void await(Collection<CompletableFuture<Void>> writes) throws Exception {
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
