package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.memfile.LeaseFileCompaction.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static dev.kakapo.coordinator.memfile.TestLeases.T0;
import static dev.kakapo.coordinator.memfile.TestLeases.filesBeside;
import static dev.kakapo.coordinator.memfile.TestLeases.lease;
import static dev.kakapo.coordinator.memfile.TestLeases.reload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LeaseFileCompactionTest {

    private static final String HEADER = Lease4Csv.HEADER + "\n";
    private static final String FILE = "kea-leases4.csv";

    @TempDir
    Path dir;

    private Path leaseFile() {
        return dir.resolve(FILE);
    }

    private Path sibling(String suffix) {
        return dir.resolve(FILE + suffix);
    }

    /** Changes written to a store, and what the lease table must be afterwards. */
    private static final class History {
        final Map<Integer, Lease4> expected = new TreeMap<>(Ipv4::compare);
        private final List<CompletableFuture<Void>> writes = new ArrayList<>();

        void persist(MemfileLeaseStore4 store, Lease4 lease) {
            writes.add(store.persist(lease));
            expected.put(lease.address(), lease);
        }

        void remove(MemfileLeaseStore4 store, Lease4 lease) {
            writes.add(store.remove(lease));
            expected.remove(lease.address());
        }

        /** New leases from..to-1, every third renewed twice, every fifth removed. */
        void churn(MemfileLeaseStore4 store, int from, int to, long renewBase) {
            for (int i = from; i < to; i++) {
                persist(store, lease(i));
            }
            for (int i = from; i < to; i += 3) {
                persist(store, lease(i).withTimes(renewBase + i, 1800));
                persist(store, lease(i).withTimes(renewBase + 900 + i, 1800));
            }
            for (int i = from + 1; i < to; i += 5) {
                remove(store, lease(i));
            }
            TestLeases.await(writes);
            writes.clear();
        }

        /** The compacted file Kakapo must produce: the header and one row per live lease, by address. */
        String compactedText() {
            StringBuilder text = new StringBuilder(HEADER);
            expected.values().forEach(lease -> text.append(Lease4Csv.liveRow(lease)));
            return text.toString();
        }
    }

    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(Step step) {
            super("crash after " + step);
        }
    }

    @Test
    void compactionKeepsOneRowPerLiveLease() throws IOException {
        History history = new History();
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            history.churn(store, 0, 100, T0 + 1000);
            store.compact();
            assertEquals(List.of(FILE, FILE + ".2"), filesBeside(leaseFile()));
            assertEquals(history.compactedText(), Files.readString(sibling(".2")));
            assertEquals(HEADER, Files.readString(leaseFile()));

            history.churn(store, 50, 160, T0 + 5000);
            store.compact();
            assertEquals(List.of(FILE, FILE + ".2"), filesBeside(leaseFile()));
            assertEquals(history.compactedText(), Files.readString(sibling(".2")));
            assertEquals(2, store.stats().compactions());
        }
        assertEquals(history.expected, reload(leaseFile()));
    }

    @Test
    void rowsWrittenWhileCompactingAreKept() throws Exception {
        History background = new History();
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            Thread writer = new Thread(() -> {
                for (int round = 0; round < 10; round++) {
                    background.churn(store, 0, 200, T0 + round * 10_000L);
                }
            });
            writer.start();
            for (int i = 0; i < 5; i++) {
                store.compact();
            }
            writer.join();
        }
        assertEquals(background.expected, reload(leaseFile()));
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aCrashAfterAnyStepLosesNoLease(Step crashStep) throws IOException {
        History history = new History();
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            history.churn(store, 0, 120, T0 + 1000);
            store.compact();
            history.churn(store, 60, 200, T0 + 5000);
            store.compaction().afterEachStep(step -> {
                if (step == crashStep) {
                    throw new SimulatedCrash(step);
                }
            });
            assertThrows(SimulatedCrash.class, store::compact);
        }
        // The files exactly as the crash left them (closing only stops the idle writer).
        assertEquals(filesAfter(crashStep), filesBeside(leaseFile()));

        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertEquals(history.expected, TestLeases.byAddress(store.loadAll()));
            assertEquals(0, store.stats().badRowsSkipped());
            store.compact();
            assertEquals(List.of(FILE, FILE + ".2"), filesBeside(leaseFile()));
            assertEquals(history.compactedText(), Files.readString(sibling(".2")));
        }
        assertEquals(history.expected, reload(leaseFile()));
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aCompactionThatFailsAfterAnyStepIsCompletedByTheNext(Step failStep) throws IOException {
        History history = new History();
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            history.churn(store, 0, 120, T0 + 1000);
            store.compact();
            history.churn(store, 60, 200, T0 + 5000);
            store.compaction().afterEachStep(step -> {
                if (step == failStep) {
                    throw new SimulatedCrash(step);
                }
            });
            assertThrows(SimulatedCrash.class, store::compact);
            store.compaction().afterEachStep(step -> {
            });
            history.churn(store, 150, 260, T0 + 9000);
            store.compact();
            assertEquals(List.of(FILE, FILE + ".2"), filesBeside(leaseFile()));
            assertEquals(history.compactedText(), Files.readString(sibling(".2")));
        }
        assertEquals(history.expected, reload(leaseFile()));
    }

    @Test
    void aPartialOutputLeftByACrashIsIgnoredAndDeleted() throws IOException {
        Lease4 renewed = lease(2).withTimes(T0 + 600, 3600);
        Files.writeString(sibling(".2"), HEADER + Lease4Csv.liveRow(lease(1)) + Lease4Csv.liveRow(lease(2)));
        Files.writeString(sibling(".1"), HEADER + Lease4Csv.liveRow(renewed) + Lease4Csv.deletionRow(lease(1)));
        Files.writeString(sibling(".output"), HEADER + Lease4Csv.liveRow(renewed).substring(0, 17));
        Files.writeString(leaseFile(), HEADER + Lease4Csv.liveRow(lease(3)));
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertEquals(Map.of(renewed.address(), renewed, lease(3).address(), lease(3)),
                    TestLeases.byAddress(store.loadAll()));
            assertEquals(List.of(FILE, FILE + ".1", FILE + ".2"), filesBeside(leaseFile()));
        }
    }

    @Test
    void aCompletedOutputIsLoadedInsteadOfItsInputsAndBecomesTheNewCompactedFile() throws IOException {
        Lease4 renewed = lease(2).withTimes(T0 + 600, 3600);
        String completed = HEADER + Lease4Csv.liveRow(renewed);
        // .2 is already deleted; .1 (merged into .completed) is still there.
        Files.writeString(sibling(".1"), HEADER + Lease4Csv.liveRow(renewed) + Lease4Csv.deletionRow(lease(1)));
        Files.writeString(sibling(".completed"), completed);
        Files.writeString(leaseFile(), HEADER + Lease4Csv.liveRow(lease(3)));
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile(), 0)) {
            assertEquals(Map.of(renewed.address(), renewed, lease(3).address(), lease(3)),
                    TestLeases.byAddress(store.loadAll()));
            assertEquals(List.of(FILE, FILE + ".2"), filesBeside(leaseFile()));
            assertEquals(completed, Files.readString(sibling(".2")));
        }
    }

    private static List<String> filesAfter(Step step) {
        return switch (step) {
            case ROTATED -> List.of(FILE + ".1", FILE + ".2");
            case CURRENT_REOPENED -> List.of(FILE, FILE + ".1", FILE + ".2");
            case OUTPUT_WRITTEN -> List.of(FILE, FILE + ".1", FILE + ".2", FILE + ".output");
            case OUTPUT_COMPLETED -> List.of(FILE, FILE + ".1", FILE + ".2", FILE + ".completed");
            case COMPACTED_REMOVED -> List.of(FILE, FILE + ".1", FILE + ".completed");
            case ROTATED_REMOVED -> List.of(FILE, FILE + ".completed");
            case FINISHED -> List.of(FILE, FILE + ".2");
        };
    }
}
