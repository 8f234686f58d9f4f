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
        while (true) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; if something does, keep serving until Close.
                continue;
            }
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

    /** One write, one fsync, then every future of the batch; on failure every future fails. */
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
            fsyncs.incrementAndGet();
            rowsWritten.addAndGet(batch.size());
        } catch (IOException | RuntimeException e) {
            IOException failure = e instanceof IOException io ? io
                    : new IOException("writing lease file " + files.current() + " failed", e);
            LOG.log(System.Logger.Level.ERROR, "writing " + batch.size() + " rows to lease file "
                    + files.current() + " failed; they are not durable", failure);
            // Reopening starts the next batch on a fresh line, after whatever part of this one landed.
            closeChannel();
            for (Append append : batch) {
                append.durable().completeExceptionally(failure);
            }
            return;
        }
        for (Append append : batch) {
            append.durable().complete(null);
        }
    }

    private void rotate(Rotate rotate) {
        closeChannel();
        try {
            rotate.moveCurrentAway().run();
        } catch (IOException | RuntimeException e) {
            rotate.done().completeExceptionally(e);
            return;
        }
        try {
            openCurrentFile();
        } catch (IOException e) {
            // The old file is safely moved; the next batch retries creating the new one.
            LOG.log(System.Logger.Level.ERROR, "creating lease file " + files.current() + " failed", e);
        }
        rotate.done().complete(null);
    }

    /**
     * Opens the current file when it is not open: a new (empty) file gets the header and is made
     * durable in its directory; a file whose last row was cut short gets a line end first, so
     * the next row does not run into it.
     */
    private void openCurrentFile() throws IOException {
        if (channel != null) {
            return;
        }
        FileChannel opened = opener.open(files.current());
        try {
            long size = opened.size();
            opened.position(size);
            if (size == 0) {
                ByteBuffer headerLine = ByteBuffer.wrap((header + "\n").getBytes(StandardCharsets.US_ASCII));
                while (headerLine.hasRemaining()) {
                    opened.write(headerLine);
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
                }
            }
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
