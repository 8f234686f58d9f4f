package dev.kakapo.coordinator.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.lease.ToolChangeNumbers;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A lease store in Kea's SQL lease tables, for either address family: every change is an upsert
 * or a delete of the lease's row, written with group commit by a few writer threads, in any
 * {@link SqlDialect}. {@link PostgresLeaseStore4}, {@link PostgresLeaseStore6},
 * {@link MysqlLeaseStore4} and {@link MysqlLeaseStore6} open it for each database and family.
 *
 * <p>Several Kakapo nodes may write one database. Each row keeps the number of the change that
 * wrote it ({@code change_seq}, the lease block's change number), and a change numbered lower
 * than the row's is dropped, so a late write of an older change never replaces a newer one.
 * {@link #persist(Object)} and {@link #remove(Object)} without a number (lease import and other
 * tools, whose write must win) number the change from the clock the blocks count from: the
 * current time in microseconds, above any change a block made before it.
 *
 * <p>A deletion leaves no row behind, so an older persist arriving after a newer delete creates
 * the row again; the lease it holds then expires as any lease does.
 *
 * @param <L> the lease type, mapped by its {@link SqlLeaseTable}
 */
public class SqlLeaseStore<L> implements LeaseStore<L> {

    /**
     * What the store's writers have done since it was opened.
     *
     * @param changesCommitted   persists and removes committed (including ones a newer row outranked)
     * @param rowsWritten        rows inserted, updated or deleted by them
     * @param transactions       transactions committed
     * @param failedTransactions transactions that failed (their changes were retried alone, or failed)
     */
    public record Stats(long changesCommitted, long rowsWritten, long transactions, long failedTransactions) {
    }

    /** Rows fetched per round trip while loading. */
    private static final int FETCH_SIZE = 1000;
    /** Seconds a statement's reply may take before the connection counts as lost. */
    private static final int SOCKET_TIMEOUT_SECONDS = 60;

    private final SqlLeaseTable<L> table;
    private final HikariDataSource pool;
    private final String where;
    private final List<GroupCommitWriter<L>> writers;
    private final WriteCounters counters;
    private final ToolChangeNumbers toolChanges;

    private SqlLeaseStore(SqlLeaseTable<L> table, HikariDataSource pool, String where,
                          List<GroupCommitWriter<L>> writers, WriteCounters counters) {
        this.table = table;
        this.pool = pool;
        this.where = where;
        this.writers = writers;
        this.counters = counters;
        this.toolChanges = new ToolChangeNumbers();
    }

    /** For the family faces: the same store, opened by {@link #open}. */
    SqlLeaseStore(SqlLeaseStore<L> opened) {
        this.table = opened.table;
        this.pool = opened.pool;
        this.where = opened.where;
        this.writers = opened.writers;
        this.counters = opened.counters;
        this.toolChanges = opened.toolChanges;
    }

    /**
     * Connects, checks the schema and starts the writers.
     *
     * @throws IOException when the database cannot be reached, or does not hold Kakapo's schema
     *                     (the message names the {@code kakapo admin} command to run)
     */
    static <L> SqlLeaseStore<L> open(SqlSettings settings, SqlLeaseTable<L> table) throws IOException {
        HikariDataSource pool = connect(settings, "kakapo-" + table.name(), settings.maxPoolSize());
        try {
            SqlSchema.requireCurrent(settings.dialect(), pool, settings.describe());
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
        int writerCount = settings.oneTransactionPerLease() ? settings.maxPoolSize() - 1 : settings.writers();
        int batchLimit = settings.oneTransactionPerLease() ? 1 : settings.batchLimit();
        WriteCounters counters = new WriteCounters();
        List<GroupCommitWriter<L>> writers = new ArrayList<>();
        for (int i = 0; i < writerCount; i++) {
            writers.add(new GroupCommitWriter<>(table, settings.dialect(), pool, settings.describe(), batchLimit,
                    counters, "kakapo-" + table.name() + "-writer-" + i));
        }
        return new SqlLeaseStore<>(table, pool, settings.describe(), List.copyOf(writers), counters);
    }

    /**
     * A pool of connections that do not commit by themselves, set up as the dialect needs; the
     * host reservation store opens its pool the same way.
     *
     * @throws IOException naming the database when the first connection cannot be opened
     */
    public static HikariDataSource connect(SqlSettings settings, String poolName, int poolSize) throws IOException {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(Math.max(250, settings.connectTimeoutSeconds() * 1000L));
        // Every write is a transaction the writer commits; loading streams inside one too.
        config.setAutoCommit(false);
        SqlDialect dialect = settings.dialect();
        dialect.driverProperties(settings.connectTimeoutSeconds(), SOCKET_TIMEOUT_SECONDS)
                .forEach(config::addDataSourceProperty);
        config.setConnectionInitSql(dialect.sessionSetup());
        config.setTransactionIsolation(dialect.transactionIsolation());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IOException("cannot connect to " + settings.describe() + " as " + settings.user() + ": "
                    + rootMessage(e), e);
        }
    }

    /** Every row of the table, read in one transaction and streamed {@value #FETCH_SIZE} rows at a time. */
    @Override
    public List<L> loadAll() throws IOException {
        List<L> leases = new ArrayList<>();
        try (Connection connection = pool.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery(table.selectAllSql())) {
                    while (rows.next()) {
                        leases.add(table.read(rows));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("loading " + table.name() + " from " + where + " failed: " + e.getMessage(), e);
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
     * Upserts the lease's row unless it holds a change numbered above {@code changeSeq}; the
     * future fails with IllegalArgumentException for a lease the columns cannot hold, and with
     * IOException when the database does not take the change.
     */
    @Override
    public CompletableFuture<Void> persist(L lease, long changeSeq) {
        return write(lease, false, changeSeq);
    }

    /** Deletes the lease's row unless it holds a change numbered above {@code changeSeq}. */
    @Override
    public CompletableFuture<Void> remove(L lease, long changeSeq) {
        return write(lease, true, changeSeq);
    }

    public Stats stats() {
        return counters.snapshot();
    }

    /** Commits every queued change, stops the writers and disconnects. */
    @Override
    public void close() {
        for (GroupCommitWriter<L> writer : writers) {
            writer.close();
        }
        pool.close();
    }

    private CompletableFuture<Void> write(L lease, boolean removal, long changeSeq) {
        try {
            table.check(lease);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        int hash = table.keyHash(lease);
        hash ^= hash >>> 16;
        return writers.get(Math.floorMod(hash * 0x9E3779B9, writers.size())).write(lease, removal, changeSeq);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
