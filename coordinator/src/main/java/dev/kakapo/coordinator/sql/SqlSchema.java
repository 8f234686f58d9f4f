package dev.kakapo.coordinator.sql;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Kakapo's SQL schema (the lease tables and, from version 2, the host reservation tables): what
 * {@code kakapo admin db-init}, {@code db-upgrade} and {@code db-version} do. The SQL is the files of {@code schema/postgresql} and
 * {@code schema/mysql}, packed as resources. PostgreSQL applies each file in one transaction, so a
 * failure leaves the database as it was; MySQL commits every table change on its own, so its
 * files put the statements that can fail on existing data first, and their statements can be run
 * again.
 *
 * <p>An upgrade is a chain of files, one per version step: a Kea 3.0 database takes
 * {@code upgrade-kea-3.0-to-1}, then every {@code upgrade-N-to-N+1} up to {@link #VERSION}.
 *
 * <p>The methods without a {@link SqlDialect} are PostgreSQL's.
 */
public final class SqlSchema {

    /** The schema version this Kakapo writes and reads. */
    public static final int VERSION = 2;
    /** The first version, which a Kea 3.0 database is upgraded to before the version steps. */
    static final int FIRST_VERSION = 1;
    /** The Kea schema version whose databases {@link #upgrade} takes over (Kea 1.1). */
    public static final int KEA_MAJOR = 3;

    private SqlSchema() {
    }

    /** {@link #init(SqlDialect, DataSource)} of a PostgreSQL database. */
    public static void init(DataSource database) throws IOException {
        init(SqlDialect.POSTGRESQL, database);
    }

    /** {@link #upgrade(SqlDialect, DataSource)} of a PostgreSQL database. */
    public static SchemaVersion upgrade(DataSource database) throws IOException {
        return upgrade(SqlDialect.POSTGRESQL, database);
    }

    /** {@link #version(SqlDialect, DataSource)} of a PostgreSQL database. */
    public static SchemaVersion version(DataSource database) throws IOException {
        return version(SqlDialect.POSTGRESQL, database);
    }

    /** {@link #init(SqlDialect, DataSource)} of the database the settings name, over one connection. */
    public static void init(SqlSettings settings) throws IOException {
        try (HikariDataSource database = adminConnection(settings)) {
            init(settings.dialect(), database);
        }
    }

    /** {@link #upgrade(SqlDialect, DataSource)} of the database the settings name, over one connection. */
    public static SchemaVersion upgrade(SqlSettings settings) throws IOException {
        try (HikariDataSource database = adminConnection(settings)) {
            return upgrade(settings.dialect(), database);
        }
    }

    /** {@link #version(SqlDialect, DataSource)} of the database the settings name, over one connection. */
    public static SchemaVersion version(SqlSettings settings) throws IOException {
        try (HikariDataSource database = adminConnection(settings)) {
            return version(settings.dialect(), database);
        }
    }

    /**
     * Creates Kakapo's tables (leases and host reservations) in an empty database.
     *
     * @throws IOException when the database already holds a lease schema, or the SQL fails
     */
    public static void init(SqlDialect dialect, DataSource database) throws IOException {
        SchemaVersion found = version(dialect, database);
        if (!found.isEmpty()) {
            throw new IOException("the database already holds a lease schema (" + found + "); "
                    + (found.isKeaOnly() ? "run `" + dialect.adminCommand("db-upgrade") + "` to take it over"
                    : "nothing to do"));
        }
        apply(dialect, database, createScript(dialect));
    }

    /**
     * Brings a database to {@link #VERSION}: a Kea 3.0 database gets Kakapo's additions (and keeps
     * its host reservations), an older Kakapo database the tables of each later version; one at
     * {@link #VERSION} already is left alone. PostgreSQL applies the whole chain in one transaction.
     *
     * @return the version the database had before
     * @throws IOException when the database is empty, holds a version Kakapo cannot upgrade, or the SQL fails
     */
    public static SchemaVersion upgrade(SqlDialect dialect, DataSource database) throws IOException {
        SchemaVersion found = version(dialect, database);
        if (found.isEmpty()) {
            throw new IOException("the database holds no lease schema; run `" + dialect.adminCommand("db-init")
                    + "` first");
        }
        if (found.kakapo() == VERSION) {
            return found;
        }
        if (found.kakapo() > VERSION) {
            throw new IOException("the database holds Kakapo schema " + found.kakapo()
                    + ", newer than this Kakapo's " + VERSION);
        }
        if (found.keaMajor() != KEA_MAJOR) {
            throw new IOException("the database holds Kea schema " + found.keaText() + "; Kakapo upgrades Kea "
                    + KEA_MAJOR + ".x (Kea 1.1) databases only");
        }
        apply(dialect, database, upgradeScripts(dialect, found.kakapo()));
        return found;
    }

    /** Which lease schema the database holds; {@link SchemaVersion#NONE} for an empty database. */
    public static SchemaVersion version(SqlDialect dialect, DataSource database) throws IOException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            int kakapo = 0;
            if (tableExists(dialect, statement, "kakapo_schema_version")) {
                try (ResultSet row = statement.executeQuery("SELECT max(version) FROM kakapo_schema_version")) {
                    kakapo = row.next() ? row.getInt(1) : 0;
                }
            }
            int major = 0;
            int minor = 0;
            if (tableExists(dialect, statement, "schema_version")) {
                try (ResultSet row = statement.executeQuery(
                        "SELECT version, minor FROM schema_version ORDER BY version DESC LIMIT 1")) {
                    if (row.next()) {
                        major = row.getInt(1);
                        minor = row.getInt(2);
                    }
                }
            }
            return new SchemaVersion(kakapo, major, minor);
        } catch (SQLException e) {
            throw new IOException("reading the lease schema version failed: " + e.getMessage(), e);
        }
    }

    /**
     * What a lease store checks when it opens: the database must hold schema {@link #VERSION}.
     *
     * @param where names the database in the message, e.g. {@link SqlSettings#describe()}
     * @throws IOException saying which {@code kakapo admin} command brings the database there
     */
    public static void requireCurrent(SqlDialect dialect, DataSource database, String where) throws IOException {
        SchemaVersion found = version(dialect, database);
        if (found.kakapo() == VERSION) {
            return;
        }
        String upgrade = dialect.adminCommand("db-upgrade");
        if (found.isEmpty()) {
            throw new IOException(where + " holds no lease tables; run `" + dialect.adminCommand("db-init")
                    + "` to create them");
        }
        if (found.isKeaOnly()) {
            throw new IOException(where + " holds Kea's lease schema " + found.keaText()
                    + "; run `" + upgrade + "` to add Kakapo's columns");
        }
        if (found.kakapo() < VERSION) {
            throw new IOException(where + " holds Kakapo lease schema " + found.kakapo()
                    + "; run `" + upgrade + "` to bring it to " + VERSION);
        }
        throw new IOException(where + " holds Kakapo lease schema " + found.kakapo() + ", newer than this Kakapo's "
                + VERSION + "; upgrade Kakapo");
    }

    /** The resource that creates schema {@link #VERSION}, e.g. {@code mysql/kakapo-mysql-2.sql}. */
    static String createScript(SqlDialect dialect) {
        return dialect.typeName() + "/kakapo-" + dialect.typeName() + "-" + VERSION + ".sql";
    }

    /**
     * The resources that bring a database at Kakapo schema {@code from} to {@link #VERSION}, in
     * order; {@code from} 0 is a Kea 3.0 database.
     */
    static List<String> upgradeScripts(SqlDialect dialect, int from) {
        String prefix = dialect.typeName() + "/kakapo-" + dialect.typeName() + "-upgrade-";
        List<String> scripts = new ArrayList<>();
        if (from == 0) {
            scripts.add(prefix + "kea-" + KEA_MAJOR + ".0-to-" + FIRST_VERSION + ".sql");
            from = FIRST_VERSION;
        }
        for (int version = from; version < VERSION; version++) {
            scripts.add(prefix + version + "-to-" + (version + 1) + ".sql");
        }
        return List.copyOf(scripts);
    }

    /** The text of one schema file as packed in the jar. */
    static String script(String resource) {
        try (InputStream in = SqlSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema file " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The statements of a MySQL script, each without its {@code ;}: splits at semicolons outside
     * quotes ({@code '}, {@code "}, {@code `}) and comments ({@code --}, {@code #}, {@code /* *\/}),
     * and drops comments-only pieces.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < script.length() && script.charAt(end) != c) {
                    end += script.charAt(end) == '\\' && c != '`' ? 2 : 1;
                }
                end = Math.min(end + 1, script.length());
                current.append(script, i, end);
                hasCode = true;
                i = end;
            } else if (script.startsWith("--", i) || c == '#') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
            } else if (script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? script.length() : end + 2;
                current.append(' ');
            } else if (c == ';') {
                if (hasCode) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
                hasCode = false;
                i++;
            } else {
                current.append(c);
                hasCode |= !Character.isWhitespace(c);
                i++;
            }
        }
        if (hasCode) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static HikariDataSource adminConnection(SqlSettings settings) throws IOException {
        return SqlLeaseStore.connect(settings, "kakapo-admin", 1);
    }

    private static boolean tableExists(SqlDialect dialect, Statement statement, String table) throws SQLException {
        try (ResultSet row = statement.executeQuery(dialect.tableExistsQuery(table))) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static void apply(SqlDialect dialect, DataSource database, String resource) throws IOException {
        apply(dialect, database, List.of(resource));
    }

    /** Applies the files in order, in one transaction where the database allows it (PostgreSQL). */
    private static void apply(SqlDialect dialect, DataSource database, List<String> resources) throws IOException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            String resource = resources.get(0);
            try (Statement statement = connection.createStatement()) {
                for (String one : resources) {
                    resource = one;
                    String sql = script(one);
                    for (String part : dialect.splitsScripts() ? statements(sql) : List.of(sql)) {
                        statement.execute(part);
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("applying " + resource.substring(resource.lastIndexOf('/') + 1) + " failed: "
                        + e.getMessage(), e.getSQLState(), e);
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
