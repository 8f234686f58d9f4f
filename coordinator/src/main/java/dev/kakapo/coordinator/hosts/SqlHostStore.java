package dev.kakapo.coordinator.hosts;

import com.zaxxer.hikari.HikariDataSource;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.sql.SqlDialect;
import dev.kakapo.coordinator.sql.SqlLeaseStore;
import dev.kakapo.coordinator.sql.SqlSchema;
import dev.kakapo.coordinator.sql.SqlSettings;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Host reservations in Kea's SQL host tables ({@code hosts}, {@code dhcp4_options},
 * {@code dhcp6_options}, {@code ipv6_reservations}), in PostgreSQL or MySQL: Kea's
 * {@code hosts-database}. Each call runs on the store's own threads, one pooled connection each,
 * and completes its future there.
 *
 * <p>Values are stored as Kea stores them: IPv4 addresses as unsigned numbers, IPv6 addresses as
 * RFC 5952 text, client classes comma-separated, option payloads as wire bytes. Kakapo writes NULL
 * for what a host does not have (no subnet in a family, no address, no name), and reads NULL and
 * Kea's zeros and empty strings alike.
 *
 * <p>Opened read-only ({@code readonly: true}) the store never writes and never reads Kakapo's
 * version table: it checks only that the tables it reads (or views of that name) answer, so a
 * role with SELECT on them is enough.
 */
public final class SqlHostStore implements HostSource {

    /** Kea's option scope of an option reserved for a host ({@code dhcp_option_scope}). */
    static final int HOST_SCOPE = 3;
    static final int MAX_IDENTIFIER_OCTETS = 128;
    static final int MAX_HOSTNAME = 255;
    static final int MAX_CLASSES = 255;
    static final int MAX_SERVER_HOSTNAME = 64;
    static final int MAX_BOOT_FILE_NAME = 128;
    static final int MAX_OPTION_SPACE = 128;

    private static final String HOST_COLUMNS = "host_id, dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id,"
            + " dhcp6_subnet_id, ipv4_address, hostname, dhcp4_client_classes, dhcp6_client_classes,"
            + " dhcp4_next_server, dhcp4_server_hostname, dhcp4_boot_file_name";
    private static final String OPTION_COLUMNS = "host_id, code, value, formatted_value, space, persistent";
    private static final String RESERVATION_COLUMNS = "host_id, address, prefix_len, type, dhcp6_iaid";
    /** What a read-only store must be able to read, table by table. */
    private static final Map<String, String> READ_COLUMNS = Map.of(
            "hosts", HOST_COLUMNS, "dhcp4_options", OPTION_COLUMNS, "dhcp6_options", OPTION_COLUMNS,
            "ipv6_reservations", RESERVATION_COLUMNS);

    private final SqlDialect dialect;
    private final HikariDataSource pool;
    private final ExecutorService threads;
    private final String where;
    private final boolean readOnly;

    private SqlHostStore(SqlDialect dialect, HikariDataSource pool, ExecutorService threads, String where,
                         boolean readOnly) {
        this.dialect = dialect;
        this.pool = pool;
        this.threads = threads;
        this.where = where;
        this.readOnly = readOnly;
    }

    /**
     * Connects and checks the database: writable, it must hold Kakapo's schema
     * {@link SqlSchema#VERSION}; read-only, its host tables must answer a SELECT. Uses
     * {@link SqlSettings#maxPoolSize()} connections and as many threads.
     *
     * @throws IOException naming the database, and the table or {@code kakapo admin} command at fault
     */
    public static SqlHostStore open(SqlSettings settings, boolean readOnly) throws IOException {
        HikariDataSource pool = SqlLeaseStore.connect(settings, "kakapo-hosts", settings.maxPoolSize());
        try {
            if (readOnly) {
                requireReadable(pool, settings.describe());
            } else {
                SqlSchema.requireCurrent(settings.dialect(), pool, settings.describe());
            }
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
        ExecutorService threads = Executors.newFixedThreadPool(settings.maxPoolSize(), daemonThreads());
        return new SqlHostStore(settings.dialect(), pool, threads, settings.describe(), readOnly);
    }

    @Override
    public CompletableFuture<Optional<Host>> get4(int subnetId, HostIdentifierType type, Octets identifier) {
        return first(new Lookup("dhcp4_subnet_id = ? AND dhcp_identifier_type = ? AND dhcp_identifier = ?",
                subnetParameter(subnetId), type.code(), identifier.toByteArray()));
    }

    @Override
    public CompletableFuture<Optional<Host>> get6(int subnetId, HostIdentifierType type, Octets identifier) {
        return first(new Lookup("dhcp6_subnet_id = ? AND dhcp_identifier_type = ? AND dhcp_identifier = ?",
                subnetParameter(subnetId), type.code(), identifier.toByteArray()));
    }

    @Override
    public CompletableFuture<Optional<Host>> get4ByAddress(int subnetId, int address) {
        return first(new Lookup("dhcp4_subnet_id = ? AND ipv4_address = ?", subnetParameter(subnetId),
                Integer.toUnsignedLong(address)));
    }

    @Override
    public CompletableFuture<Optional<Host>> get6ByAddress(int subnetId, Ipv6Address address, int prefixLength) {
        return first(new Lookup("dhcp6_subnet_id = ? AND host_id IN (SELECT host_id FROM ipv6_reservations"
                + " WHERE address = ? AND prefix_len = ?)", subnetParameter(subnetId), address.toText(), prefixLength));
    }

    @Override
    public CompletableFuture<List<Host>> all4(int subnetId) {
        return run(connection -> read(connection, new Lookup("dhcp4_subnet_id = ?", subnetParameter(subnetId))));
    }

    @Override
    public CompletableFuture<List<Host>> all6(int subnetId) {
        return run(connection -> read(connection, new Lookup("dhcp6_subnet_id = ?", subnetParameter(subnetId))));
    }

    @Override
    public CompletableFuture<Void> add(Host host) {
        if (readOnly) {
            return refuseWrite("add " + host.describe());
        }
        try {
            check(host);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return run(connection -> {
            insert(connection, host);
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> delete4(int subnetId, int address) {
        return delete("delete the reservation of " + Ipv4.toText(address), new Lookup(
                "dhcp4_subnet_id = ? AND ipv4_address = ?", subnetParameter(subnetId), Integer.toUnsignedLong(address)));
    }

    @Override
    public CompletableFuture<Boolean> delete4(int subnetId, HostIdentifierType type, Octets identifier) {
        return delete("delete the reservation of " + type.keaName() + " " + identifier, new Lookup(
                "dhcp4_subnet_id = ? AND dhcp_identifier_type = ? AND dhcp_identifier = ?",
                subnetParameter(subnetId), type.code(), identifier.toByteArray()));
    }

    @Override
    public CompletableFuture<Boolean> delete6(int subnetId, HostIdentifierType type, Octets identifier) {
        return delete("delete the reservation of " + type.keaName() + " " + identifier, new Lookup(
                "dhcp6_subnet_id = ? AND dhcp_identifier_type = ? AND dhcp_identifier = ?",
                subnetParameter(subnetId), type.code(), identifier.toByteArray()));
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Finishes the lookups under way, then disconnects. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
    }

    @Override
    public String toString() {
        return "SqlHostStore[" + dialect.typeName() + " " + where + (readOnly ? ", read-only" : "") + "]";
    }

    /** Rows of {@code hosts} that a WHERE clause selects, with its parameters in order. */
    private record Lookup(String condition, Object... parameters) {
        void bind(PreparedStatement statement) throws SQLException {
            bindAll(statement, 1, Arrays.asList(parameters));
        }
    }

    /** One piece of work on a pooled connection. */
    private interface SqlWork<T> {
        T on(Connection connection) throws SQLException, IOException;
    }

    private CompletableFuture<Optional<Host>> first(Lookup lookup) {
        return run(connection -> read(connection, lookup).stream().findFirst());
    }

    private CompletableFuture<Boolean> delete(String what, Lookup lookup) {
        if (readOnly) {
            return refuseWrite(what);
        }
        return run(connection -> {
            // Kea's MySQL tables may lack ON DELETE CASCADE, so the rows that hang off go first.
            String hosts = "SELECT host_id FROM hosts WHERE " + lookup.condition();
            for (String child : List.of("dhcp4_options", "dhcp6_options", "ipv6_reservations")) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM " + child + " WHERE host_id IN (" + hosts + ")")) {
                    lookup.bind(statement);
                    statement.executeUpdate();
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM hosts WHERE " + lookup.condition())) {
                lookup.bind(statement);
                return statement.executeUpdate() > 0;
            }
        });
    }

    private <T> CompletableFuture<T> refuseWrite(String what) {
        return CompletableFuture.failedFuture(new ReadOnlyHostSourceException("cannot " + what + ": the hosts "
                + where + " is read-only (readonly: true), so Kakapo does not write to it"));
    }

    /** Runs the work in a transaction on one of the store's threads: committed when it returns. */
    private <T> CompletableFuture<T> run(SqlWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try (Connection connection = pool.getConnection()) {
                    try {
                        T value = work.on(connection);
                        connection.commit();
                        result.complete(value);
                    } catch (SQLException | IOException | RuntimeException e) {
                        connection.rollback();
                        throw e;
                    }
                } catch (SQLException e) {
                    result.completeExceptionally(failure(e));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IOException("the host store of " + where + " is closed", e));
        }
        return result;
    }

    private IOException failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("23")) {
            return new IOException(where + " already holds a reservation for that identifier or address in the"
                    + " subnet: " + e.getMessage(), e);
        }
        return new IOException("host reservations in " + where + ": " + e.getMessage(), e);
    }

    private List<Host> read(Connection connection, Lookup lookup) throws SQLException, IOException {
        Map<Long, HostRow> hosts = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + HOST_COLUMNS + " FROM hosts WHERE " + lookup.condition() + " ORDER BY host_id")) {
            lookup.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    HostRow row = HostRow.read(rows);
                    hosts.put(row.hostId, row);
                }
            }
        }
        if (hosts.isEmpty()) {
            return List.of();
        }
        String ofHosts = " WHERE host_id IN (SELECT host_id FROM hosts WHERE " + lookup.condition() + ")";
        Map<Long, List<ReservedOption>> options4 = options(connection, "dhcp4_options" + ofHosts, lookup);
        Map<Long, List<ReservedOption>> options6 = options(connection, "dhcp6_options" + ofHosts, lookup);
        Map<Long, List<Ipv6Reservation>> reservations = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + RESERVATION_COLUMNS
                + " FROM ipv6_reservations" + ofHosts + " ORDER BY reservation_id")) {
            lookup.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long hostId = rows.getLong(1);
                    reservations.computeIfAbsent(hostId, id -> new ArrayList<>()).add(reservation(rows, hostId));
                }
            }
        }
        List<Host> result = new ArrayList<>(hosts.size());
        for (HostRow row : hosts.values()) {
            result.add(row.host(reservations.getOrDefault(row.hostId, List.of()),
                    options4.getOrDefault(row.hostId, List.of()), options6.getOrDefault(row.hostId, List.of())));
        }
        return result;
    }

    private static Map<Long, List<ReservedOption>> options(Connection connection, String from, Lookup lookup)
            throws SQLException, IOException {
        Map<Long, List<ReservedOption>> options = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + OPTION_COLUMNS + " FROM " + from + " ORDER BY option_id")) {
            lookup.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long hostId = rows.getLong(1);
                    String space = rows.getString(5);
                    try {
                        options.computeIfAbsent(hostId, id -> new ArrayList<>()).add(new ReservedOption(rows.getInt(2),
                                space == null ? "" : space, Octets.of(rows.getBytes(3)), rows.getString(4),
                                rows.getBoolean(6)));
                    } catch (IllegalArgumentException e) {
                        throw new IOException("an option of host_id " + hostId + " in " + from.substring(0,
                                from.indexOf(' ')) + " cannot be used: " + e.getMessage(), e);
                    }
                }
            }
        }
        return options;
    }

    private static Ipv6Reservation reservation(ResultSet rows, long hostId) throws SQLException, IOException {
        String address = rows.getString(2);
        long iaid = rows.getLong(5);
        iaid = rows.wasNull() ? Ipv6Reservation.ANY_IAID : iaid & 0xffff_ffffL;
        try {
            return new Ipv6Reservation(Ipv6Address.parse(address == null ? "" : address), rows.getInt(3),
                    Ipv6Reservation.Type.ofCode(rows.getInt(4)), iaid);
        } catch (IllegalArgumentException e) {
            throw new IOException("ipv6_reservations row " + address + " of host_id " + hostId + " cannot be used: "
                    + e.getMessage(), e);
        }
    }

    /** A {@code hosts} row as read, before its options and IPv6 reservations are joined to it. */
    private record HostRow(long hostId, HostIdentifierType type, Octets identifier, int subnet4, int subnet6,
                           int ipv4Address, String hostname, List<String> classes4, List<String> classes6,
                           int nextServer, String serverHostname, String bootFileName) {

        static HostRow read(ResultSet rows) throws SQLException, IOException {
            long hostId = rows.getLong(1);
            try {
                return new HostRow(hostId, HostIdentifierType.ofCode(rows.getInt(3)), Octets.of(rows.getBytes(2)),
                        subnet(rows, 4), subnet(rows, 5), ipv4(rows, 6, "ipv4_address", hostId),
                        text(rows, 7), classes(rows.getString(8)), classes(rows.getString(9)),
                        ipv4(rows, 10, "dhcp4_next_server", hostId), text(rows, 11), text(rows, 12));
            } catch (IllegalArgumentException e) {
                throw new IOException("hosts row host_id " + hostId + " cannot be used: " + e.getMessage(), e);
            }
        }

        Host host(List<Ipv6Reservation> reservations, List<ReservedOption> options4, List<ReservedOption> options6) {
            return new Host(type, identifier, subnet4, subnet6, ipv4Address, hostname, classes4, classes6, nextServer,
                    serverHostname, bootFileName, reservations, options4, options6);
        }
    }

    private static int subnet(ResultSet rows, int column) throws SQLException {
        long id = rows.getLong(column);
        return rows.wasNull() ? Host.NO_SUBNET : (int) id;
    }

    private static int ipv4(ResultSet rows, int column, String name, long hostId) throws SQLException, IOException {
        long address = rows.getLong(column);
        if (rows.wasNull()) {
            return 0;
        }
        if (address < 0 || address > 0xffff_ffffL) {
            throw new IOException("hosts row host_id " + hostId + " has " + name + " " + address
                    + ", outside 0..4294967295");
        }
        return (int) address;
    }

    private static String text(ResultSet rows, int column) throws SQLException {
        String value = rows.getString(column);
        return value == null ? "" : value;
    }

    /** Kea's comma-separated class list; blanks around names are dropped. */
    private static List<String> classes(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    private void insert(Connection connection, Host host) throws SQLException, IOException {
        String sql = "INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, dhcp6_subnet_id,"
                + " ipv4_address, hostname, dhcp4_client_classes, dhcp6_client_classes, dhcp4_next_server,"
                + " dhcp4_server_hostname, dhcp4_boot_file_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        long hostId;
        try (PreparedStatement statement = dialect == SqlDialect.POSTGRESQL
                ? connection.prepareStatement(sql, new String[] {"host_id"})
                : connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bindAll(statement, 1, Arrays.asList(host.identifier().toByteArray(), host.identifierType().code(),
                    host.hasDhcp4Subnet() ? subnetParameter(host.dhcp4SubnetId()) : null,
                    host.hasDhcp6Subnet() ? subnetParameter(host.dhcp6SubnetId()) : null,
                    host.ipv4Address() == 0 ? null : Integer.toUnsignedLong(host.ipv4Address()),
                    orNull(host.hostname()), orNull(String.join(",", host.dhcp4ClientClasses())),
                    orNull(String.join(",", host.dhcp6ClientClasses())),
                    host.nextServer() == 0 ? null : Integer.toUnsignedLong(host.nextServer()),
                    orNull(host.serverHostname()), orNull(host.bootFileName())));
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IOException(where + " returned no host_id for " + host.describe());
                }
                hostId = keys.getLong(1);
            }
        }
        insertOptions(connection, "dhcp4_options", hostId, host.dhcp4Options());
        insertOptions(connection, "dhcp6_options", hostId, host.dhcp6Options());
        if (!host.ipv6Reservations().isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO ipv6_reservations (address,"
                    + " prefix_len, type, dhcp6_iaid, host_id) VALUES (?, ?, ?, ?, ?)")) {
                for (Ipv6Reservation reservation : host.ipv6Reservations()) {
                    long iaid = reservation.iaid();
                    Object iaidParameter = iaid == Ipv6Reservation.ANY_IAID ? null
                            : dialect == SqlDialect.POSTGRESQL ? (Object) (int) iaid : (Object) iaid;
                    bindAll(statement, 1, Arrays.asList(reservation.prefix().toText(), reservation.prefixLength(),
                            reservation.type().code(), iaidParameter, hostId));
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    private static void insertOptions(Connection connection, String table, long hostId, List<ReservedOption> options)
            throws SQLException {
        if (options.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table + " (code, value,"
                + " formatted_value, space, persistent, host_id, scope_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (ReservedOption option : options) {
                bindAll(statement, 1, Arrays.asList(option.code(), option.value().toByteArray(),
                        orNull(option.formattedValue()), option.space(), option.persistent(), hostId, HOST_SCOPE));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Checks that Kea's columns hold every value of the host; the message names the host and value. */
    private void check(Host host) {
        String name = host.describe();
        if (!host.hasDhcp4Subnet() && !host.hasDhcp6Subnet()) {
            throw new IllegalArgumentException(name + ": the reservation is in no DHCPv4 or DHCPv6 subnet");
        }
        if (host.identifier().length() > MAX_IDENTIFIER_OCTETS) {
            throw new IllegalArgumentException(name + ": the identifier is " + host.identifier().length()
                    + " octets, more than the " + MAX_IDENTIFIER_OCTETS + " dhcp_identifier holds");
        }
        checkText(name, "hostname", host.hostname(), MAX_HOSTNAME);
        checkText(name, "dhcp4_client_classes", String.join(",", host.dhcp4ClientClasses()), MAX_CLASSES);
        checkText(name, "dhcp6_client_classes", String.join(",", host.dhcp6ClientClasses()), MAX_CLASSES);
        checkText(name, "dhcp4_server_hostname", host.serverHostname(), MAX_SERVER_HOSTNAME);
        checkText(name, "dhcp4_boot_file_name", host.bootFileName(), MAX_BOOT_FILE_NAME);
        for (ReservedOption option : host.dhcp4Options()) {
            if (option.code() > 255) {
                throw new IllegalArgumentException(name + ": DHCPv4 option code " + option.code() + " is above 255");
            }
            checkText(name, "space of option " + option.code(), option.space(), MAX_OPTION_SPACE);
            checkText(name, "formatted_value of option " + option.code(), option.formattedValue(), Integer.MAX_VALUE);
        }
        for (ReservedOption option : host.dhcp6Options()) {
            checkText(name, "space of option " + option.code(), option.space(), MAX_OPTION_SPACE);
            checkText(name, "formatted_value of option " + option.code(), option.formattedValue(), Integer.MAX_VALUE);
        }
    }

    private void checkText(String name, String column, String value, int maxCharacters) {
        if (value.codePointCount(0, value.length()) > maxCharacters) {
            throw new IllegalArgumentException(name + ": " + column + " is longer than " + maxCharacters
                    + " characters");
        }
        int nul = value.indexOf('\0');
        if (nul >= 0 && dialect == SqlDialect.POSTGRESQL) {
            throw new IllegalArgumentException(name + ": " + column + " holds a NUL character at index " + nul
                    + ", which PostgreSQL text cannot store");
        }
    }

    /**
     * A subnet id as its column takes it: MySQL's INT UNSIGNED takes the unsigned value, PostgreSQL's
     * INT the same 32 bits as a signed number.
     */
    private Object subnetParameter(int subnetId) {
        return dialect == SqlDialect.MYSQL ? (Object) Integer.toUnsignedLong(subnetId) : (Object) subnetId;
    }

    private static String orNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static void bindAll(PreparedStatement statement, int first, List<Object> parameters) throws SQLException {
        int index = first;
        for (Object parameter : parameters) {
            if (parameter == null) {
                statement.setNull(index, Types.NULL);
            } else if (parameter instanceof Integer value) {
                statement.setInt(index, value);
            } else if (parameter instanceof Long value) {
                statement.setLong(index, value);
            } else if (parameter instanceof byte[] value) {
                statement.setBytes(index, value);
            } else if (parameter instanceof Boolean value) {
                statement.setBoolean(index, value);
            } else {
                statement.setString(index, parameter.toString());
            }
            index++;
        }
    }

    private static void requireReadable(HikariDataSource pool, String where) throws IOException {
        try (Connection connection = pool.getConnection()) {
            try {
                for (Map.Entry<String, String> table : READ_COLUMNS.entrySet()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeQuery("SELECT " + table.getValue() + " FROM " + table.getKey() + " WHERE 1 = 0")
                                .close();
                    } catch (SQLException e) {
                        throw new IOException(where + ": cannot read host reservations from " + table.getKey()
                                + " (" + e.getMessage() + "); the role needs SELECT on hosts, dhcp4_options,"
                                + " dhcp6_options and ipv6_reservations", e);
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("checking host tables in " + where + " failed: " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "kakapo-hosts-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
