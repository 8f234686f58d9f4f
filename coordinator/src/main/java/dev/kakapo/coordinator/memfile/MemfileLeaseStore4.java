package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseStore4;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kea's memfile lease database for DHCPv4: an append-only lease4 CSV file that Kea itself can
 * read, written with group commit and compacted in place by Kea's lease file cleanup (LFC).
 *
 * <p>Every change appends one row; a removal appends the lease with valid lifetime 0. Loading
 * replays the files in order (see {@link LeaseFileCompaction} for which ones). A file in another
 * Kea version's column layout is compacted into Kakapo's layout when opened, since rows of two
 * layouts cannot share one file.
 */
public final class MemfileLeaseStore4 implements LeaseStore4 {

    /**
     * What the store has done since it was opened.
     *
     * @param rowsWritten    rows made durable in the current lease file
     * @param fsyncs         forces of the current lease file, one per batch of rows
     * @param badRowsSkipped unreadable rows skipped by {@link #loadAll()}, or dropped when
     *                       {@link #open} converted a file of another Kea version
     * @param compactions    lease file compactions completed
     */
    public record Stats(long rowsWritten, long fsyncs, long badRowsSkipped, long compactions) {
    }

    private static final System.Logger LOG = System.getLogger(MemfileLeaseStore4.class.getName());
    /** A first line longer than this is no lease4 header. */
    private static final int HEADER_SEARCH_BYTES = 1 << 16;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** Null when leases are kept nowhere (Kea's {@code persist: false}); then so are the rest. */
    private final LeaseFileSet files;
    private final LeaseFileWriter writer;
    private final LeaseFileCompaction compaction;
    private final ScheduledExecutorService compactionTimer;
    private final AtomicLong badRowsSkipped = new AtomicLong();

    private MemfileLeaseStore4(LeaseFileSet files, LeaseFileWriter writer, LeaseFileCompaction compaction,
                               ScheduledExecutorService compactionTimer) {
        this.files = files;
        this.writer = writer;
        this.compaction = compaction;
        this.compactionTimer = compactionTimer;
    }

    /**
     * Opens the lease file (creating it, with its header, when missing).
     *
     * @param lfcIntervalSeconds Kea's {@code lfc-interval}: seconds between compactions, 0 for none
     */
    public static MemfileLeaseStore4 open(Path leaseFile, long lfcIntervalSeconds) throws IOException {
        return open(leaseFile, lfcIntervalSeconds, LeaseFileWriter.APPEND_TO_FILE);
    }

    /** As {@link #open(Path, long)}, with the current file opened by {@code opener}. */
    static MemfileLeaseStore4 open(Path leaseFile, long lfcIntervalSeconds, LeaseFileWriter.ChannelOpener opener)
            throws IOException {
        if (lfcIntervalSeconds < 0 || lfcIntervalSeconds > Lease4Csv.MAX_UINT32) {
            throw new IllegalArgumentException("lfc-interval " + lfcIntervalSeconds + " is outside 0.." + Lease4Csv.MAX_UINT32);
        }
        LeaseFileSet files = LeaseFileSet.of(leaseFile);
        LeaseFileCompaction compaction = new LeaseFileCompaction(files);
        int badRowsDropped = prepareCurrentFile(files, compaction);
        LeaseFileWriter writer = new LeaseFileWriter(files, opener);
        ScheduledExecutorService timer = null;
        if (lfcIntervalSeconds > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "kakapo-lfc-" + files.current().getFileName());
                thread.setDaemon(true);
                return thread;
            });
        }
        MemfileLeaseStore4 store = new MemfileLeaseStore4(files, writer, compaction, timer);
        store.badRowsSkipped.addAndGet(badRowsDropped);
        if (timer != null) {
            timer.scheduleWithFixedDelay(store::compactOnSchedule, lfcIntervalSeconds, lfcIntervalSeconds, TimeUnit.SECONDS);
        }
        return store;
    }

    /** Kea's {@code persist: false}: nothing is written anywhere and nothing is ever loaded. */
    public static MemfileLeaseStore4 inMemory() {
        return new MemfileLeaseStore4(null, null, null, null);
    }

    /**
     * Replays {@code .completed}, or else {@code .2} then {@code .1}, then the current file, and
     * then finishes the cleanup of a compaction a crash interrupted.
     *
     * @return the leases in ascending address order
     * @throws IOException naming the file when one cannot be read or holds more than 100 bad rows
     */
    @Override
    public Collection<Lease4> loadAll() throws IOException {
        if (files == null) {
            return List.of();
        }
        synchronized (compaction) {
            SortedMap<Integer, Lease4> leases = new TreeMap<>(Ipv4::compare);
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
                    badRowsSkipped.addAndGet(LeaseFileReader.replay(file, leases, Level.WARNING));
                }
            }
            compaction.finishInterrupted();
            return List.copyOf(leases.values());
        }
    }

    /** Appends the lease's row; the future fails with IllegalArgumentException for a lease no file can hold. */
    @Override
    public CompletableFuture<Void> persist(Lease4 lease) {
        String row;
        try {
            row = Lease4Csv.liveRow(lease);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return writer == null ? DONE : writer.append(row);
    }

    /** Appends Kea's deletion marker for the lease: its row with valid lifetime 0. */
    @Override
    public CompletableFuture<Void> remove(Lease4 lease) {
        String row;
        try {
            row = Lease4Csv.deletionRow(lease);
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
        if (files == null) {
            return new Stats(0, 0, 0, 0);
        }
        return new Stats(writer.rowsWritten(), writer.fsyncs(), badRowsSkipped.get(), compaction.compactions());
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
    LeaseFileCompaction compaction() {
        return compaction;
    }

    private void compactOnSchedule() {
        try {
            compact();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "compacting lease file " + files.current() + " failed; retrying at the next interval", e);
        }
    }

    /**
     * Readies the current file for appending Kakapo's rows. A file cut short before its header
     * line ended holds no rows and starts afresh; a file with another column layout (Kea 1.0, or
     * Kea 2.x and later with {@code user_context,pool_id}) is compacted, which moves it to
     * {@code .1} and merges it into {@code .2} in Kakapo's layout.
     *
     * @return the unreadable rows a conversion dropped (each reported, as loading would)
     */
    private static int prepareCurrentFile(LeaseFileSet files, LeaseFileCompaction compaction) throws IOException {
        if (!Files.exists(files.current())) {
            return 0;
        }
        String header = firstLine(files.current());
        if (header == null) {
            try (FileChannel channel = FileChannel.open(files.current(), StandardOpenOption.WRITE)) {
                channel.truncate(0);
                channel.force(false);
            }
        } else if (!header.equals(Lease4Csv.HEADER)) {
            LOG.log(Level.INFO, "lease file {0} has columns \"{1}\"; converting it to \"{2}\"",
                    files.current(), header, Lease4Csv.HEADER);
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
