package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.kakapo.coordinator.memfile.TestLeases.T0;
import static dev.kakapo.coordinator.memfile.TestLeases.await;
import static dev.kakapo.coordinator.memfile.TestLeases.byAddress;
import static dev.kakapo.coordinator.memfile.TestLeases.lease;
import static dev.kakapo.coordinator.memfile.TestLeases.reload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemfileLeaseStore4Test {

    private static final String HEADER = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state\n";

    @TempDir
    Path dir;

    private Path leaseFile() {
        return dir.resolve("kea-leases4.csv");
    }

    @Test
    void writesExactlyKeasHeaderAndRows() throws Exception {
        Lease4 first = new Lease4(Ipv4.parse("192.0.2.1"), Octets.parse("00:0c:29:00:00:01"),
                Octets.parse("01:00:0c:29:00:00:01"), 3600, T0, 1, true, true, "pc,1&\u00e9", LeaseState.DEFAULT);
        Lease4 declined = new Lease4(Ipv4.parse("192.0.2.2"), Octets.EMPTY, Octets.EMPTY, 86400, T0 + 5, -1,
                false, false, "", LeaseState.DECLINED);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertTrue(store.loadAll().isEmpty());
            store.persist(first).get();
            store.persist(declined).get();
            store.persist(first.withTimes(T0 + 1800, 7200)).get();
            store.remove(declined).get();
        }
        assertEquals(HEADER
                        + "192.0.2.1,00:0c:29:00:00:01,01:00:0c:29:00:00:01,3600,1700003600,1,1,1,pc&#x2c1&#x26&#xc3&#xa9,0\n"
                        + "192.0.2.2,,,86400,1700086405,4294967295,0,0,,1\n"
                        + "192.0.2.1,00:0c:29:00:00:01,01:00:0c:29:00:00:01,7200,1700009000,1,1,1,pc&#x2c1&#x26&#xc3&#xa9,0\n"
                        + "192.0.2.2,,,0,1700000005,4294967295,0,0,,1\n",
                Files.readString(leaseFile(), StandardCharsets.US_ASCII));
        assertEquals(Map.of(first.address(), first.withTimes(T0 + 1800, 7200)), reload(leaseFile()));
    }

    @Test
    void persistRenewRemoveSurvivesReopen() throws Exception {
        Map<Integer, Lease4> expected = new TreeMap<>(Ipv4::compare);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                writes.add(store.persist(lease(i)));
                expected.put(lease(i).address(), lease(i));
            }
            await(writes);
            writes.clear();
            for (int i = 0; i < 300; i += 3) {
                Lease4 renewed = lease(i).withTimes(T0 + 5000 + i, 7200);
                writes.add(store.persist(renewed));
                expected.put(renewed.address(), renewed);
            }
            for (int i = 1; i < 300; i += 7) {
                writes.add(store.remove(lease(i)));
                expected.remove(lease(i).address());
            }
            Lease4 reclaimed = lease(2).withState(LeaseState.EXPIRED_RECLAIMED);
            writes.add(store.persist(reclaimed));
            expected.put(reclaimed.address(), reclaimed);
            await(writes);
            assertEquals(300 + 100 + 43 + 1, store.stats().rowsWritten());
        }
        assertEquals(expected, reload(leaseFile()));
        // A lease removed and then granted again is back.
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertEquals(expected, byAddress(store.loadAll()));
            store.persist(lease(1)).get();
            expected.put(lease(1).address(), lease(1));
        }
        assertEquals(expected, reload(leaseFile()));
    }

    @Test
    void loadsAKea11LeaseFile() throws IOException {
        Files.writeString(leaseFile(), HEADER
                + "192.0.2.10,00:0c:29:aa:bb:cc,01:00:0c:29:aa:bb:cc,4000,1700004000,1,1,1,client-a.example.org,0\n"
                + "192.0.2.11,00:0c:29:aa:bb:cd,,4000,1700004001,1,0,0,,0\n"
                + "192.0.2.12,,,86400,1700086400,2,0,0,,1\n"
                + "192.0.2.10,00:0c:29:aa:bb:cc,01:00:0c:29:aa:bb:cc,4000,1700006000,1,1,1,client-a.example.org,0\n"
                + "192.0.2.11,00:0c:29:aa:bb:cd,,0,1700000001,1,0,0,,0\n");
        Map<Integer, Lease4> loaded;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            loaded = byAddress(store.loadAll());
            assertEquals(0, store.stats().badRowsSkipped());
        }
        assertEquals(Map.of(
                Ipv4.parse("192.0.2.10"), new Lease4(Ipv4.parse("192.0.2.10"), Octets.parse("00:0c:29:aa:bb:cc"),
                        Octets.parse("01:00:0c:29:aa:bb:cc"), 4000, 1700002000, 1, true, true, "client-a.example.org",
                        LeaseState.DEFAULT),
                Ipv4.parse("192.0.2.12"), new Lease4(Ipv4.parse("192.0.2.12"), Octets.EMPTY, Octets.EMPTY, 86400,
                        1700000000, 2, false, false, "", LeaseState.DECLINED)), loaded);
    }

    @Test
    void loadsAndConvertsATodaysKeaLeaseFile() throws Exception {
        String keaHeader = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id\n";
        Files.writeString(leaseFile(), keaHeader
                + "192.0.2.20,00:0c:29:00:00:20,01:00:0c:29:00:00:20,3600,1700003600,3,1,1,caf&#xc3&#xa9&#x2c.example.org,0,"
                + "{ \"comment\": \"first&#x2c floor\" },0\n"
                + "192.0.2.21,00:0c:29:00:00:21,,3600,1700003600,3,0,0,,2,,1\n"
                + "192.0.2.22,00:0c:29:00:00:22,,3600,1700003600,3,0,0,,0,,0\n"
                + "192.0.2.22,00:0c:29:00:00:22,,0,1700000000,3,0,0,,0,,0\n");
        Map<Integer, Lease4> expected = Map.of(
                Ipv4.parse("192.0.2.20"), new Lease4(Ipv4.parse("192.0.2.20"), Octets.parse("00:0c:29:00:00:20"),
                        Octets.parse("01:00:0c:29:00:00:20"), 3600, 1700000000, 3, true, true, "caf\u00e9,.example.org",
                        LeaseState.DEFAULT),
                Ipv4.parse("192.0.2.21"), new Lease4(Ipv4.parse("192.0.2.21"), Octets.parse("00:0c:29:00:00:21"),
                        Octets.EMPTY, 3600, 1700000000, 3, false, false, "", LeaseState.EXPIRED_RECLAIMED));
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertEquals(expected, byAddress(store.loadAll()));
            assertEquals(1, store.stats().compactions());
            store.persist(lease(5)).get();
        }
        // Rows of two column layouts never share a file: the Kea file became .2 in Kakapo's layout.
        assertEquals(List.of("kea-leases4.csv", "kea-leases4.csv.2"), TestLeases.filesBeside(leaseFile()));
        assertTrue(Files.readString(dir.resolve("kea-leases4.csv.2")).startsWith(HEADER));
        assertEquals(HEADER + Lease4Csv.FORMAT.liveRow(lease(5)), Files.readString(leaseFile()));
        Map<Integer, Lease4> withNew = new TreeMap<>(Ipv4::compare);
        withNew.putAll(expected);
        withNew.put(lease(5).address(), lease(5));
        assertEquals(withNew, reload(leaseFile()));
    }

    @Test
    void loadsAKea10FileWithoutStateColumn() throws IOException {
        Files.writeString(leaseFile(), "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname\n"
                + "192.0.2.30,00:0c:29:00:00:30,,600,1700000600,1,0,0,old.example.org\n"
                + "192.0.2.31,00:0c:29:00:00:31,,600,1700000600,1,0,0,old.example.org,0\n");
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertEquals(Map.of(Ipv4.parse("192.0.2.30"), new Lease4(Ipv4.parse("192.0.2.30"), Octets.parse("00:0c:29:00:00:30"),
                    Octets.EMPTY, 600, 1700000000, 1, false, false, "old.example.org", LeaseState.DEFAULT)),
                    byAddress(store.loadAll()));
            // The row with a column too many was dropped when the file was converted, and is counted.
            assertEquals(1, store.stats().badRowsSkipped());
        }
    }

    @Test
    void badRowsAreSkippedAndCounted() throws IOException {
        Files.writeString(leaseFile(), HEADER
                + Lease4Csv.FORMAT.liveRow(lease(1))
                + "not a lease\n"
                + "192.0.2.99,00:zz,,3600,1700003600,1,0,0,,0\n"
                + "\n"
                + Lease4Csv.FORMAT.liveRow(lease(2))
                + "192.0.2.98,00:01,,3600,1700003600,1,0,0,,9\n"
                + Lease4Csv.FORMAT.liveRow(lease(3)).substring(0, 30));
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertEquals(Map.of(lease(1).address(), lease(1), lease(2).address(), lease(2)), byAddress(store.loadAll()));
            assertEquals(4, store.stats().badRowsSkipped());
        }
    }

    @Test
    void aHundredBadRowsAreToleratedButNotMore() throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append(Lease4Csv.FORMAT.liveRow(lease(1)));
        for (int i = 0; i < 100; i++) {
            text.append("garbage ").append(i).append('\n');
        }
        Files.writeString(leaseFile(), text);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertEquals(1, store.loadAll().size());
            assertEquals(100, store.stats().badRowsSkipped());
        }
        Files.writeString(leaseFile(), text.append("one too many\n"));
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            IOException e = assertThrows(IOException.class, store::loadAll);
            assertTrue(e.getMessage().contains(leaseFile().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("line 103"), e.getMessage());
        }
    }

    @Test
    void headerMissingAColumnNamesFileAndColumn() throws IOException {
        Path older = dir.resolve("kea-leases4.csv.2");
        Files.writeString(older, "address,hwaddr,valid_lifetime\n192.0.2.1,00:01,60\n");
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            IOException e = assertThrows(IOException.class, store::loadAll);
            assertTrue(e.getMessage().contains(older.toString()) && e.getMessage().contains("client_id"), e.getMessage());
        }
    }

    @Test
    void rowsAppendedAfterACutShortLastRowStartOnTheirOwnLine() throws Exception {
        Files.writeString(leaseFile(), HEADER + Lease4Csv.FORMAT.liveRow(lease(1)) + Lease4Csv.FORMAT.liveRow(lease(2)).substring(0, 25));
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            store.persist(lease(3)).get();
        }
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertEquals(Map.of(lease(1).address(), lease(1), lease(3).address(), lease(3)), byAddress(store.loadAll()));
            assertEquals(1, store.stats().badRowsSkipped());
        }
    }

    @Test
    void aFileCutShortInsideItsHeaderStartsAfresh() throws Exception {
        Files.writeString(leaseFile(), "address,hwaddr,cli");
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertTrue(store.loadAll().isEmpty());
            store.persist(lease(4)).get();
        }
        assertEquals(HEADER + Lease4Csv.FORMAT.liveRow(lease(4)), Files.readString(leaseFile()));
    }

    @Test
    void concurrentPersistsShareFsyncs() throws Exception {
        int writes = 1000;
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<CompletableFuture<Void>>> submitted = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                int n = i % 768; // the documentation ranges hold 768 addresses; the rest renew unchanged
                submitted.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return store.persist(lease(n));
                }, callers));
            }
            start.countDown();
            for (CompletableFuture<CompletableFuture<Void>> call : submitted) {
                call.get().get();
            }
            MemfileLeaseStore4.Stats stats = store.stats();
            assertEquals(writes, stats.rowsWritten());
            assertTrue(stats.fsyncs() < stats.rowsWritten(), stats.toString());
        } finally {
            callers.shutdown();
        }
        assertEquals(768, reload(leaseFile()).size());
        assertEquals(writes + 1, Files.readAllLines(leaseFile()).size());
    }

    /**
     * Sixteen callers each renewing as soon as its last renewal is durable keep the writer busy:
     * it then syncs at most once per batch interval, however fast the disk.
     */
    @Test
    void aBusyWriterSyncsAtMostOncePerBatchInterval() throws Exception {
        int callers = 16;
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            long started = System.nanoTime();
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int n = c;
                running.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        store.persist(lease(n).withTimes(T0 + r, 3600)).get();
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
            long elapsed = System.nanoTime() - started;
            MemfileLeaseStore4.Stats stats = store.stats();
            assertEquals(callers * rounds, stats.rowsWritten());
            assertTrue(stats.fsyncs() <= elapsed / LeaseFileWriter.BATCH_INTERVAL_NANOS + 1,
                    stats.fsyncs() + " fsyncs in " + elapsed / 1000 + " µs");
            assertTrue(stats.fsyncs() < stats.rowsWritten(), stats.toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void rowsQueuedDuringAnFsyncShareTheNextOne() throws Exception {
        AtomicBoolean holdNextForce = new AtomicBoolean(false);
        CountDownLatch forceEntered = new CountDownLatch(1);
        CountDownLatch releaseForce = new CountDownLatch(1);
        LeaseFileWriter.ChannelOpener slowDisk = ControlledChannel.opener(() -> {
            if (holdNextForce.getAndSet(false)) {
                forceEntered.countDown();
                awaitQuietly(releaseForce);
            }
        });
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0, slowDisk)) {
            holdNextForce.set(true);
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            writes.add(store.persist(lease(0)));
            assertTrue(forceEntered.await(30, TimeUnit.SECONDS));
            for (int i = 1; i < 768; i++) {
                writes.add(store.persist(lease(i)));
            }
            assertFalse(writes.get(0).isDone(), "completed before its fsync");
            releaseForce.countDown();
            await(writes);
            assertEquals(new MemfileLeaseStore4.Stats(768, 2, 0, 0), store.stats());
        }
        assertEquals(768, reload(leaseFile()).size());
    }

    @Test
    void aFailedFsyncFailsItsBatchAndLaterBatchesSucceed() throws Exception {
        AtomicBoolean diskFails = new AtomicBoolean(false);
        LeaseFileWriter.ChannelOpener flakyDisk = ControlledChannel.opener(() -> {
            if (diskFails.get()) {
                throw new IOException("simulated EIO");
            }
        });
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0, flakyDisk)) {
            diskFails.set(true);
            ExecutionException failed = assertThrows(ExecutionException.class, () -> store.persist(lease(1)).get());
            assertInstanceOf(IOException.class, failed.getCause());
            String reason = failed.getCause().getMessage();
            assertTrue(reason.contains("simulated EIO") && reason.contains(leaseFile().toString()), reason);
            diskFails.set(false);
            store.persist(lease(2)).get();
            store.persist(lease(3)).get();
            assertEquals(2, store.stats().rowsWritten());
        }
        Map<Integer, Lease4> loaded = reload(leaseFile());
        assertEquals(lease(2), loaded.get(lease(2).address()));
        assertEquals(lease(3), loaded.get(lease(3).address()));
        assertFalse(loaded.containsKey(lease(1).address()), "the failed write's row was cut back");
    }

    @Test
    void leasesNoFileCanHoldAreRefused() throws Exception {
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> store.persist(lease(1).withTimes(T0, 0)).get());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains(lease(1).addressText()), e.getCause().getMessage());
            assertEquals(0, store.stats().rowsWritten());
        }
    }

    @Test
    void aClosedStoreRefusesWrites() throws Exception {
        MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0);
        store.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> store.persist(lease(1)).get());
        assertInstanceOf(IOException.class, e.getCause());
        assertThrows(IOException.class, store::compact);
        store.close();
    }

    @Test
    void inMemoryStoreKeepsNothing() throws Exception {
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.inMemory()) {
            store.persist(lease(1)).get();
            store.remove(lease(1)).get();
            store.compact();
            assertTrue(store.loadAll().isEmpty());
            assertEquals(new MemfileLeaseStore4.Stats(0, 0, 0, 0), store.stats());
            assertTrue(store.persist(lease(1).withTimes(T0, 0)).isCompletedExceptionally());
        }
    }

    @Test
    void theTimerCompactsEveryInterval() throws Exception {
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 1)) {
            store.persist(lease(1)).get();
            store.persist(lease(1).withTimes(T0 + 60, 3600)).get();
            for (int i = 0; i < 600 && store.stats().compactions() == 0; i++) {
                Thread.sleep(100);
            }
            assertTrue(store.stats().compactions() > 0, "no compaction within a minute");
        }
        assertEquals(Map.of(lease(1).address(), lease(1).withTimes(T0 + 60, 3600)), reload(leaseFile()));
    }

    @Test
    void lfcIntervalOutsideKeasRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MemfileLeaseStore4.open(leaseFile(), -1));
        assertThrows(IllegalArgumentException.class, () -> MemfileLeaseStore4.open(leaseFile(), 1L << 32));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
