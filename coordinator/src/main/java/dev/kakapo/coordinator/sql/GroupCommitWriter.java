package dev.kakapo.coordinator.sql;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One writer thread of a {@link SqlLeaseStore}. Callers queue changes; the thread takes
 * everything queued so far (up to the batch limit), writes it in one transaction with JDBC
 * batches, commits, and only then completes the callers' futures (group commit: many concurrent
 * leases, few commits). A failed transaction fails the futures of its changes and the writer
 * goes on with the next batch.
 */
final class GroupCommitWriter<L> {

    private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
    /** SQLSTATE 08006, connection_failure. */
    private static final String CONNECTION_FAILURE = "08006";

    private sealed interface Command permits Change, Close {
    }

    /** A persist ({@code removal} false) or a remove of one lease, numbered {@code seq}. */
    private record Change<L>(L lease, boolean removal, long seq, CompletableFuture<Void> durable) implements Command {
    }

    private record Close(CompletableFuture<Void> done) implements Command {
    }

    private final SqlLeaseTable<L> table;
    private final SqlDialect dialect;
    private final DataSource database;
    private final String where;
    private final int batchLimit;
    private final WriteCounters counters;
    private final LinkedBlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    private final Object admission = new Object();
    private final Comparator<Change<L>> keyOrder;
    private final Thread thread;
    private boolean closed;

    /**
     * Starts the writer thread.
     *
     * @param where names the database in messages
     */
    GroupCommitWriter(SqlLeaseTable<L> table, SqlDialect dialect, DataSource database, String where, int batchLimit,
                      WriteCounters counters, String threadName) {
        this.table = table;
        this.dialect = dialect;
        this.database = database;
        this.where = where;
        this.batchLimit = batchLimit;
        this.counters = counters;
        this.keyOrder = Comparator.comparing(Change::lease, table.keyOrder());
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one change; the future completes once it is committed, or fails with an IOException. */
    CompletableFuture<Void> write(L lease, boolean removal, long seq) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        // Under the lock, so nothing can be queued behind Close and never be answered.
        synchronized (admission) {
            if (!closed) {
                queue.add(new Change<>(lease, removal, seq, durable));
                return durable;
            }
        }
        durable.completeExceptionally(new IOException(table.name() + " store of " + where + " is closed"));
        return durable;
    }

    /** Commits everything queued, then stops the thread; waits for both. */
    void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(new Close(done));
        }
        done.join();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private void run() {
        List<Command> taken = new ArrayList<>();
        List<Change<L>> batch = new ArrayList<>();
        while (true) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; if something does, keep serving until Close.
                continue;
            }
            queue.drainTo(taken, batchLimit - 1);
            Close close = null;
            for (Command command : taken) {
                if (command instanceof Close c) {
                    close = c;
                } else {
                    batch.add((Change<L>) command);
                }
            }
            try {
                commit(batch);
            } catch (RuntimeException | Error e) {
                // A fault of Kakapo's own must not stop the writer: the batch fails, the next one runs.
                LOG.log(System.Logger.Level.ERROR, "writing " + batch.size() + " " + table.name() + " changes failed", e);
                for (Change<L> change : batch) {
                    change.durable().completeExceptionally(new IOException("writing " + table.describe(change.lease())
                            + " failed: " + e, e));
                }
            }
            batch.clear();
            taken.clear();
            if (close != null) {
                close.done().complete(null);
                return;
            }
        }
    }

    /**
     * Writes the batch in one transaction. When the database refuses it for a reason other than a
     * lost connection, each change is written alone, so one change the database refuses does not
     * fail the others.
     */
    private void commit(List<Change<L>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        // A stable sort keeps one lease's changes in order, and every writer of every node then
        // locks rows in key order, so two transactions cannot deadlock on each other's rows.
        batch.sort(keyOrder);
        try {
            long rows = writeInOneTransaction(batch);
            counters.committed(batch.size(), rows);
        } catch (SQLException | RuntimeException e) {
            counters.failed();
            if (batch.size() > 1 && !(e instanceof SQLException sql && isConnectionLoss(dialect, sql))) {
                LOG.log(System.Logger.Level.WARNING, "{0} refused a batch of {1} {2} changes ({3}); writing them one by one",
                        where, batch.size(), table.name(), e.getMessage());
                for (Change<L> change : batch) {
                    commit(new ArrayList<>(List.of(change)));
                }
                return;
            }
            String what = batch.size() == 1 ? table.describe(batch.get(0).lease())
                    : batch.size() + " " + table.name() + " changes";
            IOException failure = new IOException("writing " + what + " to " + where + " failed: " + e.getMessage(), e);
            LOG.log(System.Logger.Level.ERROR, failure.getMessage() + "; they are not durable");
            for (Change<L> change : batch) {
                change.durable().completeExceptionally(failure);
            }
            return;
        }
        for (Change<L> change : batch) {
            change.durable().complete(null);
        }
    }

    /** Runs the changes in order, consecutive changes of one kind as one JDBC batch; returns rows changed. */
    private long writeInOneTransaction(List<Change<L>> batch) throws SQLException {
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement upsert = connection.prepareStatement(table.upsertSql());
                 PreparedStatement delete = connection.prepareStatement(table.deleteSql())) {
                long rows = 0;
                PreparedStatement pending = null;
                for (Change<L> change : batch) {
                    PreparedStatement statement = change.removal() ? delete : upsert;
                    if (pending != null && pending != statement) {
                        rows += execute(pending);
                    }
                    if (change.removal()) {
                        table.bindDelete(statement, change.lease(), change.seq());
                    } else {
                        table.bindUpsert(statement, change.lease(), change.seq());
                    }
                    statement.addBatch();
                    pending = statement;
                }
                rows += execute(pending);
                connection.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } catch (AssertionError e) {
                // pgjdbc 42.7 raises this from executeBatch when the server closes the connection
                // mid-batch (it asks the closed connection for its auto-commit mode).
                SQLException lost = new SQLException("connection lost during the batch: " + e.getMessage(),
                        CONNECTION_FAILURE, e);
                rollback(connection, lost);
                throw lost;
            }
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    private static long execute(PreparedStatement statement) throws SQLException {
        long rows = 0;
        for (int count : statement.executeBatch()) {
            rows += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
        }
        return rows;
    }

    /** Whether the failure is the connection's (server down, unreachable, shutting down), not the data's. */
    static boolean isConnectionLoss(SqlDialect dialect, SQLException failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && dialect.isConnectionLoss(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof BatchUpdateException batch && batch.getNextException() != null) {
            return batch.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
