package dev.kakapo.coordinator.sql;

import java.util.Objects;

/**
 * Where an SQL lease database is and how Kakapo writes to it (Kea's {@code lease-database} with
 * {@code type: postgresql} or {@code mysql}, plus Kakapo's write tuning).
 *
 * @param dialect               which database it is
 * @param host                  server name or address
 * @param port                  server TCP port ({@link SqlDialect#defaultPort()} usually)
 * @param databaseName          Kea's {@code name}
 * @param user                  login user (role)
 * @param password              the user's password; empty for none
 * @param connectTimeoutSeconds how long opening a connection may take before the store gives up
 *                              (and fails the changes waiting for it)
 * @param maxPoolSize           connections at most: one per writer, plus one for loading
 * @param batchLimit            changes committed in one transaction at most
 * @param writers               writer threads; each owns the leases whose key hashes to it, so
 *                              one lease's changes are written in the order they were made
 * @param oneTransactionPerLease commit every change in its own transaction on
 *                              {@code maxPoolSize - 1} writers instead of grouping them; only for
 *                              measuring what group commit gains
 */
public record SqlSettings(SqlDialect dialect, String host, int port, String databaseName, String user,
                          String password, int connectTimeoutSeconds, int maxPoolSize, int batchLimit, int writers,
                          boolean oneTransactionPerLease) {

    public SqlSettings {
        Objects.requireNonNull(dialect, "dialect");
        requireText(host, "host");
        requireText(databaseName, "databaseName");
        requireText(user, "user");
        password = password == null ? "" : password;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        if (connectTimeoutSeconds < 1) {
            throw new IllegalArgumentException("connectTimeoutSeconds " + connectTimeoutSeconds + " is below 1");
        }
        if (batchLimit < 1) {
            throw new IllegalArgumentException("batchLimit " + batchLimit + " is below 1");
        }
        if (writers < 1) {
            throw new IllegalArgumentException("writers " + writers + " is below 1");
        }
        if (maxPoolSize < writers + 1) {
            throw new IllegalArgumentException("maxPoolSize " + maxPoolSize + " leaves no connection for loading beside "
                    + writers + " writers; it must be at least " + (writers + 1));
        }
    }

    /** Kakapo's defaults: 5 s to connect, 2 writers grouping up to 1000 changes, 4 connections. */
    public static SqlSettings of(SqlDialect dialect, String host, int port, String databaseName, String user,
                                 String password) {
        return new SqlSettings(dialect, host, port, databaseName, user, password, 5, 4, 1000, 2, false);
    }

    public SqlSettings withPool(int newMaxPoolSize, int newWriters) {
        return new SqlSettings(dialect, host, port, databaseName, user, password, connectTimeoutSeconds, newMaxPoolSize,
                batchLimit, newWriters, oneTransactionPerLease);
    }

    public SqlSettings withBatchLimit(int newBatchLimit) {
        return new SqlSettings(dialect, host, port, databaseName, user, password, connectTimeoutSeconds, maxPoolSize,
                newBatchLimit, writers, oneTransactionPerLease);
    }

    public SqlSettings withConnectTimeoutSeconds(int seconds) {
        return new SqlSettings(dialect, host, port, databaseName, user, password, seconds, maxPoolSize, batchLimit,
                writers, oneTransactionPerLease);
    }

    public SqlSettings withOneTransactionPerLease(boolean enabled) {
        return new SqlSettings(dialect, host, port, databaseName, user, password, connectTimeoutSeconds, maxPoolSize,
                batchLimit, writers, enabled);
    }

    public String jdbcUrl() {
        return dialect.jdbcUrl(host, port, databaseName);
    }

    /** The database as messages name it: {@code database NAME on HOST:PORT}. */
    public String describe() {
        return "database " + databaseName + " on " + host + ":" + port;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SqlSettings[" + dialect.typeName() + " " + user + "@" + host + ":" + port + "/" + databaseName
                + ", connectTimeoutSeconds=" + connectTimeoutSeconds + ", maxPoolSize=" + maxPoolSize + ", batchLimit="
                + batchLimit + ", writers=" + writers + ", oneTransactionPerLease=" + oneTransactionPerLease + "]";
    }

    /** @throws IllegalArgumentException unless these settings are for {@code expected} */
    SqlSettings require(SqlDialect expected) {
        if (dialect != expected) {
            throw new IllegalArgumentException("these settings are for " + dialect.typeName() + ", not "
                    + expected.typeName());
        }
        return this;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }
}
