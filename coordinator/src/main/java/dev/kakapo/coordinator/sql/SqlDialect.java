package dev.kakapo.coordinator.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What differs between the SQL databases Kakapo keeps leases in: how to reach them, the upsert
 * that keeps the newest change, how {@code expire} travels, what Kea's column types can hold, and
 * which failures mean the connection is gone. Everything else ({@link SqlLeaseStore}, the
 * writers, the table mappings, {@link SqlSchema}) is shared.
 */
public enum SqlDialect {

    /** PostgreSQL with Kea's PostgreSQL tables (Kea schema 3.0). */
    POSTGRESQL("postgresql", 5432, 253_402_300_799L) {
        @Override
        String jdbcUrl(String host, int port, String databaseName) {
            return "jdbc:postgresql://" + bracketed(host) + ":" + port + "/" + databaseName;
        }

        @Override
        Map<String, Object> driverProperties(int connectTimeoutSeconds, int socketTimeoutSeconds) {
            return Map.of("connectTimeout", connectTimeoutSeconds, "socketTimeout", socketTimeoutSeconds,
                    "tcpKeepAlive", true, "ApplicationName", "kakapo");
        }

        /** {@code INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE change_seq <= EXCLUDED.change_seq}. */
        @Override
        String upsert(String table, List<String> columns, List<String> key) {
            String updates = columns.stream().filter(c -> !key.contains(c))
                    .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            return insert(table, columns) + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + updates
                    + ", change_seq = EXCLUDED.change_seq WHERE " + table + ".change_seq <= EXCLUDED.change_seq";
        }

        @Override
        void bindExpire(PreparedStatement statement, int index, long unixSeconds) throws SQLException {
            statement.setObject(index, OffsetDateTime.ofInstant(Instant.ofEpochSecond(unixSeconds), ZoneOffset.UTC));
        }

        @Override
        Long readExpire(ResultSet row, int column) throws SQLException {
            OffsetDateTime expire = row.getObject(column, OffsetDateTime.class);
            return expire == null ? null : expire.toEpochSecond();
        }

        @Override
        String tableExistsQuery(String table) {
            return "SELECT to_regclass('" + table + "') IS NOT NULL";
        }

        @Override
        boolean isConnectionLoss(String sqlState) {
            // 08: connection exception; 57P: the server is shutting down or was stopped.
            return sqlState.startsWith("08") || sqlState.startsWith("57P");
        }
    },

    /**
     * MySQL 8 or MariaDB with Kea's MySQL tables (Kea schema 3.0), through MariaDB Connector/J,
     * which speaks to both. Sessions run in UTC, so {@code expire} is the same instant whatever the
     * server's time zone.
     */
    MYSQL("mysql", 3306, Integer.MAX_VALUE) {
        @Override
        String jdbcUrl(String host, int port, String databaseName) {
            return "jdbc:mariadb://" + bracketed(host) + ":" + port + "/" + databaseName;
        }

        @Override
        Map<String, Object> driverProperties(int connectTimeoutSeconds, int socketTimeoutSeconds) {
            return Map.of("connectTimeout", connectTimeoutSeconds * 1000, "socketTimeout", socketTimeoutSeconds * 1000,
                    "tcpKeepAlive", true);
        }

        @Override
        String sessionSetup() {
            return "SET time_zone = '+00:00'";
        }

        @Override
        String transactionIsolation() {
            // InnoDB's default REPEATABLE READ locks gaps between keys on upsert; rows are all we need locked.
            return "TRANSACTION_READ_COMMITTED";
        }

        /**
         * {@code INSERT ... ON DUPLICATE KEY UPDATE col = IF(change_seq <= VALUES(change_seq),
         * VALUES(col), col)}: MySQL assigns left to right, so change_seq is assigned last and every
         * IF before it compares with the row's old number.
         */
        @Override
        String upsert(String table, List<String> columns, List<String> key) {
            String newer = "change_seq <= VALUES(change_seq)";
            String updates = columns.stream().filter(c -> !key.contains(c))
                    .map(c -> c + " = IF(" + newer + ", VALUES(" + c + "), " + c + ")")
                    .collect(Collectors.joining(", "));
            return insert(table, columns) + " ON DUPLICATE KEY UPDATE " + updates
                    + ", change_seq = IF(" + newer + ", VALUES(change_seq), change_seq)";
        }

        @Override
        String expireParameter() {
            return "FROM_UNIXTIME(?)";
        }

        @Override
        String expireColumn() {
            return "UNIX_TIMESTAMP(expire)";
        }

        @Override
        void bindExpire(PreparedStatement statement, int index, long unixSeconds) throws SQLException {
            statement.setLong(index, unixSeconds);
        }

        @Override
        Long readExpire(ResultSet row, int column) throws SQLException {
            long seconds = row.getLong(column);
            return row.wasNull() ? null : seconds;
        }

        @Override
        long firstExpire() {
            // TIMESTAMP starts at 1970-01-01 00:00:01 UTC; 0 is MySQL's "zero date".
            return 1;
        }

        @Override
        boolean textHoldsNul() {
            return true;
        }

        @Override
        int maxHwaddrOctets() {
            return 20;
        }

        @Override
        int maxIdentifierOctets() {
            return 128;
        }

        @Override
        boolean unsignedColumns() {
            return true;
        }

        @Override
        String tableExistsQuery(String table) {
            return "SELECT count(*) > 0 FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_name = '" + table + "'";
        }

        @Override
        boolean splitsScripts() {
            return true;
        }

        @Override
        boolean isConnectionLoss(String sqlState) {
            // 08: connection exception; 70100: the server killed the query (shutdown, KILL).
            return sqlState.startsWith("08") || sqlState.equals("70100");
        }
    };

    private final String typeName;
    private final int defaultPort;
    private final long lastExpire;

    SqlDialect(String typeName, int defaultPort, long lastExpire) {
        this.typeName = typeName;
        this.defaultPort = defaultPort;
        this.lastExpire = lastExpire;
    }

    /** Kea's {@code lease-database} type, which is also the database word of {@code kakapo admin}. */
    public String typeName() {
        return typeName;
    }

    /** The server's usual TCP port. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The {@code kakapo admin} command for this database, e.g. {@code kakapo admin db-init mysql}. */
    public String adminCommand(String command) {
        return "kakapo admin " + command + " " + typeName;
    }

    /** The last expire time (Unix seconds) Kea's {@code expire} column holds. */
    public long lastExpire() {
        return lastExpire;
    }

    abstract String jdbcUrl(String host, int port, String databaseName);

    /** The JDBC driver's connection properties. */
    abstract Map<String, Object> driverProperties(int connectTimeoutSeconds, int socketTimeoutSeconds);

    /** SQL run on every new connection of a lease store, or null. */
    String sessionSetup() {
        return null;
    }

    /** The isolation a lease store's connections use, as HikariCP names it; null for the server's default. */
    String transactionIsolation() {
        return null;
    }

    /**
     * Inserts a row, or updates every column but the key when the row holds an older or equal
     * change; parameters are the columns in order ({@link #expireParameter()} for expire), then change_seq.
     */
    abstract String upsert(String table, List<String> columns, List<String> key);

    /** The parameter expression {@link #bindExpire} binds. */
    String expireParameter() {
        return "?";
    }

    /** The select expression {@link #readExpire} reads. */
    String expireColumn() {
        return "expire";
    }

    abstract void bindExpire(PreparedStatement statement, int index, long unixSeconds) throws SQLException;

    /** Unix seconds, or null when the row has no expire time. */
    abstract Long readExpire(ResultSet row, int column) throws SQLException;

    /** The first expire time (Unix seconds) the column holds. */
    long firstExpire() {
        return 0;
    }

    /** Whether a text column can hold a NUL character (PostgreSQL's cannot). */
    boolean textHoldsNul() {
        return false;
    }

    /** Octets the {@code hwaddr} column holds at most. */
    int maxHwaddrOctets() {
        return Integer.MAX_VALUE;
    }

    /** Octets {@code client_id} and {@code duid} hold at most. */
    int maxIdentifierOctets() {
        return Integer.MAX_VALUE;
    }

    /**
     * Whether Kea's columns are UNSIGNED (MySQL). PostgreSQL has no unsigned types: Kea keeps
     * unsigned 32-bit values in BIGINT there, except the IAID, which it casts to a signed INT.
     */
    boolean unsignedColumns() {
        return false;
    }

    /** A query whose one boolean tells whether the table exists in the connection's database. */
    abstract String tableExistsQuery(String table);

    /**
     * Whether a schema script must be sent statement by statement: MySQL runs one statement per
     * call unless multi-statements are switched on for the whole connection.
     */
    boolean splitsScripts() {
        return false;
    }

    /** Whether the SQLSTATE says the connection is gone (server down, unreachable, shutting down). */
    abstract boolean isConnectionLoss(String sqlState);

    /** {@code INSERT INTO table (columns, change_seq) VALUES (...)}, the part both upserts share. */
    String insert(String table, List<String> columns) {
        String parameters = columns.stream().map(c -> c.equals("expire") ? expireParameter() : "?")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ", change_seq) VALUES (" + parameters + ", ?)";
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
