package dev.kakapo.server.testing;

import dev.kakapo.coordinator.sql.MysqlServer;
import dev.kakapo.coordinator.sql.PostgresServer;
import dev.kakapo.coordinator.sql.SqlSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real SQL server holding host databases for the server tests: a new database with Kakapo's
 * schema per test, a connection to it, a login that may only SELECT from the host tables, and the
 * {@code hosts-database} keys that reach it.
 */
public abstract class HostDatabases {
    private static final String[] HOST_TABLES = {"hosts", "dhcp4_options", "dhcp6_options", "ipv6_reservations"};
    private static final AtomicInteger READERS = new AtomicInteger();
    private static HostDatabases postgres;

    /** An empty database with Kakapo's schema. */
    public abstract SqlSettings newDatabase() throws IOException;

    public abstract DataSource dataSource(SqlSettings settings);

    /** A login to {@code owner}'s database that may only SELECT from the host tables. */
    public SqlSettings selectOnlyLogin(SqlSettings owner) throws SQLException {
        String reader = "host_reader_" + READERS.incrementAndGet();
        try (Connection c = dataSource(owner).getConnection(); Statement s = c.createStatement()) {
            for (String statement : grantSelect(reader, owner.databaseName())) {
                s.execute(statement);
            }
        }
        return SqlSettings.of(owner.dialect(), owner.host(), owner.port(), owner.databaseName(), reader, "reader");
    }

    abstract String[] grantSelect(String reader, String database);

    /** The keys of a {@code hosts-database} entry that reach {@code settings}. */
    public static String keys(SqlSettings settings, boolean readOnly) {
        return String.format("\"type\": \"%s\", \"name\": \"%s\", \"host\": \"%s\", \"port\": %d, \"user\": \"%s\","
                        + " \"password\": \"%s\", \"readonly\": %s", settings.dialect().typeName(), settings.databaseName(),
                settings.host(), settings.port(), settings.user(), settings.password(), readOnly);
    }

    /** The embedded PostgreSQL server, started once for the test run and stopped when it ends. */
    public static synchronized HostDatabases postgres() throws IOException {
        if (postgres == null) {
            PostgresServer server = PostgresServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            postgres = new HostDatabases() {
                @Override
                public SqlSettings newDatabase() throws IOException {
                    return server.newDatabase(true);
                }

                @Override
                public DataSource dataSource(SqlSettings settings) {
                    return server.dataSource(settings.databaseName());
                }

                @Override
                String[] grantSelect(String reader, String database) {
                    return new String[] {"CREATE ROLE " + reader + " LOGIN PASSWORD 'reader'",
                            "GRANT SELECT ON " + String.join(", ", HOST_TABLES) + " TO " + reader};
                }
            };
        }
        return postgres;
    }

    /** Debian's MariaDB, as the e2e profile has it. */
    public static HostDatabases mysql() throws IOException {
        MysqlServer server = MysqlServer.shared();
        return new HostDatabases() {
            @Override
            public SqlSettings newDatabase() throws IOException {
                return server.newDatabase(true);
            }

            @Override
            public DataSource dataSource(SqlSettings settings) {
                return server.dataSource(settings.databaseName());
            }

            @Override
            String[] grantSelect(String reader, String database) {
                String[] statements = new String[1 + HOST_TABLES.length];
                statements[0] = "CREATE USER '" + reader + "'@'%' IDENTIFIED BY 'reader'";
                for (int i = 0; i < HOST_TABLES.length; i++) {
                    statements[1 + i] = "GRANT SELECT ON " + database + "." + HOST_TABLES[i] + " TO '" + reader + "'@'%'";
                }
                return statements;
            }
        };
    }
}
