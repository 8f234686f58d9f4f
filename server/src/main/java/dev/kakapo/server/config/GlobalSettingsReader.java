package dev.kakapo.server.config;

import dev.kakapo.coordinator.cql.CqlSettings;
import dev.kakapo.coordinator.sql.SqlDialect;
import dev.kakapo.coordinator.sql.SqlSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the global settings the {@code Dhcp4} and {@code Dhcp6} sections write the same way:
 * interfaces, lease-database, expired-leases-processing, multi-threading, dhcp-ddns (with the
 * global ddns-* keys),
 * hooks-libraries, version and loggers.
 */
final class GlobalSettingsReader {
    private GlobalSettingsReader() {
    }

    /** Kea's logging severities, most verbose first. */
    private static final List<String> SEVERITIES = List.of("DEBUG", "INFO", "WARN", "ERROR", "FATAL", "NONE");

    /**
     * {@code interfaces-config.interfaces}: "*", "eth0" or "eth0/&lt;address&gt;" (then only that address
     * is bound), kept as written.
     */
    static List<String> interfaces(ConfigNode config, DhcpFamily family) throws ConfigException {
        if (config.isMissing()) {
            return List.of();
        }
        config.object();
        config.bool("re-detect", false);
        String withAddress = "\"eth0/" + family.exampleAddress() + "\"";
        List<String> names = new ArrayList<>();
        for (ConfigNode entry : config.list("interfaces")) {
            String text = entry.text();
            int slash = text.indexOf('/');
            String name = slash < 0 ? text : text.substring(0, slash);
            if (name.isBlank()) {
                throw entry.error("empty interface name in '" + text + "' (expected \"*\", \"eth0\" or " + withAddress + ")");
            }
            if (slash >= 0) {
                try {
                    family.checkAddress(text.substring(slash + 1));
                } catch (IllegalArgumentException e) {
                    throw entry.error("invalid address in '" + text + "': " + e.getMessage() + " (expected " + withAddress + ")");
                }
            }
            names.add(slash < 0 ? name : name + "/" + text.substring(slash + 1).strip());
        }
        return names;
    }

    /**
     * {@code lease-database}: {@code memfile} (a relative file {@code name} resolves against
     * {@code baseDir}), {@code postgresql}, {@code mysql} or {@code cql}.
     */
    static LeaseDatabase leaseDatabase(ConfigNode db, Path baseDir, DhcpFamily family) throws ConfigException {
        if (db.isMissing()) {
            return new LeaseDatabase("memfile", family.defaultLeaseFile(), true, 3600);
        }
        db.object();
        ConfigNode type = db.get("type");
        if (type.isMissing()) {
            throw type.error("missing mandatory 'type' of lease-database (expected " + DATABASE_TYPES + ")");
        }
        switch (type.text()) {
            case "postgresql" -> {
                return LeaseDatabase.of(sql(db, baseDir, SqlDialect.POSTGRESQL, "lease-database"));
            }
            case "mysql" -> {
                return LeaseDatabase.of(sql(db, baseDir, SqlDialect.MYSQL, "lease-database"));
            }
            case "cql" -> {
                return LeaseDatabase.of(cql(db, baseDir));
            }
            case "memfile" -> {
                return memfile(db, baseDir, family);
            }
            default -> throw type.error("unknown lease-database type '" + type.text() + "' (expected " + DATABASE_TYPES + ")");
        }
    }

    private static final String DATABASE_TYPES = "\"memfile\", \"postgresql\", \"mysql\" or \"cql\"";
    /** Keys of a lease-database that only a database has. */
    private static final List<String> DATABASE_KEYS = List.of("host", "port", "user", "password", "password-file",
            "password-env", "connect-timeout", "contact-points", "keyspace", "consistency", "request-timeout",
            "local-datacenter");

    private static LeaseDatabase memfile(ConfigNode db, Path baseDir, DhcpFamily family) throws ConfigException {
        for (String databaseOnly : DATABASE_KEYS) {
            if (db.has(databaseOnly)) {
                throw db.get(databaseOnly).error("'" + databaseOnly + "' belongs to a database; a memfile lease database has none");
            }
        }
        Path file = family.defaultLeaseFile();
        ConfigNode name = db.get("name");
        if (!name.isMissing()) {
            if (name.text().isBlank()) {
                String example = family == DhcpFamily.DHCP4 ? "leases4.csv" : "leases6.csv";
                throw name.error("empty lease file name (expected a path such as \"/var/lib/kakapo/" + example + "\")");
            }
            file = name.file(baseDir);
        }
        return new LeaseDatabase("memfile", file, db.bool("persist", true), db.uint32("lfc-interval", 3600));
    }

    /** Kea's SQL keys ({@code name} is the database), and the password from the config, a file or the environment. */
    private static SqlSettings sql(ConfigNode db, Path baseDir, SqlDialect dialect, String section) throws ConfigException {
        onlyFor(db, dialect.typeName(), "contact-points", "keyspace", "consistency", "request-timeout", "local-datacenter",
                "persist", "lfc-interval");
        String type = dialect.typeName() + " " + section;
        ConfigNode name = db.get("name");
        if (name.isMissing() || name.text().isBlank()) {
            throw (name.isMissing() ? db : name).error("a " + type + " needs 'name': the database to use (e.g. \"kakapo\")");
        }
        String host = db.text("host", "localhost");
        int port = port(db, dialect.defaultPort());
        String user = db.text("user", "");
        if (user.isBlank()) {
            throw (db.has("user") ? db.get("user") : db).error("a " + type + " needs 'user': the user to log in as");
        }
        String password = password(db, baseDir);
        try {
            return SqlSettings.of(dialect, host, port, name.text(), user, password)
                    .withConnectTimeoutSeconds(seconds(db, "connect-timeout", 5));
        } catch (IllegalArgumentException e) {
            throw db.error(e.getMessage());
        }
    }

    /**
     * Kea's CQL keys: {@code contact-points} (Kea's comma-separated text, or a list), {@code keyspace},
     * {@code port}, {@code user}, {@code password}, {@code connect-timeout}, {@code request-timeout}
     * and {@code consistency}; Kakapo's {@code local-datacenter}.
     */
    private static CqlSettings cql(ConfigNode db, Path baseDir) throws ConfigException {
        onlyFor(db, "cql", "name", "host", "persist", "lfc-interval");
        ConfigNode points = db.get("contact-points");
        List<String> contactPoints = new ArrayList<>();
        if (points.isMissing()) {
            contactPoints.add("127.0.0.1");
        } else if (points.json().isArray()) {
            for (ConfigNode point : points.elements()) {
                contactPoints.add(point.text().strip());
            }
        } else {
            for (String point : points.text().split(",", -1)) {
                contactPoints.add(point.strip());
            }
        }
        if (contactPoints.isEmpty() || contactPoints.stream().anyMatch(String::isEmpty)) {
            throw points.error("empty contact point (expected addresses such as \"192.0.2.7, 192.0.2.8\")");
        }
        String keyspace = db.text("keyspace", "kea");
        String user = db.text("user", "");
        String password = password(db, baseDir);
        try {
            CqlSettings settings = CqlSettings.of(contactPoints, keyspace)
                    .withPort(port(db, CqlSettings.DEFAULT_PORT))
                    .withCredentials(user, password)
                    .withTimeouts(seconds(db, "connect-timeout", 5), seconds(db, "request-timeout", 10))
                    .withLocalDatacenter(db.text("local-datacenter", CqlSettings.DEFAULT_DATACENTER));
            return db.has("consistency") ? settings.withConsistency(db.get("consistency").text()) : settings;
        } catch (IllegalArgumentException e) {
            throw db.error(e.getMessage());
        }
    }

    /**
     * {@code hosts-database} (Kea 1.1: one) or {@code hosts-databases} (today's Kea: a list), each
     * {@code postgresql} or {@code mysql}; looked up in the order given.
     */
    static List<HostDatabase> hostsDatabases(ConfigNode section, Path baseDir, List<String> notes) throws ConfigException {
        ConfigNode one = section.get("hosts-database");
        ConfigNode many = section.get("hosts-databases");
        if (!one.isMissing() && !many.isMissing()) {
            throw many.error("give 'hosts-database' or 'hosts-databases', not both");
        }
        List<HostDatabase> databases = new ArrayList<>();
        for (ConfigNode db : one.isMissing() ? many.isMissing() ? List.<ConfigNode>of() : many.elements() : List.of(one)) {
            databases.add(hostsDatabase(db.object(), baseDir, notes));
        }
        return databases;
    }

    private static HostDatabase hostsDatabase(ConfigNode db, Path baseDir, List<String> notes) throws ConfigException {
        ConfigNode type = db.get("type");
        if (type.isMissing()) {
            throw type.error("missing mandatory 'type' of hosts-database (expected \"postgresql\" or \"mysql\")");
        }
        SqlDialect dialect = switch (type.text()) {
            case "postgresql" -> SqlDialect.POSTGRESQL;
            case "mysql" -> SqlDialect.MYSQL;
            default -> throw type.error("unknown hosts-database type '" + type.text()
                    + "' (expected \"postgresql\" or \"mysql\")");
        };
        if (db.has("max-reconnect-tries") || db.has("reconnect-wait-time")) {
            db.uint32("max-reconnect-tries", 0);
            db.uint32("reconnect-wait-time", 0);
            notes.add(db.path() + ": max-reconnect-tries and reconnect-wait-time are accepted; Kakapo's connection"
                    + " pool reconnects by itself and lookups fail (the client is served without its reservation"
                    + " found in this database) while the database is away");
        }
        long cacheSize = db.uint32("cache-size", HostDatabase.DEFAULT_CACHE_SIZE);
        if (cacheSize < 1 || cacheSize > Integer.MAX_VALUE) {
            throw db.get("cache-size").error(cacheSize + " is not a cache size (expected 1.." + Integer.MAX_VALUE + ")");
        }
        long lifetime = db.uint32("cache-lifetime", HostDatabase.DEFAULT_CACHE_LIFETIME.toSeconds());
        if (lifetime < 1) {
            throw db.get("cache-lifetime").error("a cache lifetime of 0 s would ask the database for every packet"
                    + " (expected seconds, 1 or more)");
        }
        return new HostDatabase(sql(db, baseDir, dialect, "hosts-database"), db.bool("readonly", false),
                (int) cacheSize, java.time.Duration.ofSeconds(lifetime));
    }

    /** Refuses the keys that belong to other lease-database types. */
    private static void onlyFor(ConfigNode db, String type, String... otherTypesKeys) throws ConfigException {
        for (String key : otherTypesKeys) {
            if (db.has(key)) {
                throw db.get(key).error("'" + key + "' does not apply to a " + type + " lease-database");
            }
        }
    }

    private static int port(ConfigNode db, int absent) throws ConfigException {
        long port = db.uint32("port", absent);
        if (port < 1 || port > 65535) {
            throw db.get("port").error(port + " is not a port (expected 1..65535)");
        }
        return (int) port;
    }

    /** Kea's timeouts are seconds; 0 means Kakapo's shortest, 1 s. */
    private static int seconds(ConfigNode db, String key, int absent) throws ConfigException {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, db.uint32(key, absent)));
    }

    /** The password from {@code password}, {@code password-file} or {@code password-env}; empty when none (also the control API's users). */
    static String password(ConfigNode db, Path baseDir) throws ConfigException {
        int given = (db.has("password") ? 1 : 0) + (db.has("password-file") ? 1 : 0) + (db.has("password-env") ? 1 : 0);
        if (given > 1) {
            throw db.error("give one of 'password', 'password-file' and 'password-env'");
        }
        if (db.has("password-file")) {
            ConfigNode f = db.get("password-file");
            Path file = f.file(baseDir);
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw f.error("cannot read the password file " + file + ": " + e.getMessage());
            }
        }
        if (db.has("password-env")) {
            ConfigNode v = db.get("password-env");
            String value = System.getenv(v.text());
            if (value == null) {
                throw v.error("environment variable " + v.text() + " is not set");
            }
            return value;
        }
        return db.text("password", "");
    }

    static ExpiredLeasesProcessing expiredLeasesProcessing(ConfigNode node) throws ConfigException {
        if (node.isMissing()) {
            return ExpiredLeasesProcessing.DEFAULTS;
        }
        node.object();
        ExpiredLeasesProcessing d = ExpiredLeasesProcessing.DEFAULTS;
        return new ExpiredLeasesProcessing(
                bounded(node, "reclaim-timer-wait-time", d.reclaimTimerWaitTime(), 65535),
                bounded(node, "flush-reclaimed-timer-wait-time", d.flushReclaimedTimerWaitTime(), 65535),
                bounded(node, "hold-reclaimed-time", d.holdReclaimedTime(), ConfigNode.UINT32_MAX),
                bounded(node, "max-reclaim-leases", d.maxReclaimLeases(), ConfigNode.UINT32_MAX),
                bounded(node, "max-reclaim-time", d.maxReclaimTimeMillis(), 10000),
                bounded(node, "unwarned-reclaim-cycles", d.unwarnedReclaimCycles(), 65535));
    }

    private static long bounded(ConfigNode node, String key, long absent, long max) throws ConfigException {
        ConfigNode value = node.get(key);
        return value.isMissing() ? absent : value.uint(max);
    }

    static void multiThreading(ConfigNode node, List<String> notes) throws ConfigException {
        if (node.isMissing()) {
            return;
        }
        node.object();
        node.bool("enable-multi-threading", true);
        node.uint32("thread-pool-size", 0);
        node.uint32("packet-queue-size", 0);
        notes.add(node.path() + ": accepted; Kakapo's packet path is always concurrent, so these values are not used");
    }

    /**
     * {@code dhcp-ddns} and the global {@code ddns-*} keys of {@code section}; the ddns-workers of
     * the {@code Kakapo} section, when it names any, replace server-ip and server-port, and its
     * {@code ddns-tls} secures the channel to them.
     */
    static DdnsSettings dhcpDdns(ConfigNode section, KakapoSettings kakapo, DhcpFamily family, List<String> notes)
            throws ConfigException {
        return DdnsSettingsReader.read(section, family, kakapo.ddnsWorkers(), kakapo.ddnsTls(), notes);
    }

    /**
     * {@code dhcp4o6-port}: 0 (the default) leaves DHCPv4-over-DHCPv6 off. The DHCPv6 side binds
     * P and the DHCPv4 side P + 1 on ::1, so P + 1 must be a port too.
     */
    static int dhcp4o6Port(ConfigNode section) throws ConfigException {
        ConfigNode port = section.get("dhcp4o6-port");
        return port.isMissing() ? 0 : (int) port.uint(65534);
    }

    /** {@code version}: Kea ignores its value, but it must be a string or number. */
    static void version(ConfigNode version) throws ConfigException {
        if (!version.isMissing() && !version.json().isTextual() && !version.json().isNumber()) {
            throw version.error("expected a string or number, got " + ConfigNode.describe(version.json()));
        }
    }

    /**
     * The most verbose severity the loggers of {@code section} and of the top-level {@code Logging}
     * section ask for, leaving out other daemons' loggers; INFO when none says.
     */
    static String logSeverity(ConfigNode section, ConfigNode root, DhcpFamily family) throws ConfigException {
        List<ConfigNode> loggers = new ArrayList<>(section.list("loggers"));
        ConfigNode logging = root.get("Logging");
        if (!logging.isMissing()) {
            loggers.addAll(logging.object().list("loggers"));
        }
        int mostVerbose = -1;
        for (ConfigNode logger : loggers) {
            logger.object();
            String name = logger.text("name", "");
            ConfigNode severity = logger.get("severity");
            String level = severity.isMissing() ? "INFO" : severity.text();
            if (!SEVERITIES.contains(level)) {
                throw severity.error("unknown severity '" + level + "' (expected one of: " + String.join(", ", SEVERITIES) + ")");
            }
            ConfigNode debugLevel = logger.get("debuglevel");
            if (!debugLevel.isMissing()) {
                debugLevel.uint(99);
            }
            outputOptions(logger.has("output_options") ? logger.get("output_options") : logger.get("output-options"));
            if (family.isOtherDaemonsLogger(name)) {
                continue;
            }
            int rank = SEVERITIES.indexOf(level);
            mostVerbose = mostVerbose < 0 ? rank : Math.min(mostVerbose, rank);
        }
        if (mostVerbose < 0) {
            return "INFO";
        }
        // NONE silences a logger; the nearest level a configuration can hold is FATAL
        return SEVERITIES.get(Math.min(mostVerbose, SEVERITIES.indexOf("FATAL")));
    }

    private static void outputOptions(ConfigNode outputs) throws ConfigException {
        if (outputs.isMissing()) {
            return;
        }
        for (ConfigNode output : outputs.elements()) {
            output.object();
            output.text("output", "stdout");
            output.bool("flush", true);
            output.uint32("maxsize", 0);
            output.uint32("maxver", 0);
            output.text("pattern", "");
        }
    }
}
