package dev.kakapo.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the global settings the {@code Dhcp4} and {@code Dhcp6} sections write the same way:
 * interfaces, lease-database, expired-leases-processing, multi-threading, dhcp-ddns,
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
     * {@code baseDir}) or {@code postgresql}.
     */
    static LeaseDatabase leaseDatabase(ConfigNode db, Path baseDir, DhcpFamily family) throws ConfigException {
        if (db.isMissing()) {
            return new LeaseDatabase("memfile", family.defaultLeaseFile(), true, 3600);
        }
        db.object();
        ConfigNode type = db.get("type");
        if (type.isMissing()) {
            throw type.error("missing mandatory 'type' of lease-database (expected \"memfile\")");
        }
        if (type.text().equals("postgresql")) {
            return new LeaseDatabase("postgresql", null, true, 0, postgres(db, baseDir));
        }
        if (!type.text().equals("memfile")) {
            throw type.error("unknown lease-database type '" + type.text() + "' (expected \"memfile\" or \"postgresql\")");
        }
        for (String sqlOnly : new String[] {"host", "port", "user", "password", "password-file", "password-env", "connect-timeout"}) {
            if (db.has(sqlOnly)) {
                throw db.get(sqlOnly).error("'" + sqlOnly + "' belongs to a database; a memfile lease database has none");
            }
        }
        Path file = family.defaultLeaseFile();
        ConfigNode name = db.get("name");
        if (!name.isMissing()) {
            if (name.text().isBlank()) {
                String example = family == DhcpFamily.DHCP4 ? "leases4.csv" : "leases6.csv";
                throw name.error("empty lease file name (expected a path such as \"/var/lib/kakapo/" + example + "\")");
            }
            file = baseDir == null ? Path.of(name.text()) : baseDir.resolve(name.text());
        }
        return new LeaseDatabase("memfile", file, db.bool("persist", true), db.uint32("lfc-interval", 3600));
    }

    /** Kea's SQL keys ({@code name} is the database), and the password from the config, a file or the environment. */
    private static dev.kakapo.coordinator.sql.PostgresSettings postgres(ConfigNode db, Path baseDir) throws ConfigException {
        ConfigNode name = db.get("name");
        if (name.isMissing() || name.text().isBlank()) {
            throw (name.isMissing() ? db : name).error("a postgresql lease-database needs 'name': the database to use (e.g. \"kakapo\")");
        }
        String host = db.text("host", "localhost");
        int port = (int) db.uint32("port", dev.kakapo.coordinator.sql.PostgresSettings.DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            throw db.get("port").error(port + " is not a port (expected 1..65535)");
        }
        String user = db.text("user", "");
        if (user.isBlank()) {
            throw (db.has("user") ? db.get("user") : db).error("a postgresql lease-database needs 'user': the role to log in as");
        }
        int given = (db.has("password") ? 1 : 0) + (db.has("password-file") ? 1 : 0) + (db.has("password-env") ? 1 : 0);
        if (given > 1) {
            throw db.error("give one of 'password', 'password-file' and 'password-env'");
        }
        String password = db.text("password", "");
        if (db.has("password-file")) {
            ConfigNode f = db.get("password-file");
            Path file = baseDir == null ? Path.of(f.text()) : baseDir.resolve(f.text());
            try {
                password = java.nio.file.Files.readString(file).strip();
            } catch (java.io.IOException e) {
                throw f.error("cannot read the password file " + file + ": " + e.getMessage());
            }
        } else if (db.has("password-env")) {
            ConfigNode v = db.get("password-env");
            String value = System.getenv(v.text());
            if (value == null) {
                throw v.error("environment variable " + v.text() + " is not set");
            }
            password = value;
        }
        long timeout = db.uint32("connect-timeout", 5);
        try {
            return dev.kakapo.coordinator.sql.PostgresSettings.of(host, port, name.text(), user, password)
                    .withConnectTimeoutSeconds((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout)));
        } catch (IllegalArgumentException e) {
            throw db.error(e.getMessage());
        }
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

    static void dhcpDdns(ConfigNode node) throws ConfigException {
        if (node.isMissing()) {
            return;
        }
        node.object();
        if (node.bool("enable-updates", false)) {
            throw node.get("enable-updates").error("DNS updates are not supported yet (expected false)");
        }
    }

    /** {@code hooks-libraries}: the key check lets only an empty list through; here its type is checked. */
    static void hooksLibraries(ConfigNode hooks) throws ConfigException {
        if (!hooks.isMissing()) {
            hooks.elements();
        }
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
