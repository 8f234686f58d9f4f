package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import static dev.kakapo.coordinator.memfile.TestLeases.lease6;
import static dev.kakapo.coordinator.memfile.TestLeases.reload6;
import static dev.kakapo.coordinator.memfile.TestLeases.renewed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemfileLeaseStore6Test {

    private static final String HEADER = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,"
            + "prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state\n";
    private static final String KEA_3_HEADER = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,"
            + "prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source,pool_id\n";

    private static final Octets DUID = Octets.parse("00:03:00:01:00:0c:29:00:00:01");
    private static final Ipv6Address SITE = Ipv6Address.parse("2001:db8:1::");

    @TempDir
    Path dir;

    private Path leaseFile() {
        return dir.resolve("kea-leases6.csv");
    }

    private static Lease6 address(String text, long cltt) {
        return new Lease6(Ipv6Address.parse(text), 128, LeaseType6.NA, DUID, 1, 1800, 3600, cltt, 1, false, false, "",
                Octets.EMPTY, LeaseState.DEFAULT);
    }

    private static Lease6 prefix(String text, int length, long cltt) {
        return new Lease6(Ipv6Address.parse(text), length, LeaseType6.PD, DUID, 2, 1800, 3600, cltt, 1, false, false, "",
                Octets.EMPTY, LeaseState.DEFAULT);
    }

    @Test
    void writesExactlyKeasHeaderAndRows() throws Exception {
        Lease6 address = new Lease6(SITE, 128, LeaseType6.NA, DUID, 0x8000_0001L, 1800, 3600, T0, 1, true, true,
                "pc,1&\u00e9", Octets.parse("00:0c:29:00:00:01"), LeaseState.DEFAULT);
        Lease6 prefix = new Lease6(SITE, 56, LeaseType6.PD, DUID, 7, 0, 7200, T0 + 5, -1, false, false, "",
                Octets.EMPTY, LeaseState.DEFAULT);
        Lease6 declined = new Lease6(Ipv6Address.parse("2001:db8:1::ff"), 128, LeaseType6.NA, Octets.parse("00"), 0,
                0, 86400, T0 + 9, 1, false, false, "", Octets.EMPTY, LeaseState.DECLINED);
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            assertTrue(store.loadAll().isEmpty());
            store.persist(address).get();
            store.persist(prefix).get();
            store.persist(declined).get();
            store.persist(renewed(address, T0 + 1800, 7200)).get();
            store.remove(prefix).get();
        }
        assertEquals(HEADER
                        + "2001:db8:1::,00:03:00:01:00:0c:29:00:00:01,3600,1700003600,1,1800,0,2147483649,128,1,1,"
                        + "pc&#x2c1&#x26&#xc3&#xa9,00:0c:29:00:00:01,0\n"
                        + "2001:db8:1::,00:03:00:01:00:0c:29:00:00:01,7200,1700007205,4294967295,0,2,7,56,0,0,,,0\n"
                        + "2001:db8:1::ff,00,86400,1700086409,1,0,0,0,128,0,0,,,1\n"
                        + "2001:db8:1::,00:03:00:01:00:0c:29:00:00:01,7200,1700009000,1,1800,0,2147483649,128,1,1,"
                        + "pc&#x2c1&#x26&#xc3&#xa9,00:0c:29:00:00:01,0\n"
                        + "2001:db8:1::,00:03:00:01:00:0c:29:00:00:01,0,1700000005,4294967295,0,2,7,56,0,0,,,0\n",
                Files.readString(leaseFile(), StandardCharsets.US_ASCII));
        // Removing the prefix left the address of the same text.
        assertEquals(List.of(renewed(address, T0 + 1800, 7200), declined), reload6(leaseFile()));
    }

    @Test
    void addressAndPrefixOfOneAddressTextLiveAndDieApart() throws Exception {
        TreeMap<Lease6, Lease6> expected = new TreeMap<>(Lease6Csv.FORMAT.identityOrder());
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                writes.add(store.persist(lease6(i)));
                expected.put(lease6(i), lease6(i));
            }
            await(writes);
            writes.clear();
            // Renew every address and remove every third prefix: their twins must not follow.
            for (int i = 0; i < 300; i += 2) {
                Lease6 renewal = renewed(lease6(i), T0 + 5000 + i, 7200);
                writes.add(store.persist(renewal));
                expected.put(renewal, renewal);
            }
            for (int i = 1; i < 300; i += 6) {
                writes.add(store.remove(lease6(i)));
                expected.remove(lease6(i));
            }
            Lease6 reclaimed = TestLeases.withState(lease6(3), LeaseState.EXPIRED_RECLAIMED);
            writes.add(store.persist(reclaimed));
            expected.put(reclaimed, reclaimed);
            await(writes);
            assertEquals(300 + 150 + 50 + 1, store.stats().rowsWritten());
        }
        List<Lease6> loaded = reload6(leaseFile());
        assertEquals(List.copyOf(expected.values()), loaded);
        assertEquals(300 - 50, loaded.size());
        assertEquals(150, loaded.stream().filter(lease -> lease.type() == LeaseType6.NA).count());

        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            assertEquals(loaded, List.copyOf(store.loadAll()));
            store.persist(lease6(1)).get();
            expected.put(lease6(1), lease6(1));
            store.compact();
        }
        assertEquals(List.copyOf(expected.values()), reload6(leaseFile()));
    }

    @Test
    void loadsAKea11LeaseFile() throws IOException {
        Files.writeString(leaseFile(), HEADER
                + "2001:db8:1::10,00:03:00:01:08:00:27:25:d3:f4,4000,1700004000,1,3000,0,1,128,1,1,client-a.example.org,08:00:27:25:d3:f4,0\n"
                + "2001:db8:1::11,00:03:00:01:08:00:27:25:d3:f5,4000,1700004001,1,3000,0,1,128,0,0,,,0\n"
                + "2001:db8:8:100::,00:03:00:01:08:00:27:25:d3:f4,4000,1700004000,1,3000,2,2,56,0,0,,,0\n"
                + "2001:db8:1::12,00,86400,1700086400,2,0,0,0,128,0,0,,,1\n"
                + "2001:db8:1::10,00:03:00:01:08:00:27:25:d3:f4,4000,1700006000,1,3000,0,1,128,1,1,client-a.example.org,08:00:27:25:d3:f4,0\n"
                + "2001:db8:1::11,00:03:00:01:08:00:27:25:d3:f5,0,1700000001,1,3000,0,1,128,0,0,,,0\n");
        List<Lease6> loaded;
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            loaded = List.copyOf(store.loadAll());
            assertEquals(0, store.stats().badRowsSkipped());
            assertEquals(0, store.stats().compactions());
        }
        assertEquals(List.of(
                new Lease6(Ipv6Address.parse("2001:db8:1::10"), 128, LeaseType6.NA,
                        Octets.parse("00:03:00:01:08:00:27:25:d3:f4"), 1, 3000, 4000, 1700002000, 1, true, true,
                        "client-a.example.org", Octets.parse("08:00:27:25:d3:f4"), LeaseState.DEFAULT),
                new Lease6(Ipv6Address.parse("2001:db8:1::12"), 128, LeaseType6.NA, Octets.parse("00"), 0, 0, 86400,
                        1700000000, 2, false, false, "", Octets.EMPTY, LeaseState.DECLINED),
                new Lease6(Ipv6Address.parse("2001:db8:8:100::"), 56, LeaseType6.PD,
                        Octets.parse("00:03:00:01:08:00:27:25:d3:f4"), 2, 3000, 4000, 1700000000, 1, false, false, "",
                        Octets.EMPTY, LeaseState.DEFAULT)), loaded);
    }

    @Test
    void loadsAndConvertsATodaysKeaLeaseFile() throws Exception {
        Files.writeString(leaseFile(), KEA_3_HEADER
                + "2001:db8:1::20,00:03:00:01:00:0c:29:00:00:20,3600,1700003600,3,1800,0,32,128,1,1,"
                + "caf&#xc3&#xa9&#x2c.example.org,00:0c:29:00:00:20,0,{ \"comment\": \"first&#x2c floor\" },1,2,0\n"
                + "2001:db8:1::20,00:03:00:01:00:0c:29:00:00:20,3600,1700003600,3,1800,2,33,64,0,0,,,2,,,,1\n"
                + "2001:db8:1::21,00:03:00:01:00:0c:29:00:00:21,3600,1700003600,3,1800,0,34,128,0,0,,,0,,,,0\n"
                + "2001:db8:1::21,00:03:00:01:00:0c:29:00:00:21,0,1700000000,3,1800,0,34,128,0,0,,,0,,,,0\n");
        List<Lease6> expected = List.of(
                new Lease6(Ipv6Address.parse("2001:db8:1::20"), 128, LeaseType6.NA,
                        Octets.parse("00:03:00:01:00:0c:29:00:00:20"), 32, 1800, 3600, 1700000000, 3, true, true,
                        "caf\u00e9,.example.org", Octets.parse("00:0c:29:00:00:20"), LeaseState.DEFAULT),
                new Lease6(Ipv6Address.parse("2001:db8:1::20"), 64, LeaseType6.PD,
                        Octets.parse("00:03:00:01:00:0c:29:00:00:20"), 33, 1800, 3600, 1700000000, 3, false, false,
                        "", Octets.EMPTY, LeaseState.EXPIRED_RECLAIMED));
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            assertEquals(expected, List.copyOf(store.loadAll()));
            assertEquals(1, store.stats().compactions());
            store.persist(lease6(5)).get();
        }
        // Rows of two column layouts never share a file: the Kea file became .2 in Kakapo's layout.
        assertEquals(List.of("kea-leases6.csv", "kea-leases6.csv.2"), TestLeases.filesBeside(leaseFile()));
        StringBuilder compacted = new StringBuilder(HEADER);
        expected.forEach(lease -> compacted.append(Lease6Csv.FORMAT.liveRow(lease)));
        assertEquals(compacted.toString(), Files.readString(dir.resolve("kea-leases6.csv.2")));
        assertEquals(HEADER + Lease6Csv.FORMAT.liveRow(lease6(5)), Files.readString(leaseFile()));
        // lease6(5) is the prefix 2001:db8:0:2::/64, which sorts first.
        List<Lease6> withNew = new ArrayList<>(expected);
        withNew.add(0, lease6(5));
        assertEquals(withNew, reload6(leaseFile()));
    }

    @Test
    void badRowsAreSkippedAndCounted() throws Exception {
        Lease6 third = lease6(3);
        Files.writeString(leaseFile(), HEADER
                + Lease6Csv.FORMAT.liveRow(lease6(1))
                + "not a lease\n"
                + "2001:db8::99,00:zz,3600,1700003600,1,1800,0,1,128,0,0,,,0\n"
                + "\n"
                + Lease6Csv.FORMAT.liveRow(lease6(2))
                + "2001:db8::98,00:01,3600,1700003600,1,1800,5,1,128,0,0,,,0\n"
                + Lease6Csv.FORMAT.liveRow(third).substring(0, 30));
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            assertEquals(List.of(lease6(1), lease6(2)), List.copyOf(store.loadAll()));
            assertEquals(4, store.stats().badRowsSkipped());
            // The next row starts on its own line after the cut-short one.
            store.persist(third).get();
        }
        assertEquals(List.of(lease6(1), lease6(2), third), reload6(leaseFile()));
    }

    @Test
    void aHundredBadRowsAreToleratedButNotMore() throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append(Lease6Csv.FORMAT.liveRow(lease6(1)));
        for (int i = 0; i < 100; i++) {
            text.append("2001:db8::").append(i).append(",garbage\n");
        }
        Files.writeString(leaseFile(), text);
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            assertEquals(1, store.loadAll().size());
            assertEquals(100, store.stats().badRowsSkipped());
        }
        Files.writeString(leaseFile(), text.append("one too many\n"));
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            IOException e = assertThrows(IOException.class, store::loadAll);
            assertTrue(e.getMessage().contains(leaseFile().toString()) && e.getMessage().contains("line 103"),
                    e.getMessage());
        }
    }

    @Test
    void aLease4FileGivenAsTheLease6FileIsRefusedNamingTheColumn() throws IOException {
        Files.writeString(leaseFile(), "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state\n"
                + "192.0.2.1,00:01,,60,160,1,0,0,,0\n");
        IOException e = assertThrows(IOException.class, () -> MemfileLeaseStore6.open(leaseFile(), 0));
        assertTrue(e.getMessage().contains(leaseFile().toString()) && e.getMessage().contains("'duid'"), e.getMessage());
    }

    @Test
    void concurrentPersistsShareFsyncs() throws Exception {
        int writes = 1000;
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<CompletableFuture<Void>>> submitted = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                int n = i % 600; // the rest renew unchanged
                submitted.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return store.persist(lease6(n));
                }, callers));
            }
            start.countDown();
            for (CompletableFuture<CompletableFuture<Void>> call : submitted) {
                call.get().get();
            }
            MemfileLeaseStore6.Stats stats = store.stats();
            assertEquals(writes, stats.rowsWritten());
            assertTrue(stats.fsyncs() < stats.rowsWritten(), stats.toString());
        } finally {
            callers.shutdown();
        }
        assertEquals(600, reload6(leaseFile()).size());
        assertEquals(writes + 1, Files.readAllLines(leaseFile()).size());
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
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0, slowDisk)) {
            holdNextForce.set(true);
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            writes.add(store.persist(lease6(0)));
            assertTrue(forceEntered.await(30, TimeUnit.SECONDS));
            for (int i = 1; i < 500; i++) {
                writes.add(store.persist(lease6(i)));
            }
            assertFalse(writes.get(0).isDone(), "completed before its fsync");
            releaseForce.countDown();
            await(writes);
            assertEquals(new MemfileLeaseStore6.Stats(500, 2, 0, 0), store.stats());
        }
        assertEquals(500, reload6(leaseFile()).size());
    }

    @Test
    void aFailedFsyncFailsItsBatchAndLaterBatchesSucceed() throws Exception {
        AtomicBoolean diskFails = new AtomicBoolean(false);
        LeaseFileWriter.ChannelOpener flakyDisk = ControlledChannel.opener(() -> {
            if (diskFails.get()) {
                throw new IOException("simulated EIO");
            }
        });
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0, flakyDisk)) {
            diskFails.set(true);
            ExecutionException failed = assertThrows(ExecutionException.class, () -> store.persist(lease6(1)).get());
            String reason = failed.getCause().getMessage();
            assertTrue(reason.contains("simulated EIO") && reason.contains(leaseFile().toString()), reason);
            diskFails.set(false);
            store.persist(lease6(2)).get();
            assertEquals(1, store.stats().rowsWritten());
        }
        assertTrue(reload6(leaseFile()).contains(lease6(2)));
        assertFalse(reload6(leaseFile()).contains(lease6(1)), "the failed write's row was cut back");
    }

    @Test
    void leasesNoFileCanHoldAreRefused() throws Exception {
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0)) {
            ExecutionException zero = assertThrows(ExecutionException.class,
                    () -> store.persist(renewed(lease6(1), T0, 0)).get());
            assertInstanceOf(IllegalArgumentException.class, zero.getCause());
            assertTrue(zero.getCause().getMessage().contains("IA_PD 2001:db8::/64"), zero.getCause().getMessage());
            Lease6 noDuid = new Lease6(SITE, 128, LeaseType6.NA, Octets.EMPTY, 1, 0, 60, T0, 1, false, false, "",
                    Octets.EMPTY, LeaseState.DEFAULT);
            ExecutionException empty = assertThrows(ExecutionException.class, () -> store.remove(noDuid).get());
            assertInstanceOf(IllegalArgumentException.class, empty.getCause());
            assertEquals(0, store.stats().rowsWritten());
        }
    }

    @Test
    void aClosedStoreRefusesWrites() throws Exception {
        MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 0);
        store.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> store.persist(lease6(1)).get());
        assertInstanceOf(IOException.class, e.getCause());
        assertThrows(IOException.class, store::compact);
        store.close();
    }

    @Test
    void inMemoryStoreKeepsNothing() throws Exception {
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.inMemory()) {
            store.persist(lease6(1)).get();
            store.remove(lease6(1)).get();
            store.compact();
            assertTrue(store.loadAll().isEmpty());
            assertEquals(new MemfileLeaseStore6.Stats(0, 0, 0, 0), store.stats());
            assertTrue(store.persist(renewed(lease6(1), T0, 0)).isCompletedExceptionally());
        }
        assertFalse(Files.exists(leaseFile()));
    }

    @Test
    void theTimerCompactsEveryInterval() throws Exception {
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(leaseFile(), 1)) {
            store.persist(address("2001:db8:1::1", T0)).get();
            store.persist(prefix("2001:db8:1::1", 127, T0)).get();
            store.persist(address("2001:db8:1::1", T0 + 60)).get();
            for (int i = 0; i < 600 && store.stats().compactions() == 0; i++) {
                Thread.sleep(100);
            }
            assertTrue(store.stats().compactions() > 0, "no compaction within a minute");
        }
        assertEquals(List.of(address("2001:db8:1::1", T0 + 60), prefix("2001:db8:1::1", 127, T0)), reload6(leaseFile()));
    }

    @Test
    void lfcIntervalOutsideKeasRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MemfileLeaseStore6.open(leaseFile(), -1));
        assertThrows(IllegalArgumentException.class, () -> MemfileLeaseStore6.open(leaseFile(), 1L << 32));
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
