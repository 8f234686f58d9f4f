package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.option.OptionDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads and checks the {@code Dhcp4} section of a Kea-format configuration file.
 *
 * <p>Two passes: {@link Dhcp4Keys} first checks every key of the document in document order (so
 * the first key Kakapo cannot honour is the one named), then the values are read, option-def
 * before option-data and globals before the subnets that inherit them, as Kea does.
 */
public final class Dhcp4ConfigParser {
    private Dhcp4ConfigParser() {
    }

    static final Path DEFAULT_LEASE_FILE = Path.of("/var/lib/kakapo/kakapo-leases4.csv");

    /** Kea's logging severities, most verbose first. */
    private static final List<String> SEVERITIES = List.of("DEBUG", "INFO", "WARN", "ERROR", "FATAL", "NONE");

    /** Logger names of the other Kea daemons: their loggers in a shared {@code Logging} section do not concern us. */
    private static final List<String> OTHER_DAEMON_LOGGERS = List.of("kea-dhcp6", "kea-dhcp-ddns", "kea-ctrl-agent", "kea-netconf");

    /** Reads {@code file}; a relative lease file {@code name} resolves against the file's folder. */
    public static Dhcp4Config parseFile(Path file) throws ConfigException, IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Path folder = file.toAbsolutePath().getParent();
        return parse(json, folder);
    }

    /** Parses configuration text; a relative lease file {@code name} resolves against {@code baseDir}. */
    public static Dhcp4Config parse(String json, Path baseDir) throws ConfigException {
        List<String> notes = new ArrayList<>();
        ConfigNode root = ConfigNode.root(KeaJsonSyntax.read(json, notes));
        if (!root.json().isObject()) {
            throw root.error("the configuration must be one JSON object, got " + ConfigNode.describe(root.json()));
        }
        Dhcp4Keys.checkDocument(root);
        ConfigNode dhcp4 = root.get("Dhcp4");
        if (dhcp4.isMissing()) {
            throw root.error("no mandatory 'Dhcp4' entry (expected {\"Dhcp4\": {...}})");
        }
        dhcp4.object();

        List<OptionDefinition> definitions = OptionDefReader.read(dhcp4.get("option-def"));
        OptionCatalog catalog = OptionCatalog.dhcp4().with(
                definitions.stream().filter(d -> d.space().equals("dhcp4")).toList());
        OptionDataReader optionData = new OptionDataReader(catalog, definitions);

        boolean authoritative = dhcp4.bool("authoritative", false);
        Subnet4Reader.Inherited inherited = new Subnet4Reader.Inherited(
                dhcp4.uint32("valid-lifetime"),
                dhcp4.uint32("renew-timer", -1),
                dhcp4.uint32("rebind-timer", -1),
                dhcp4.bool("match-client-id", true),
                authoritative,
                Subnet4Reader.nextServer(dhcp4.get("next-server"), 0));
        long declineProbationPeriod = dhcp4.uint32("decline-probation-period", 86400);
        boolean echoClientId = dhcp4.bool("echo-client-id", true);
        ConfigNode version = dhcp4.get("version");
        if (!version.isMissing() && !version.json().isTextual() && !version.json().isNumber()) {
            throw version.error("expected a string or number, got " + ConfigNode.describe(version.json()));
        }

        ConfigNode interfacesConfig = dhcp4.get("interfaces-config");
        List<String> interfaces = interfaces(interfacesConfig);
        Dhcp4Config.SocketType socketType = socketType(interfacesConfig, notes);
        List<ConfiguredOption> globalOptions = optionData.read(dhcp4.get("option-data"));
        List<Subnet4> subnets = new Subnet4Reader(inherited, optionData, notes).read(dhcp4.get("subnet4"));
        LeaseDatabase leaseDatabase = leaseDatabase(dhcp4.get("lease-database"), baseDir);
        ExpiredLeasesProcessing expired = expiredLeasesProcessing(dhcp4.get("expired-leases-processing"));
        multiThreading(dhcp4.get("multi-threading"), notes);
        dhcpDdns(dhcp4.get("dhcp-ddns"));
        ConfigNode hooks = dhcp4.get("hooks-libraries");
        if (!hooks.isMissing()) {
            hooks.elements();
        }
        List<ConfigNode> loggers = new ArrayList<>(dhcp4.list("loggers"));
        ConfigNode logging = root.get("Logging");
        if (!logging.isMissing()) {
            loggers.addAll(logging.object().list("loggers"));
        }
        String logSeverity = logSeverity(loggers);

        return new Dhcp4Config(interfaces, socketType, subnets, globalOptions, catalog, declineProbationPeriod,
                echoClientId, authoritative, leaseDatabase, expired, logSeverity, notes);
    }

    /** {@code interfaces}: "*", "eth0" or "eth0/192.0.2.1" (then only that address is bound: unicast traffic only). */
    private static List<String> interfaces(ConfigNode config) throws ConfigException {
        if (config.isMissing()) {
            return List.of();
        }
        config.object();
        config.bool("re-detect", false);
        List<String> names = new ArrayList<>();
        for (ConfigNode entry : config.list("interfaces")) {
            String text = entry.text();
            int slash = text.indexOf('/');
            String name = slash < 0 ? text : text.substring(0, slash);
            if (name.isBlank()) {
                throw entry.error("empty interface name in '" + text + "' (expected \"*\", \"eth0\" or \"eth0/192.0.2.1\")");
            }
            if (slash >= 0) {
                try {
                    Ipv4.parse(text.substring(slash + 1));
                } catch (IllegalArgumentException e) {
                    throw entry.error("invalid address in '" + text + "': " + e.getMessage()
                            + " (expected \"eth0/192.0.2.1\")");
                }
            }
            names.add(slash < 0 ? name : name + "/" + text.substring(slash + 1).strip());
        }
        return names;
    }

    private static Dhcp4Config.SocketType socketType(ConfigNode config, List<String> notes) throws ConfigException {
        ConfigNode type = config.get("dhcp-socket-type");
        if (type.isMissing()) {
            return Dhcp4Config.SocketType.RAW; // Kea's default
        }
        switch (type.text()) {
            case "udp":
                return Dhcp4Config.SocketType.UDP;
            case "raw":
                notes.add(type.path() + ": Kakapo uses UDP sockets; replies to clients that have no address yet"
                        + " are broadcast instead of sent by raw socket");
                return Dhcp4Config.SocketType.RAW;
            default:
                throw type.error("unknown socket type '" + type.text() + "' (expected \"raw\" or \"udp\")");
        }
    }

    private static LeaseDatabase leaseDatabase(ConfigNode db, Path baseDir) throws ConfigException {
        if (db.isMissing()) {
            return new LeaseDatabase("memfile", DEFAULT_LEASE_FILE, true, 3600);
        }
        db.object();
        ConfigNode type = db.get("type");
        if (type.isMissing()) {
            throw type.error("missing mandatory 'type' of lease-database (expected \"memfile\")");
        }
        if (!type.text().equals("memfile")) {
            throw type.error("unknown lease-database type '" + type.text() + "' (expected \"memfile\")");
        }
        Path file = DEFAULT_LEASE_FILE;
        ConfigNode name = db.get("name");
        if (!name.isMissing()) {
            if (name.text().isBlank()) {
                throw name.error("empty lease file name (expected a path such as \"/var/lib/kakapo/leases4.csv\")");
            }
            file = baseDir == null ? Path.of(name.text()) : baseDir.resolve(name.text());
        }
        return new LeaseDatabase("memfile", file, db.bool("persist", true), db.uint32("lfc-interval", 3600));
    }

    private static ExpiredLeasesProcessing expiredLeasesProcessing(ConfigNode node) throws ConfigException {
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

    private static void multiThreading(ConfigNode node, List<String> notes) throws ConfigException {
        if (node.isMissing()) {
            return;
        }
        node.object();
        node.bool("enable-multi-threading", true);
        node.uint32("thread-pool-size", 0);
        node.uint32("packet-queue-size", 0);
        notes.add(node.path() + ": accepted; Kakapo's packet path is always concurrent, so these values are not used");
    }

    private static void dhcpDdns(ConfigNode node) throws ConfigException {
        if (node.isMissing()) {
            return;
        }
        node.object();
        if (node.bool("enable-updates", false)) {
            throw node.get("enable-updates").error("DNS updates are not supported yet (expected false)");
        }
    }

    /** The most verbose severity any of our loggers asks for; INFO when none says. */
    private static String logSeverity(List<ConfigNode> loggers) throws ConfigException {
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
            if (OTHER_DAEMON_LOGGERS.stream().anyMatch(name::startsWith)) {
                continue;
            }
            int rank = SEVERITIES.indexOf(level);
            mostVerbose = mostVerbose < 0 ? rank : Math.min(mostVerbose, rank);
        }
        if (mostVerbose < 0) {
            return "INFO";
        }
        // NONE silences a logger; the nearest level Dhcp4Config can hold is FATAL
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
