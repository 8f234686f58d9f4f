package dev.kakapo.coordinator.sql;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Kakapo's PostgreSQL lease schema: what {@code kakapo admin db-init}, {@code db-upgrade} and
 * {@code db-version} do. The SQL is the files of {@code schema/postgresql}, packed as resources,
 * each applied in one transaction so a failure leaves the database as it was.
 */
public final class SqlSchema {

    /** The schema version this Kakapo writes and reads. */
    public static final int VERSION = 1;
    /** The Kea schema version whose databases {@link #upgrade} takes over (Kea 1.1). */
    public static final int KEA_MAJOR = 3;

    private static final String CREATE = "postgresql/kakapo-postgresql-1.sql";
    private static final String UPGRADE_FROM_KEA = "postgresql/kakapo-postgresql-upgrade-kea-3.0-to-1.sql";

    private SqlSchema() {
    }

    /**
     * Creates Kakapo's lease tables in an empty database.
     *
     * @throws IOException when the database already holds a lease schema, or the SQL fails
     */
    public static void init(DataSource database) throws IOException {
        SchemaVersion found = version(database);
        if (!found.isEmpty()) {
            throw new IOException("the database already holds a lease schema (" + found + "); "
                    + (found.isKeaOnly() ? "run `kakapo admin db-upgrade postgresql` to take it over" : "nothing to do"));
        }
        apply(database, CREATE);
    }

    /**
     * Brings a database to {@link #VERSION}: a Kea 3.0 database gets Kakapo's additions; one at
     * {@link #VERSION} already is left alone.
     *
     * @return the version the database had before
     * @throws IOException when the database is empty, holds a version Kakapo cannot upgrade, or the SQL fails
     */
    public static SchemaVersion upgrade(DataSource database) throws IOException {
        SchemaVersion found = version(database);
        if (found.isEmpty()) {
            throw new IOException("the database holds no lease schema; run `kakapo admin db-init postgresql` first");
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
        apply(database, UPGRADE_FROM_KEA);
        return found;
    }

    /** Which lease schema the database holds; {@link SchemaVersion#NONE} for an empty database. */
    public static SchemaVersion version(DataSource database) throws IOException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            int kakapo = 0;
            if (tableExists(statement, "kakapo_schema_version")) {
                try (ResultSet row = statement.executeQuery("SELECT max(version) FROM kakapo_schema_version")) {
                    kakapo = row.next() ? row.getInt(1) : 0;
                }
            }
            int major = 0;
            int minor = 0;
            if (tableExists(statement, "schema_version")) {
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
     * @param where names the database in the message, e.g. {@link PostgresSettings#describe()}
     * @throws IOException saying which {@code kakapo admin} command brings the database there
     */
    static void requireCurrent(DataSource database, String where) throws IOException {
        SchemaVersion found = version(database);
        if (found.kakapo() == VERSION) {
            return;
        }
        if (found.isEmpty()) {
            throw new IOException(where + " holds no lease tables; run `kakapo admin db-init postgresql` to create them");
        }
        if (found.isKeaOnly()) {
            throw new IOException(where + " holds Kea's lease schema " + found.keaText()
                    + "; run `kakapo admin db-upgrade postgresql` to add Kakapo's columns");
        }
        if (found.kakapo() < VERSION) {
            throw new IOException(where + " holds Kakapo lease schema " + found.kakapo()
                    + "; run `kakapo admin db-upgrade postgresql` to bring it to " + VERSION);
        }
        throw new IOException(where + " holds Kakapo lease schema " + found.kakapo() + ", newer than this Kakapo's "
                + VERSION + "; upgrade Kakapo");
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

    private static boolean tableExists(Statement statement, String table) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static void apply(DataSource database, String resource) throws IOException {
        String sql = script(resource);
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("applying " + resource.substring(resource.lastIndexOf('/') + 1) + " failed: "
                    + e.getMessage(), e);
        }
    }
}
