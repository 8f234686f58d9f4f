package dev.kakapo.coordinator.memfile;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that owns the current lease file. Callers queue rows; the thread takes everything
 * queued so far, appends it with one write, forces it to disk once, and only then completes the
 * callers' futures (group commit: many concurrent leases, few fsyncs).
 */
final class LeaseFileWriter {

    /** Opens the current lease file for reading and writing, creating it when missing. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    /** Not APPEND, which Java will not combine with READ: the writer positions at the end itself. */
    static final ChannelOpener APPEND_TO_FILE = file -> FileChannel.open(file,
            StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

    /** A file-system step run by the writer thread, between two batches. */
    @FunctionalInterface
    interface FileAction {
        void run() throws IOException;
    }

    /** Rows taken in one batch at most, so a flood of callers cannot grow one write without bound. */
    private static final int MAX_BATCH = 16_384;
    /**
     * The shortest time between the starts of two batches. Under load an fsync costs the machine
     * far more than the microseconds of a write (the device is kicked, the journal committed), so
     * a busy writer gathers two milliseconds of rows into one fsync instead of syncing each few
     * rows apart (at 5,000 leases a second this halved the writer's CPU per lease against one
     * millisecond); a row that comes after a quiet interval is written at once. A reply waits at
     * most this much longer.
     */
    static final long BATCH_INTERVAL_NANOS = 2_000_000;

    private static final System.Logger LOG = System.getLogger(LeaseFileWriter.class.getName());

    private sealed interface Command permits Append, Rotate, Close {
    }

    private record Append(byte[] row, CompletableFuture<Void> durable) implements Command {
    }

    private record Rotate(FileAction moveCurrentAway, CompletableFuture<Void> done) implements Command {
    }

    private record Close(CompletableFuture<Void> done) implements Command {
    }

    private final LeaseFileSet files;
    private final String header;
    private final ChannelOpener opener;
    private final LinkedBlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    private final Object admission = new Object();
    private final Thread thread;
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private boolean closed;
    private FileChannel channel;
    /**
     * Where the current file's last durable row ends, or -1 when not known (a file not yet
     * opened, or just rotated away). A failed write is cut back to it, so the file never keeps a
     * row whose caller was told it is not durable, nor a half row.
     */
    private long durableEnd = -1;
    /** Batches failed since the last one that was written; the first is logged loudly, the rest quietly. */
    private long failedBatches;
    private long failingSinceNanos;

    /**
     * Opens (or creates) the current lease file and starts the writer thread.
     *
     * @param header the header line (without line end) a new current file starts with
     */
    LeaseFileWriter(LeaseFileSet files, String header, ChannelOpener opener) throws IOException {
        this.files = files;
        this.header = header;
        this.opener = opener;
        openCurrentFile();
        thread = new Thread(this::run, "kakapo-lease-writer-" + files.current().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    long rowsWritten() {
        return rowsWritten.get();
    }

    long fsyncs() {
        return fsyncs.get();
    }

    /** Queues one row (ASCII, ending in '\n'); the future completes once it is on disk. */
    CompletableFuture<Void> append(String row) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        admit(new Append(row.getBytes(StandardCharsets.US_ASCII), durable), durable);
        return durable;
    }

    /**
     * Runs {@code moveCurrentAway} on the writer thread once every row queued before it is on
     * disk, with the current file closed; later rows go to a fresh current file. Blocks until done.
     */
    void rotateCurrentFile(FileAction moveCurrentAway) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        admit(new Rotate(moveCurrentAway, done), done);
        await(done);
    }

    /** Writes everything queued, closes the file and stops the thread. */
    void close() throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(new Close(done));
        }
        await(done);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing lease file " + files.current());
        }
    }

    private void admit(Command command, CompletableFuture<Void> outcome) {
        // Under the lock, so nothing can be queued behind Close and never be answered.
        synchronized (admission) {
            if (!closed) {
                queue.add(command);
                return;
            }
        }
        outcome.completeExceptionally(new IOException("lease file " + files.current() + " is closed"));
    }

    private static void await(CompletableFuture<Void> done) throws IOException {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the lease file writer");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    private void run() {
        List<Command> taken = new ArrayList<>();
        List<Append> batch = new ArrayList<>();
        long lastBatch = System.nanoTime() - BATCH_INTERVAL_NANOS;
        while (true) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; if something does, keep serving until Close.
                continue;
            }
            long wait;
            while ((wait = lastBatch + BATCH_INTERVAL_NANOS - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            lastBatch = System.nanoTime();
            queue.drainTo(taken, MAX_BATCH - 1);
            for (Command command : taken) {
                if (command instanceof Append append) {
                    batch.add(append);
                    continue;
                }
                commit(batch);
                batch.clear();
                if (command instanceof Rotate rotate) {
                    rotate(rotate);
                } else if (command instanceof Close close) {
                    closeChannel();
                    close.done().complete(null);
                    return;
                }
            }
            commit(batch);
            batch.clear();
            taken.clear();
        }
    }

    /**
     * One write, one fsync, then every future of the batch. On failure (a full disk, a file system
     * gone read-only) every future fails with an IOException naming the file and the reason, and
     * the file is cut back to its last durable row; the next batch tries again, so writing resumes
     * by itself once space returns.
     */
    private void commit(List<Append> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            openCurrentFile();
            int size = 0;
            for (Append append : batch) {
                size += append.row().length;
            }
            ByteBuffer rows = ByteBuffer.allocate(size);
            for (Append append : batch) {
                rows.put(append.row());
            }
            rows.flip();
            while (rows.hasRemaining()) {
                channel.write(rows);
            }
            channel.force(false);
            durableEnd += size;
            fsyncs.incrementAndGet();
            rowsWritten.addAndGet(batch.size());
        } catch (IOException | RuntimeException e) {
            IOException failure = new IOException("lease file " + files.current() + ": " + reason(e)
                    + "; " + batch.size() + " rows not written", e);
            reportFailure(failure);
            cutBackToDurableEnd();
            for (Append append : batch) {
                append.durable().completeExceptionally(failure);
            }
            return;
        }
        if (failedBatches > 0) {
            LOG.log(System.Logger.Level.INFO, "lease file {0} is written again, after {1} failed writes in {2} ms",
                    files.current(), failedBatches, (System.nanoTime() - failingSinceNanos) / 1_000_000);
            failedBatches = 0;
        }
        for (Append append : batch) {
            append.durable().complete(null);
        }
    }

    /** The operating system's reason ("No space left on device", "Read-only file system"). */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** One ERROR line when writes start failing; later failures of the same outage at DEBUG. */
    private void reportFailure(IOException failure) {
        if (failedBatches++ == 0) {
            failingSinceNanos = System.nanoTime();
            LOG.log(System.Logger.Level.ERROR, failure.getMessage()
                    + "; requests whose leases cannot be written get no answer until writing works again");
        } else {
            LOG.log(System.Logger.Level.DEBUG, failure.getMessage());
        }
    }

    /**
     * Drops whatever part of a failed batch landed, so neither a row of a lease nobody was promised
     * nor a half row stays in the file. When even that fails (a file system gone read-only) the
     * channel is closed and the next opening cuts the file back instead.
     */
    private void cutBackToDurableEnd() {
        if (channel != null && durableEnd >= 0) {
            try {
                if (channel.size() > durableEnd) {
                    channel.truncate(durableEnd);
                    channel.force(false);
                }
                channel.position(durableEnd);
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "cutting lease file " + files.current() + " back to "
                        + durableEnd + " bytes failed; retried when it is opened again: " + reason(e));
            }
        }
        closeChannel();
    }

    private void rotate(Rotate rotate) {
        closeChannel();
        try {
            rotate.moveCurrentAway().run();
        } catch (IOException | RuntimeException e) {
            rotate.done().completeExceptionally(e);
            return;
        }
        durableEnd = -1;
        try {
            openCurrentFile();
        } catch (IOException e) {
            // The old file is safely moved; the next batch retries creating the new one.
            LOG.log(System.Logger.Level.ERROR, "creating lease file " + files.current() + " failed", e);
        }
        rotate.done().complete(null);
    }

    /**
     * Opens the current file when it is not open. A new (empty) file, or one holding only part of
     * the header (a write that failed midway), gets the header and is made durable in its
     * directory. A file a failed write could not cut back is cut back now; a file whose last row
     * was cut short by a crash gets a line end first, so the next row does not run into it.
     */
    private void openCurrentFile() throws IOException {
        if (channel != null) {
            return;
        }
        FileChannel opened = opener.open(files.current());
        try {
            byte[] headerLine = (header + "\n").getBytes(StandardCharsets.US_ASCII);
            long size = opened.size();
            if (durableEnd >= 0 && size > durableEnd) {
                opened.truncate(durableEnd);
                opened.force(false);
                size = durableEnd;
            }
            if (size > 0 && size < headerLine.length && holdsHeaderPrefix(opened, headerLine, size)) {
                opened.truncate(0);
                size = 0;
            }
            opened.position(size);
            if (size == 0) {
                ByteBuffer headerBytes = ByteBuffer.wrap(headerLine);
                while (headerBytes.hasRemaining()) {
                    opened.write(headerBytes);
                }
                opened.force(false);
                files.syncDirectory();
            } else {
                ByteBuffer last = ByteBuffer.allocate(1);
                if (opened.read(last, size - 1) == 1 && last.get(0) != '\n') {
                    ByteBuffer lineEnd = ByteBuffer.wrap(new byte[] {'\n'});
                    while (lineEnd.hasRemaining()) {
                        opened.write(lineEnd);
                    }
                    opened.force(false);
                }
            }
            durableEnd = opened.position();
        } catch (IOException | RuntimeException e) {
            try {
                opened.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        channel = opened;
    }

    /** Whether the file's {@code size} bytes are the start of the header line: a header cut short. */
    private static boolean holdsHeaderPrefix(FileChannel file, byte[] headerLine, long size) throws IOException {
        ByteBuffer content = ByteBuffer.allocate((int) size);
        while (content.hasRemaining() && file.read(content, content.position()) > 0) {
            // read until the buffer is full or the file ends
        }
        for (int i = 0; i < content.position(); i++) {
            if (content.get(i) != headerLine[i]) {
                return false;
            }
        }
        return content.position() == size;
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing lease file " + files.current() + " failed", e);
        }
        channel = null;
    }
}
