package dev.kakapo.server.config;

import dev.kakapo.coordinator.cql.CqlSettings;
import dev.kakapo.coordinator.sql.SqlSettings;
import java.nio.file.Path;

/**
 * {@code lease-database}: Kea's {@code memfile} lease file, an SQL database ({@code postgresql},
 * {@code mysql}) or a Cassandra keyspace ({@code cql}).
 *
 * @param type        Kea's {@code type}
 * @param file        memfile: lease file path ({@code name}); relative paths resolve against the config file's folder
 * @param persist     memfile: false keeps leases in memory only (Kea's {@code persist})
 * @param lfcInterval memfile: seconds between lease file compactions, 0 = never
 * @param sql         postgresql, mysql: where the database is and how to log in; null otherwise
 * @param cql         cql: the Cassandra cluster and keyspace; null otherwise
 */
public record LeaseDatabase(String type, Path file, boolean persist, long lfcInterval, SqlSettings sql, CqlSettings cql) {

    /** A memfile lease database. */
    public LeaseDatabase(String type, Path file, boolean persist, long lfcInterval) {
        this(type, file, persist, lfcInterval, null, null);
    }

    /** A PostgreSQL or MySQL lease database. */
    public static LeaseDatabase of(SqlSettings sql) {
        return new LeaseDatabase(sql.dialect().typeName(), null, true, 0, sql, null);
    }

    /** A Cassandra lease keyspace. */
    public static LeaseDatabase of(CqlSettings cql) {
        return new LeaseDatabase("cql", null, true, 0, null, cql);
    }

    /** Where the leases go, for logs: the database, the lease file, or "(memory)". */
    public String describe() {
        if (sql != null) {
            return type + ":" + sql.describe();
        }
        if (cql != null) {
            return "cql:" + cql.describe();
        }
        return persist ? file.toString() : "(memory)";
    }

    /** Whether the leases are in a database every node can reach (rather than in one node's file or memory). */
    public boolean shared() {
        return sql != null || cql != null;
    }
}
