package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.memfile.LeaseFileCompaction.Step;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static dev.kakapo.coordinator.memfile.TestLeases.T0;
import static dev.kakapo.coordinator.memfile.TestLeases.filesBeside;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Kea's lease file cleanup, for the lease4 and the lease6 file alike. */
class LeaseFileCompactionTest {

    @TempDir
    Path dir;

    static Stream<LeaseFamily<?>> families() {
        return LeaseFamily.both();
    }

    static Stream<Arguments> familiesAndSteps() {
        return LeaseFamily.both().flatMap(family -> Arrays.stream(Step.values()).map(step -> Arguments.of(family, step)));
    }

    private Path leaseFile(LeaseFamily<?> family) {
        return dir.resolve(family.fileName());
    }

    private Path sibling(LeaseFamily<?> family, String suffix) {
        return dir.resolve(family.fileName() + suffix);
    }

    private static String header(LeaseFamily<?> family) {
        return family.format().header() + "\n";
    }

    /** Changes written to a store, and what the lease table must be afterwards. */
    private static final class History<L> {
        private final LeaseFamily<L> family;
        private final TreeMap<L, L> expected;
        private final List<CompletableFuture<Void>> writes = new ArrayList<>();

        History(LeaseFamily<L> family) {
            this.family = family;
            this.expected = new TreeMap<>(family.format().identityOrder());
        }

        /** The live leases in the order loading and compaction give them. */
        List<L> expected() {
            return List.copyOf(expected.values());
        }

        void persist(MemfileLeaseStore<L> store, L lease) {
            writes.add(store.persist(lease));
            expected.remove(lease);
            expected.put(lease, lease);
        }

        void remove(MemfileLeaseStore<L> store, L lease) {
            writes.add(store.remove(lease));
            expected.remove(lease);
        }

        /** New leases from..to-1, every third renewed twice, every fifth removed. */
        void churn(MemfileLeaseStore<L> store, int from, int to, long renewBase) {
            for (int i = from; i < to; i++) {
                persist(store, family.lease(i));
            }
            for (int i = from; i < to; i += 3) {
                persist(store, family.renewed(i, renewBase + i, 1800));
                persist(store, family.renewed(i, renewBase + 900 + i, 1800));
            }
            for (int i = from + 1; i < to; i += 5) {
                remove(store, family.lease(i));
            }
            TestLeases.await(writes);
            writes.clear();
        }

        /** The compacted file Kakapo must produce: the header and one row per live lease, in identity order. */
        String compactedText() {
            StringBuilder text = new StringBuilder(header(family));
            expected.values().forEach(lease -> text.append(family.format().liveRow(lease)));
            return text.toString();
        }
    }

    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(Step step) {
            super("crash after " + step);
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    <L> void compactionKeepsOneRowPerLiveLease(LeaseFamily<L> family) throws IOException {
        String file = family.fileName();
        History<L> history = new History<>(family);
        try (MemfileLeaseStore<L> store = family.open(dir)) {
            history.churn(store, 0, 100, T0 + 1000);
            store.compact();
            assertEquals(List.of(file, file + ".2"), filesBeside(leaseFile(family)));
            assertEquals(history.compactedText(), Files.readString(sibling(family, ".2")));
            assertEquals(header(family), Files.readString(leaseFile(family)));

            history.churn(store, 50, 160, T0 + 5000);
            store.compact();
            assertEquals(List.of(file, file + ".2"), filesBeside(leaseFile(family)));
            assertEquals(history.compactedText(), Files.readString(sibling(family, ".2")));
            assertEquals(2, store.compactions());
        }
        assertEquals(history.expected(), family.reload(dir));
    }

    @ParameterizedTest
    @MethodSource("families")
    <L> void rowsWrittenWhileCompactingAreKept(LeaseFamily<L> family) throws Exception {
        History<L> background = new History<>(family);
        try (MemfileLeaseStore<L> store = family.open(dir)) {
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
        assertEquals(background.expected(), family.reload(dir));
    }

    @ParameterizedTest
    @MethodSource("familiesAndSteps")
    <L> void aCrashAfterAnyStepLosesNoLease(LeaseFamily<L> family, Step crashStep) throws IOException {
        String file = family.fileName();
        History<L> history = new History<>(family);
        try (MemfileLeaseStore<L> store = family.open(dir)) {
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
        assertEquals(filesAfter(file, crashStep), filesBeside(leaseFile(family)));

        try (MemfileLeaseStore<L> store = family.open(dir)) {
            assertEquals(history.expected(), store.loadAll());
            assertEquals(0, store.badRowsSkipped());
            store.compact();
            assertEquals(List.of(file, file + ".2"), filesBeside(leaseFile(family)));
            assertEquals(history.compactedText(), Files.readString(sibling(family, ".2")));
        }
        assertEquals(history.expected(), family.reload(dir));
    }

    @ParameterizedTest
    @MethodSource("familiesAndSteps")
    <L> void aCompactionThatFailsAfterAnyStepIsCompletedByTheNext(LeaseFamily<L> family, Step failStep) throws IOException {
        String file = family.fileName();
        History<L> history = new History<>(family);
        try (MemfileLeaseStore<L> store = family.open(dir)) {
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
            assertEquals(List.of(file, file + ".2"), filesBeside(leaseFile(family)));
            assertEquals(history.compactedText(), Files.readString(sibling(family, ".2")));
        }
        assertEquals(history.expected(), family.reload(dir));
    }

    @ParameterizedTest
    @MethodSource("families")
    <L> void aPartialOutputLeftByACrashIsIgnoredAndDeleted(LeaseFamily<L> family) throws IOException {
        LeaseRowFormat<L> format = family.format();
        String file = family.fileName();
        L renewed = family.renewed(2, T0 + 600, 3600);
        Files.writeString(sibling(family, ".2"), header(family) + format.liveRow(family.lease(1)) + format.liveRow(family.lease(2)));
        Files.writeString(sibling(family, ".1"), header(family) + format.liveRow(renewed) + format.deletionRow(family.lease(1)));
        Files.writeString(sibling(family, ".output"), header(family) + format.liveRow(renewed).substring(0, 17));
        Files.writeString(leaseFile(family), header(family) + format.liveRow(family.lease(3)));
        try (MemfileLeaseStore<L> store = family.open(dir)) {
            assertEquals(List.of(renewed, family.lease(3)), store.loadAll());
            assertEquals(List.of(file, file + ".1", file + ".2"), filesBeside(leaseFile(family)));
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    <L> void aCompletedOutputIsLoadedInsteadOfItsInputsAndBecomesTheNewCompactedFile(LeaseFamily<L> family)
            throws IOException {
        LeaseRowFormat<L> format = family.format();
        String file = family.fileName();
        L renewed = family.renewed(2, T0 + 600, 3600);
        String completed = header(family) + format.liveRow(renewed);
        // .2 is already deleted; .1 (merged into .completed) is still there.
        Files.writeString(sibling(family, ".1"), header(family) + format.liveRow(renewed) + format.deletionRow(family.lease(1)));
        Files.writeString(sibling(family, ".completed"), completed);
        Files.writeString(leaseFile(family), header(family) + format.liveRow(family.lease(3)));
        try (MemfileLeaseStore<L> store = family.open(dir)) {
            assertEquals(List.of(renewed, family.lease(3)), store.loadAll());
            assertEquals(List.of(file, file + ".2"), filesBeside(leaseFile(family)));
            assertEquals(completed, Files.readString(sibling(family, ".2")));
        }
    }

    private static List<String> filesAfter(String file, Step step) {
        return switch (step) {
            case ROTATED -> List.of(file + ".1", file + ".2");
            case CURRENT_REOPENED -> List.of(file, file + ".1", file + ".2");
            case OUTPUT_WRITTEN -> List.of(file, file + ".1", file + ".2", file + ".output");
            case OUTPUT_COMPLETED -> List.of(file, file + ".1", file + ".2", file + ".completed");
            case COMPACTED_REMOVED -> List.of(file, file + ".1", file + ".completed");
            case ROTATED_REMOVED -> List.of(file, file + ".completed");
            case FINISHED -> List.of(file, file + ".2");
        };
    }
}
