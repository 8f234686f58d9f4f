package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.lease.ToolChangeNumbers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lease store in Kea's CQL lease tables in Cassandra, for either address family: every change
 * is one idempotent INSERT or DELETE of the lease's row, sent asynchronously; its future
 * completes when as many replicas as the configured consistency level asks for have acknowledged
 * it. {@link CqlLeaseStore4} and {@link CqlLeaseStore6} open it for each family.
 *
 * <p>Several Kakapo nodes may write one keyspace. Every write carries {@code USING TIMESTAMP} of
 * the change number (the lease block's change number, microseconds since the epoch or above), and
 * Cassandra keeps, cell by cell, the value with the highest timestamp: a late write of an older
 * change never replaces a newer one, and no lightweight transaction is needed. A deletion is a
 * tombstone with its change number, so an older persist arriving after it stays deleted too (for
 * as long as the table keeps tombstones, {@code gc_grace_seconds}).
 * {@link #persist(Object)} and {@link #remove(Object)} without a number (lease import and other
 * tools, whose write must win) number the change from the clock the blocks count from: the
 * current time in microseconds, strictly increasing within the store.
 *
 * <p>At most {@link CqlSettings#maxInFlightWrites()} writes are unacknowledged at a time; a caller
 * beyond that waits in {@code persist}/{@code remove} for one to finish (back-pressure). A write
 * that finds no node reachable is sent again as nodes come back, until the request timeout; then
 * its future fails with an IOException. Futures complete on the driver's I/O threads: dependent
 * actions must not block.
 *
 * @param <L> the lease type, mapped by its {@link CqlLeaseTable}
 */
public class CqlLeaseStore<L> implements LeaseStore<L> {

    /**
     * What the store has written since it was opened.
     *
     * @param writes       persists and removes acknowledged
     * @param failures     persists and removes whose future failed (not counting leases the columns cannot hold)
     * @param peakInFlight the most writes that were unacknowledged at one time
     */
    public record Stats(long writes, long failures, int peakInFlight) {
    }

    private static final System.Logger LOG = System.getLogger(CqlLeaseStore.class.getName());
    /** How long a write that found no reachable node waits before it is sent again. */
    private static final long RETRY_DELAY_MILLIS = 250;

    private final CqlLeaseTable<L> table;
    private final CqlSession session;
    private final String where;
    private final PreparedStatement selectAll;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private final int maxInFlight;
    private final long requestTimeoutNanos;
    /** One permit per write that may be in flight. */
    private final Semaphore permits;
    private final ScheduledExecutorService resend;
    private final AtomicLong writes;
    private final AtomicLong failures;
    private final AtomicInteger peakInFlight;
    private final ToolChangeNumbers toolChanges;
    private final AtomicBoolean closed;

    private CqlLeaseStore(CqlLeaseTable<L> table, CqlSession session, String where, PreparedStatement selectAll,
                          PreparedStatement upsert, PreparedStatement delete, int maxInFlight, long requestTimeoutNanos,
                          ScheduledExecutorService resend) {
        this.table = table;
        this.session = session;
        this.where = where;
        this.selectAll = selectAll;
        this.upsert = upsert;
        this.delete = delete;
        this.maxInFlight = maxInFlight;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.permits = new Semaphore(maxInFlight);
        this.resend = resend;
        this.writes = new AtomicLong();
        this.failures = new AtomicLong();
        this.peakInFlight = new AtomicInteger();
        this.toolChanges = new ToolChangeNumbers();
        this.closed = new AtomicBoolean();
    }

    /** For the family faces: the same store, opened by {@link #open}. */
    CqlLeaseStore(CqlLeaseStore<L> opened) {
        this.table = opened.table;
        this.session = opened.session;
        this.where = opened.where;
        this.selectAll = opened.selectAll;
        this.upsert = opened.upsert;
        this.delete = opened.delete;
        this.maxInFlight = opened.maxInFlight;
        this.requestTimeoutNanos = opened.requestTimeoutNanos;
        this.permits = opened.permits;
        this.resend = opened.resend;
        this.writes = opened.writes;
        this.failures = opened.failures;
        this.peakInFlight = opened.peakInFlight;
        this.toolChanges = opened.toolChanges;
        this.closed = opened.closed;
    }

    /**
     * Connects, checks the schema and prepares the statements.
     *
     * @throws IOException when the cluster cannot be reached, or the keyspace does not hold Kakapo's
     *                     schema (the message names the {@code kakapo admin} command to run)
     */
    static <L> CqlLeaseStore<L> open(CqlSettings settings, CqlLeaseTable<L> table) throws IOException {
        CqlSession session = CqlConnection.open(settings, false);
        try {
            CqlSchema.requireCurrent(session, settings.keyspace(), settings.describe());
            String keyspace = settings.keyspace();
            PreparedStatement selectAll = session.prepare(table.selectAllCql(keyspace));
            PreparedStatement upsert = session.prepare(table.upsertCql(keyspace));
            PreparedStatement delete = session.prepare(table.deleteCql(keyspace));
            ScheduledExecutorService resend = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "kakapo-" + table.name() + "-cql-resend");
                thread.setDaemon(true);
                return thread;
            });
            return new CqlLeaseStore<>(table, session, settings.describe(), selectAll, upsert, delete,
                    settings.maxInFlightWrites(), TimeUnit.SECONDS.toNanos(settings.requestTimeoutSeconds()), resend);
        } catch (IOException | RuntimeException e) {
            session.close();
            if (e instanceof DriverException) {
                throw new IOException("preparing the " + table.name() + " statements in " + settings.describe()
                        + " failed: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Every row of the table, paged {@value CqlConnection#PAGE_SIZE} rows at a time over the whole token range. */
    @Override
    public List<L> loadAll() throws IOException {
        List<L> leases = new ArrayList<>();
        try {
            for (Row row : session.execute(selectAll.bind())) {
                leases.add(table.read(row));
            }
        } catch (DriverException e) {
            throw new IOException("loading " + table.name() + " from " + where + " failed: "
                    + e.getMessage(), e);
        }
        return leases;
    }

    /** Writes the lease's row numbered from the clock, so it replaces whatever the row holds. */
    @Override
    public CompletableFuture<Void> persist(L lease) {
        return persist(lease, toolChanges.next());
    }

    /** Deletes the lease's row, numbered from the clock, so it deletes whatever the row holds. */
    @Override
    public CompletableFuture<Void> remove(L lease) {
        return remove(lease, toolChanges.next());
    }

    /**
     * Writes the lease's row with timestamp {@code changeSeq}; the future fails with
     * IllegalArgumentException for a lease the columns cannot hold, and with IOException when the
     * cluster does not acknowledge the write in time.
     */
    @Override
    public CompletableFuture<Void> persist(L lease, long changeSeq) {
        return write(lease, false, changeSeq);
    }

    /** Deletes the lease's row with timestamp {@code changeSeq}: values written with lower numbers are gone. */
    @Override
    public CompletableFuture<Void> remove(L lease, long changeSeq) {
        return write(lease, true, changeSeq);
    }

    public Stats stats() {
        return new Stats(writes.get(), failures.get(), peakInFlight.get());
    }

    /** Waits for every write in flight to be acknowledged or to fail, then disconnects. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Every write in flight holds a permit until it ends, at the latest about twice the request timeout.
        permits.acquireUninterruptibly(maxInFlight);
        resend.shutdownNow();
        session.close();
    }

    private CompletableFuture<Void> write(L lease, boolean removal, long changeSeq) {
        try {
            table.check(lease);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedException());
        }
        long deadline = System.nanoTime() + requestTimeoutNanos;
        try {
            if (!permits.tryAcquire(requestTimeoutNanos, TimeUnit.NANOSECONDS)) {
                failures.incrementAndGet();
                return CompletableFuture.failedFuture(closed.get() ? closedException() : new IOException(
                        table.describe(lease) + ": " + maxInFlight + " writes to " + where
                                + " stayed unacknowledged for the whole request timeout"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new IOException(table.describe(lease)
                    + ": interrupted while waiting for a write to " + where + " to finish", e));
        }
        int inFlight = maxInFlight - permits.availablePermits();
        peakInFlight.accumulateAndGet(inFlight, Math::max);
        BoundStatement statement = removal
                ? table.bindDelete(delete, lease, changeSeq)
                : table.bindUpsert(upsert, lease, changeSeq);
        // Sending it twice writes the same cells with the same timestamp: the driver may retry it.
        statement = statement.setIdempotent(true);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        send(statement, lease, deadline, acknowledged);
        return acknowledged;
    }

    private void send(BoundStatement statement, L lease, long deadline, CompletableFuture<Void> acknowledged) {
        CompletionStage<AsyncResultSet> reply;
        try {
            reply = session.executeAsync(statement);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((result, error) -> {
            if (error == null) {
                writes.incrementAndGet();
                permits.release();
                acknowledged.complete(null);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            // No node reachable (restarting, network cut): try again while the request timeout lasts.
            if (cause instanceof AllNodesFailedException
                    && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_DELAY_MILLIS) < deadline) {
                try {
                    resend.schedule(() -> send(statement, lease, deadline, acknowledged), RETRY_DELAY_MILLIS,
                            TimeUnit.MILLISECONDS);
                    return;
                } catch (RuntimeException rejected) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot schedule a resend", rejected);
                }
            }
            failures.incrementAndGet();
            permits.release();
            acknowledged.completeExceptionally(new IOException(table.describe(lease) + ": writing to "
                    + where + " failed: " + cause.getMessage(), cause));
        });
    }

    private IOException closedException() {
        return new IOException(table.name() + " store of " + where + " is closed");
    }
}
