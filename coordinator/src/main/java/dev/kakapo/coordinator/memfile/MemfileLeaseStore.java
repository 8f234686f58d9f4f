package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.LeaseStore;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kea's memfile lease database for either address family: an append-only lease CSV file that Kea
 * itself can read, written with group commit and compacted in place by Kea's lease file cleanup
 * (LFC). {@link MemfileLeaseStore4} and {@link MemfileLeaseStore6} open it for each family.
 *
 * <p>Every change appends one row; a removal appends the lease with valid lifetime 0. Loading
 * replays the files in order (see {@link LeaseFileCompaction} for which ones). A file in another
 * Kea version's column layout is compacted into Kakapo's layout when opened, since rows of two
 * layouts cannot share one file.
 *
 * @param <L> the lease type, written in {@link LeaseRowFormat} {@code format}
 */
public class MemfileLeaseStore<L> implements LeaseStore<L> {

    /**
     * What the store has done since it was opened.
     *
     * @param rowsWritten    rows made durable in the current lease file
     * @param fsyncs         forces of the current lease file, one per batch of rows
     * @param badRowsSkipped unreadable rows skipped by {@link #loadAll()}, or dropped when the
     *                       store converted a file of another Kea version at opening
     * @param compactions    lease file compactions completed
     */
    public record Stats(long rowsWritten, long fsyncs, long badRowsSkipped, long compactions) {
    }


    private static final System.Logger LOG = System.getLogger(MemfileLeaseStore.class.getName());
    /** A first line longer than this is no lease file header. */
    private static final int HEADER_SEARCH_BYTES = 1 << 16;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final LeaseRowFormat<L> format;
    /** Null when leases are kept nowhere (Kea's {@code persist: false}); then so are the rest. */
    private final LeaseFileSet files;
    private final LeaseFileWriter writer;
    private final LeaseFileCompaction<L> compaction;
    private final ScheduledExecutorService compactionTimer;
    private final AtomicLong badRowsSkipped;

    private MemfileLeaseStore(LeaseRowFormat<L> format, LeaseFileSet files, LeaseFileWriter writer,
                              LeaseFileCompaction<L> compaction, ScheduledExecutorService compactionTimer) {
        this.format = format;
        this.files = files;
        this.writer = writer;
        this.compaction = compaction;
        this.compactionTimer = compactionTimer;
        this.badRowsSkipped = new AtomicLong();
    }

    /** For the family faces: the same store, opened by {@link #open} or {@link #inMemory}. */
    MemfileLeaseStore(MemfileLeaseStore<L> opened) {
        this.format = opened.format;
        this.files = opened.files;
        this.writer = opened.writer;
        this.compaction = opened.compaction;
        this.compactionTimer = opened.compactionTimer;
        this.badRowsSkipped = opened.badRowsSkipped;
    }

    /**
     * Opens the lease file (creating it, with its header, when missing), converting a file in
     * another Kea version's columns, and starts the compaction timer.
     *
     * @param lfcIntervalSeconds Kea's {@code lfc-interval}: seconds between compactions, 0 for none
     * @param opener             opens the current file for the writer
     */
    static <L> MemfileLeaseStore<L> open(Path leaseFile, long lfcIntervalSeconds, LeaseRowFormat<L> format,
                                         LeaseFileWriter.ChannelOpener opener) throws IOException {
        if (lfcIntervalSeconds < 0 || lfcIntervalSeconds > KeaCsv.MAX_UINT32) {
            throw new IllegalArgumentException("lfc-interval " + lfcIntervalSeconds + " is outside 0.." + KeaCsv.MAX_UINT32);
        }
        LeaseFileSet files = LeaseFileSet.of(leaseFile);
        LeaseFileCompaction<L> compaction = new LeaseFileCompaction<>(files, format);
        int badRowsDropped = prepareCurrentFile(files, format, compaction);
        LeaseFileWriter writer = new LeaseFileWriter(files, format.header(), opener);
        ScheduledExecutorService timer = null;
        if (lfcIntervalSeconds > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "kakapo-lfc-" + files.current().getFileName());
                thread.setDaemon(true);
                return thread;
            });
        }
        MemfileLeaseStore<L> store = new MemfileLeaseStore<>(format, files, writer, compaction, timer);
        store.badRowsSkipped.addAndGet(badRowsDropped);
        if (timer != null) {
            timer.scheduleWithFixedDelay(store::compactOnSchedule, lfcIntervalSeconds, lfcIntervalSeconds, TimeUnit.SECONDS);
        }
        return store;
    }

    /** Kea's {@code persist: false}: nothing is written anywhere and nothing is ever loaded. */
    static <L> MemfileLeaseStore<L> inMemory(LeaseRowFormat<L> format) {
        return new MemfileLeaseStore<>(format, null, null, null, null);
    }

    /**
     * Replays {@code .completed}, or else {@code .2} then {@code .1}, then the current file, and
     * then finishes the cleanup of a compaction a crash interrupted.
     *
     * @return the leases in the format's identity order
     * @throws IOException naming the file when one cannot be read or holds more than 100 bad rows
     */
    @Override
    public List<L> loadAll() throws IOException {
        if (files == null) {
            return List.of();
        }
        synchronized (compaction) {
            LeaseTable<L> leases = new LeaseTable<>(format);
            List<Path> order = new ArrayList<>();
            if (Files.exists(files.completed())) {
                order.add(files.completed());
            } else {
                order.add(files.compacted());
                order.add(files.rotated());
            }
            order.add(files.current());
            for (Path file : order) {
                if (Files.exists(file)) {
                    badRowsSkipped.addAndGet(LeaseFileReader.replay(file, format, leases, Level.WARNING));
                }
            }
            compaction.finishInterrupted();
            return leases.leases();
        }
    }

    /** Appends the lease's row; the future fails with IllegalArgumentException for a lease no file can hold. */
    @Override
    public CompletableFuture<Void> persist(L lease) {
        String row;
        try {
            row = format.liveRow(lease);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return writer == null ? DONE : writer.append(row);
    }

    /** Appends Kea's deletion marker for the lease: its row with valid lifetime 0. */
    @Override
    public CompletableFuture<Void> remove(L lease) {
        String row;
        try {
            row = format.deletionRow(lease);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return writer == null ? DONE : writer.append(row);
    }

    /** Runs one lease file compaction now; rows keep being written while it runs. */
    public void compact() throws IOException {
        if (compaction != null) {
            compaction.run(writer::rotateCurrentFile, Level.DEBUG);
        }
    }

    public Stats stats() {
        return new Stats(rowsWritten(), fsyncs(), badRowsSkipped(), compactions());
    }

    /** Rows made durable in the current lease file. */
    long rowsWritten() {
        return writer == null ? 0 : writer.rowsWritten();
    }

    /** Forces of the current lease file, one per batch of rows. */
    long fsyncs() {
        return writer == null ? 0 : writer.fsyncs();
    }

    /** Unreadable rows skipped by {@link #loadAll()}, or dropped when {@link #open} converted a file. */
    long badRowsSkipped() {
        return badRowsSkipped.get();
    }

    long compactions() {
        return compaction == null ? 0 : compaction.compactions();
    }

    /** Stops the compaction timer (letting a running compaction finish) and writes what is queued. */
    @Override
    public void close() throws IOException {
        if (files == null) {
            return;
        }
        if (compactionTimer != null) {
            compactionTimer.shutdown();
        }
        synchronized (compaction) {
            writer.close();
        }
    }

    /** The compaction procedure, so tests can interrupt it after any step. */
    LeaseFileCompaction<L> compaction() {
        return compaction;
    }

    private void compactOnSchedule() {
        try {
            compact();
        } catch (IOException e) {
            // A disk fault (full, read-only): one line, as each interval repeats it; the files are as before.
            LOG.log(Level.ERROR, "compacting lease file " + files.current() + " failed: " + e.getMessage()
                    + "; the lease files are unchanged, retrying at the next interval");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "compacting lease file " + files.current() + " failed; retrying at the next interval", e);
        }
    }

    /**
     * Readies the current file for appending Kakapo's rows. A file cut short before its header
     * line ended holds no rows and starts afresh; a file with another column layout (an older Kea,
     * or Kea 2.x and later with {@code user_context} and more) is compacted, which moves it to
     * {@code .1} and merges it into {@code .2} in Kakapo's layout.
     *
     * @return the unreadable rows a conversion dropped (each reported, as loading would)
     */
    private static <L> int prepareCurrentFile(LeaseFileSet files, LeaseRowFormat<L> format,
                                              LeaseFileCompaction<L> compaction) throws IOException {
        if (!Files.exists(files.current())) {
            return 0;
        }
        String header = firstLine(files.current());
        if (header == null) {
            try (FileChannel channel = FileChannel.open(files.current(), StandardOpenOption.WRITE)) {
                channel.truncate(0);
                channel.force(false);
            }
        } else if (!header.equals(format.header())) {
            LOG.log(Level.INFO, "lease file {0} has columns \"{1}\"; converting it to \"{2}\"",
                    files.current(), header, format.header());
            return compaction.run(moveCurrentAway -> moveCurrentAway.run(), Level.WARNING);
        }
        return 0;
    }

    /** The header line, or null when the file holds no complete first line. */
    private static String firstLine(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEADER_SEARCH_BYTES);
            for (int i = 0; i < head.length; i++) {
                if (head[i] == '\n') {
                    int end = i > 0 && head[i - 1] == '\r' ? i - 1 : i;
                    return new String(head, 0, end, StandardCharsets.ISO_8859_1);
                }
            }
            return head.length < HEADER_SEARCH_BYTES ? null : "";
        }
    }
}
