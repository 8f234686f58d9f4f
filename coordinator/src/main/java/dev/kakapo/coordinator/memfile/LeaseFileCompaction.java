package dev.kakapo.coordinator.memfile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Kea's lease file cleanup (LFC), run inside Kakapo with Kea's file names and order of steps, so a
 * crash at any moment leaves files from which both Kakapo and Kea recover every lease:
 * <ol>
 *   <li>the current file becomes {@code .1} and appending continues in a fresh current file
 *       (as in Kea, never over a {@code .1} or {@code .completed} left by an interrupted run:
 *       those are merged and finished first);</li>
 *   <li>{@code .2} then {@code .1} are replayed, and one row per live lease goes to
 *       {@code .output}, which is forced to disk and renamed {@code .completed};</li>
 *   <li>{@code .2} and {@code .1} are deleted and {@code .completed} becomes the new {@code .2}.</li>
 * </ol>
 * Loading reads {@code .completed} if present, else {@code .2} then {@code .1}, then always the
 * current file; a row replayed twice changes nothing, so every intermediate state loads whole.
 *
 * @param <L> the lease type of the file's {@link LeaseRowFormat}
 */
final class LeaseFileCompaction<L> {

    /** The moments after which a crash leaves a distinct set of files. */
    enum Step {
        /** The current file is now {@code .1}; no fresh current file yet. */
        ROTATED,
        /** A fresh current file takes new rows. */
        CURRENT_REOPENED,
        /** {@code .output} holds the merged leases and is on disk. */
        OUTPUT_WRITTEN,
        /** {@code .output} is renamed {@code .completed}. */
        OUTPUT_COMPLETED,
        /** The old {@code .2} is deleted. */
        COMPACTED_REMOVED,
        /** {@code .1} is deleted. */
        ROTATED_REMOVED,
        /** {@code .completed} is the new {@code .2}. */
        FINISHED
    }

    /** How the current file is moved away: through the writer, or directly before it starts. */
    @FunctionalInterface
    interface CurrentFileRotation {
        void rotate(LeaseFileWriter.FileAction moveCurrentAway) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(LeaseFileCompaction.class.getName());

    private final LeaseFileSet files;
    private final LeaseRowFormat<L> format;
    private final AtomicLong compactions = new AtomicLong();
    private volatile Consumer<Step> afterStep = step -> {
    };

    LeaseFileCompaction(LeaseFileSet files, LeaseRowFormat<L> format) {
        this.files = files;
        this.format = format;
    }

    long compactions() {
        return compactions.get();
    }

    /** Lets tests stop the procedure after a step, as a crash would. */
    void afterEachStep(Consumer<Step> hook) {
        afterStep = hook;
    }

    /**
     * Compacts everything written so far. A {@code .1} left by an interrupted run is merged first,
     * since Kea's procedure never rotates over it.
     *
     * @param badRowLevel how loudly to report each unreadable row dropped: quietly once the files
     *                    were loaded (which reported them), loudly when they never were
     * @return the number of unreadable rows dropped
     */
    synchronized int run(CurrentFileRotation rotation, Level badRowLevel) throws IOException {
        finishInterrupted();
        int badRows = 0;
        if (Files.exists(files.rotated())) {
            badRows += mergeRotatedIntoCompacted(badRowLevel);
        }
        rotation.rotate(() -> {
            if (Files.exists(files.current())) {
                files.rename(files.current(), files.rotated());
            }
            afterStep.accept(Step.ROTATED);
        });
        afterStep.accept(Step.CURRENT_REOPENED);
        badRows += mergeRotatedIntoCompacted(badRowLevel);
        compactions.incrementAndGet();
        return badRows;
    }

    private int mergeRotatedIntoCompacted(Level badRowLevel) throws IOException {
        LeaseTable<L> leases = new LeaseTable<>(format);
        int badRows = 0;
        if (Files.exists(files.compacted())) {
            badRows += LeaseFileReader.replay(files.compacted(), format, leases, badRowLevel);
        }
        if (Files.exists(files.rotated())) {
            badRows += LeaseFileReader.replay(files.rotated(), format, leases, badRowLevel);
        }
        writeOutput(leases);
        afterStep.accept(Step.OUTPUT_WRITTEN);
        files.rename(files.output(), files.completed());
        afterStep.accept(Step.OUTPUT_COMPLETED);
        finishCompleted();
        LOG.log(Level.INFO, "compacted lease file {0}: {1} leases{2}", files.current(), leases.size(),
                badRows == 0 ? "" : ", " + badRows + " bad rows dropped");
        return badRows;
    }

    /**
     * Completes what a crash interrupted: a finished output replaces {@code .2} and {@code .1}; a
     * partial {@code .output} is dropped (its inputs are still there).
     */
    synchronized void finishInterrupted() throws IOException {
        if (Files.exists(files.completed())) {
            finishCompleted();
        }
        if (Files.deleteIfExists(files.output())) {
            files.syncDirectory();
        }
    }

    private void finishCompleted() throws IOException {
        Files.deleteIfExists(files.compacted());
        afterStep.accept(Step.COMPACTED_REMOVED);
        Files.deleteIfExists(files.rotated());
        afterStep.accept(Step.ROTATED_REMOVED);
        files.syncDirectory();
        files.rename(files.completed(), files.compacted());
        afterStep.accept(Step.FINISHED);
    }

    /**
     * Writes {@code .output}. A failed write (a full disk) removes the partial output, which would
     * otherwise hold on to the space until the next run; {@code .2} and {@code .1} are untouched.
     */
    private void writeOutput(LeaseTable<L> leases) throws IOException {
        try {
            writeOutputFile(leases);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(files.output());
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void writeOutputFile(LeaseTable<L> leases) throws IOException {
        try (FileChannel channel = FileChannel.open(files.output(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            // Not closed itself: the channel must stay open until forced.
            Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.US_ASCII), 1 << 16);
            out.write(format.header());
            out.write('\n');
            for (L lease : leases.leases()) {
                out.write(format.liveRow(lease));
            }
            out.flush();
            channel.force(false);
        }
    }
}
