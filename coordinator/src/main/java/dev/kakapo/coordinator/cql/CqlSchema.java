package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.kakapo.coordinator.sql.SchemaVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kakapo's Cassandra lease schema: what {@code kakapo admin db-init cql}, {@code db-upgrade cql}
 * and {@code db-version cql} do. The CQL is the file of {@code schema/cassandra}, packed as a
 * resource. Cassandra has no transactional schema changes: a failure part way leaves what was
 * done, and the message says so.
 */
public final class CqlSchema {

    /** The schema version this Kakapo writes and reads. */
    public static final int VERSION = 1;
    /** The Kea CQL schema version whose keyspaces {@link #upgrade} takes over (Kea 1.1 writes 1.0). */
    public static final int KEA_MAJOR = 1;

    private static final System.Logger LOG = System.getLogger(CqlSchema.class.getName());
    private static final String CREATE = "cassandra/kakapo-cql-1.cql";
    /** Where {@link #upgrade} keeps Kea's lease6 rows while lease6 is created again with Kakapo's key. */
    private static final String LEASE6_COPY = "kakapo_lease6_upgrade";
    /** The statement heads that name a table, which {@link #apply} qualifies with the keyspace. */
    private static final Pattern TABLE_TARGET = Pattern.compile("^(CREATE TABLE|INSERT INTO)\\s+(\\w+)");

    private CqlSchema() {
    }

    /**
     * Creates Kakapo's lease tables in an empty keyspace; with {@code createKeyspace}, first creates
     * a missing keyspace with SimpleStrategy and {@code replicationFactor} replicas.
     *
     * @throws IOException when the keyspace is missing (and not to be created), already holds a
     *                     lease schema, or a statement fails
     */
    public static void init(CqlSettings settings, boolean createKeyspace, int replicationFactor) throws IOException {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + " is below 1");
        }
        try (CqlSession session = CqlConnection.open(settings, false)) {
            if (!keyspaceExists(session, settings.keyspace())) {
                if (!createKeyspace) {
                    throw new IOException(settings.describe() + " does not exist; create it with the replication it"
                            + " needs, or let db-init create it with SimpleStrategy");
                }
                execute(session, "CREATE KEYSPACE " + settings.keyspace() + " WITH replication = {'class':"
                        + " 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}");
                LOG.log(System.Logger.Level.INFO, "created keyspace {0} with SimpleStrategy, replication factor {1};"
                        + " use NetworkTopologyStrategy (ALTER KEYSPACE) for a cluster over several data centres",
                        settings.keyspace(), replicationFactor);
            }
            init(session, settings.keyspace());
        }
    }

    /**
     * Creates Kakapo's lease tables in {@code keyspace}, which must exist and hold no lease schema.
     *
     * @throws IOException when the keyspace is missing, already holds a lease schema, or a statement fails
     */
    public static void init(CqlSession session, String keyspace) throws IOException {
        if (!keyspaceExists(session, keyspace)) {
            throw new IOException("keyspace " + keyspace + " does not exist");
        }
        SchemaVersion found = version(session, keyspace);
        if (!found.isEmpty()) {
            throw new IOException("keyspace " + keyspace + " already holds a lease schema (" + found + "); "
                    + (found.isKeaOnly() ? "run `kakapo admin db-upgrade cql` to take it over" : "nothing to do"));
        }
        apply(session, keyspace, statements(CREATE));
    }

    /** {@link #upgrade(CqlSession, String)} of the keyspace the settings name. */
    public static SchemaVersion upgrade(CqlSettings settings) throws IOException {
        try (CqlSession session = CqlConnection.open(settings, false)) {
            return upgrade(session, settings.keyspace());
        }
    }

    /**
     * Brings a keyspace to {@link #VERSION}. One at {@link #VERSION} is left alone. A Kea CQL 1.0
     * keyspace keeps {@code lease4} as it is and gets {@code kakapo_schema_version}; its
     * {@code lease6}, keyed by the address alone, is copied aside, created again keyed by
     * (address, lease_type) and copied back with each row's write time, since Cassandra cannot
     * change a table's key. Run again after a failure, it goes on where it stopped.
     *
     * @return the version the keyspace had before
     * @throws IOException when the keyspace is empty, holds a version Kakapo cannot upgrade, a Kea
     *                     lease6 row has no lease_type, or a statement fails
     */
    public static SchemaVersion upgrade(CqlSession session, String keyspace) throws IOException {
        SchemaVersion found = version(session, keyspace);
        if (found.isEmpty()) {
            throw new IOException("keyspace " + keyspace + " holds no lease schema; run `kakapo admin db-init cql` first");
        }
        if (found.kakapo() == VERSION) {
            return found;
        }
        if (found.kakapo() > VERSION) {
            throw new IOException("keyspace " + keyspace + " holds Kakapo schema " + found.kakapo()
                    + ", newer than this Kakapo's " + VERSION);
        }
        if (found.keaMajor() != KEA_MAJOR) {
            throw new IOException("keyspace " + keyspace + " holds Kea CQL schema " + found.keaText()
                    + "; Kakapo upgrades Kea CQL " + KEA_MAJOR + ".x (Kea 1.1) keyspaces only");
        }
        List<String> create = statements(CREATE);
        String createLease6 = create.stream().filter(s -> s.startsWith("CREATE TABLE lease6 ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(CREATE + " creates no lease6 table"));
        Set<String> tables = tables(session, keyspace);
        if (tables.contains("lease6") && !hasKakapoLease6Key(session, keyspace)) {
            if (!tables.contains(LEASE6_COPY)) {
                execute(session, "CREATE TABLE " + keyspace + "." + LEASE6_COPY + createLease6.substring(
                        "CREATE TABLE lease6".length()));
            }
            copyLease6(session, keyspace, "lease6", LEASE6_COPY);
            execute(session, "DROP TABLE " + keyspace + ".lease6");
            tables.remove("lease6");
        }
        if (!tables.contains("lease6")) {
            apply(session, keyspace, List.of(createLease6));
        }
        if (tables(session, keyspace).contains(LEASE6_COPY)) {
            copyLease6(session, keyspace, LEASE6_COPY, "lease6");
            execute(session, "DROP TABLE " + keyspace + "." + LEASE6_COPY);
        }
        apply(session, keyspace, create.stream().filter(s -> s.contains("kakapo_schema_version")).toList());
        LOG.log(System.Logger.Level.INFO, "keyspace {0} upgraded from {1} to Kakapo schema {2}", keyspace, found,
                VERSION);
        return found;
    }

    /** {@link #version(CqlSession, String)} of the keyspace the settings name. */
    public static SchemaVersion version(CqlSettings settings) throws IOException {
        try (CqlSession session = CqlConnection.open(settings, false)) {
            return version(session, settings.keyspace());
        }
    }

    /** Which lease schema the keyspace holds; {@link SchemaVersion#NONE} for an empty or missing keyspace. */
    public static SchemaVersion version(CqlSession session, String keyspace) throws IOException {
        try {
            Set<String> tables = tables(session, keyspace);
            int kakapo = 0;
            if (tables.contains("kakapo_schema_version")) {
                for (Row row : session.execute("SELECT version FROM " + keyspace + ".kakapo_schema_version")) {
                    kakapo = Math.max(kakapo, row.getInt(0));
                }
            }
            int major = 0;
            int minor = 0;
            if (tables.contains("schema_version")) {
                for (Row row : session.execute("SELECT version, minor FROM " + keyspace + ".schema_version")) {
                    if (row.getInt(0) > major) {
                        major = row.getInt(0);
                        minor = row.getInt(1);
                    }
                }
            }
            return new SchemaVersion(kakapo, major, minor);
        } catch (DriverException e) {
            throw new IOException("reading the lease schema version of keyspace " + keyspace + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * What a lease store checks when it opens: the keyspace must hold schema {@link #VERSION}.
     *
     * @param where names the keyspace in the message, e.g. {@link CqlSettings#describe()}
     * @throws IOException saying which {@code kakapo admin} command brings the keyspace there
     */
    static void requireCurrent(CqlSession session, String keyspace, String where) throws IOException {
        SchemaVersion found = version(session, keyspace);
        if (found.kakapo() == VERSION) {
            return;
        }
        if (found.isEmpty()) {
            throw new IOException(where + " holds no lease tables; run `kakapo admin db-init cql` to create them");
        }
        if (found.isKeaOnly()) {
            throw new IOException(where + " holds Kea's CQL lease schema " + found.keaText()
                    + "; run `kakapo admin db-upgrade cql` to take it over");
        }
        if (found.kakapo() < VERSION) {
            throw new IOException(where + " holds Kakapo lease schema " + found.kakapo()
                    + "; run `kakapo admin db-upgrade cql` to bring it to " + VERSION);
        }
        throw new IOException(where + " holds Kakapo lease schema " + found.kakapo() + ", newer than this Kakapo's "
                + VERSION + "; upgrade Kakapo");
    }

    /**
     * The statements of one schema file as packed in the jar: each ends with {@code ;} at the end of
     * a line; {@code --} lines are comments.
     */
    static List<String> statements(String resource) {
        String text;
        try (InputStream in = CqlSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema file " + resource + " is missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            statement.append(statement.length() == 0 ? "" : " ").append(trimmed);
            if (trimmed.endsWith(";")) {
                statement.setLength(statement.length() - 1);
                statements.add(statement.toString().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")"));
                statement.setLength(0);
            }
        }
        if (statement.length() > 0) {
            throw new IllegalStateException("schema file " + resource + " ends inside a statement: " + statement);
        }
        return statements;
    }

    private static void apply(CqlSession session, String keyspace, List<String> statements) throws IOException {
        for (String statement : statements) {
            Matcher target = TABLE_TARGET.matcher(statement);
            if (!target.find()) {
                throw new IllegalStateException("schema statement names no table: " + statement);
            }
            execute(session, target.replaceFirst("$1 " + keyspace + ".$2"));
        }
    }

    private static void execute(CqlSession session, String cql) throws IOException {
        try {
            session.execute(SimpleStatement.newInstance(cql).setTimeout(CqlConnection.SCHEMA_CHANGE_TIMEOUT));
        } catch (DriverException e) {
            throw new IOException("schema statement failed, the ones before it are done: " + cql + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean keyspaceExists(CqlSession session, String keyspace) throws IOException {
        try {
            return session.execute(SimpleStatement.newInstance(
                    "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).one() != null;
        } catch (DriverException e) {
            throw new IOException("looking up keyspace " + keyspace + " failed: " + e.getMessage(), e);
        }
    }

    private static Set<String> tables(CqlSession session, String keyspace) {
        Set<String> tables = new HashSet<>();
        for (Row row : session.execute(SimpleStatement.newInstance(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace))) {
            tables.add(row.getString(0));
        }
        return tables;
    }

    private static boolean hasKakapoLease6Key(CqlSession session, String keyspace) {
        Row row = session.execute(SimpleStatement.newInstance("SELECT kind FROM system_schema.columns"
                + " WHERE keyspace_name = ? AND table_name = 'lease6' AND column_name = 'lease_type'", keyspace)).one();
        return row != null && "clustering".equals(row.getString(0));
    }

    /**
     * Copies every lease6 row, each column's bytes as they are, with the write time of its
     * valid_lifetime, so later Kakapo changes (numbered from the clock) still replace it.
     */
    private static void copyLease6(CqlSession session, String keyspace, String from, String to) throws IOException {
        List<String> columns = List.of("address", "lease_type", "duid", "valid_lifetime", "expire", "subnet_id",
                "pref_lifetime", "iaid", "prefix_len", "fqdn_fwd", "fqdn_rev", "hostname", "hwaddr", "hwtype",
                "hwaddr_source", "state");
        try {
            PreparedStatement insert = session.prepare("INSERT INTO " + keyspace + "." + to + " ("
                    + String.join(", ", columns) + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?"))
                    + ") USING TIMESTAMP ?");
            long now = Instant.now().toEpochMilli() * 1000;
            for (Row row : session.execute("SELECT " + String.join(", ", columns) + ", writetime(valid_lifetime) FROM "
                    + keyspace + "." + from)) {
                if (row.isNull("lease_type")) {
                    throw new IOException("lease6 row " + row.getString("address") + " has no lease_type, which"
                            + " Kakapo's lease6 key needs; set it (0 for an address, 2 for a prefix) and run"
                            + " db-upgrade again");
                }
                BoundStatementBuilder copy = insert.boundStatementBuilder();
                for (int i = 0; i < columns.size(); i++) {
                    copy.setBytesUnsafe(i, row.getBytesUnsafe(i));
                }
                long written = row.isNull(columns.size()) ? now : row.getLong(columns.size());
                session.execute(copy.setLong(columns.size(), written).build());
            }
        } catch (DriverException e) {
            throw new IOException("copying " + from + " to " + to + " in keyspace " + keyspace + " failed; run"
                    + " db-upgrade again to go on: " + e.getMessage(), e);
        }
    }
}
