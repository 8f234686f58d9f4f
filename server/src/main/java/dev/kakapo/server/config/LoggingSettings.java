package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a process logs: the line format and the level of each area. Kea's {@code loggers} entries
 * (in {@code Dhcp4}, {@code Dhcp6}, {@code DhcpDdns} or the top-level {@code Logging}) name
 * areas such as {@code kea-dhcp4.leases}; each maps onto one or more Kakapo logger names
 * ({@link #AREAS}). The format is Kakapo's own:
 * <pre>
 * "Kakapo": { "logging": { "format": "json" } }     // or "line", the default
 * </pre>
 *
 * @param format the line format
 * @param levels Kakapo logger name to Kea severity (DEBUG, INFO, WARN, ERROR, FATAL, NONE), the
 *               process's root {@code dev.kakapo} first; when two entries land on one logger the
 *               more verbose wins
 * @param notes  logger names Kakapo has no area for, to be logged once
 */
public record LoggingSettings(Format format, Map<String, String> levels, List<String> notes) {

    /** Lines of key=value fields, or one JSON object per line with the same fields. */
    public enum Format {
        LINE, JSON
    }

    public static final LoggingSettings DEFAULT = new LoggingSettings(Format.LINE, Map.of("dev.kakapo", "INFO"), List.of());

    /** The part of a Kea logger name after {@code kea-dhcp4.} / {@code kea-dhcp6.}, and the Kakapo loggers it sets. */
    public static final Map<String, List<String>> AREAS = areas();

    private static final List<String> SEVERITIES = List.of("DEBUG", "INFO", "WARN", "ERROR", "FATAL", "NONE");
    private static final Set<String> ROOTS = Set.of("kea-dhcp4", "kea-dhcp6", "kea-dhcp-ddns");
    private static final Set<String> LOGGING_KEYS = Set.of("format", "comment", "user-context");

    public LoggingSettings {
        levels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(levels));
        notes = List.copyOf(notes);
    }

    private static Map<String, List<String>> areas() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("dhcp4", List.of("dev.kakapo.server.dhcp4"));
        m.put("dhcp6", List.of("dev.kakapo.server.dhcp6"));
        m.put("leases", List.of("dev.kakapo.server.dhcp4.leases", "dev.kakapo.server.dhcp6.leases", "dev.kakapo.server.reclaim"));
        m.put("alloc-engine", List.of("dev.kakapo.server.dhcp4.leases", "dev.kakapo.server.dhcp6.leases", "dev.kakapo.server.reclaim"));
        m.put("packets", List.of("dev.kakapo.server.packets", "dev.kakapo.server.net"));
        m.put("ddns", List.of("dev.kakapo.server.ddns"));
        m.put("dhcp-to-d2", List.of("dev.kakapo.server.ddns"));
        m.put("hosts", List.of("dev.kakapo.server.hosts"));
        m.put("hooks", List.of("dev.kakapo.server.hooks"));
        m.put("callouts", List.of("dev.kakapo.server.hooks"));
        m.put("eval", List.of("dev.kakapo.server.classify"));
        m.put("commands", List.of("dev.kakapo.server.control"));
        m.put("dhcp4o6", List.of("dev.kakapo.server.dhcp4o6"));
        m.put("dhcpsrv", List.of("dev.kakapo.server"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Reads the loggers and {@code Kakapo.logging} of a configuration file's text (comments and Kea's syntax allowed). */
    public static LoggingSettings read(String json) throws ConfigException {
        return read(ConfigNode.root(KeaJsonSyntax.read(json, new ArrayList<>())));
    }

    static LoggingSettings read(ConfigNode root) throws ConfigException {
        Format format = Format.LINE;
        ConfigNode logging = root.get("Kakapo").get("logging");
        if (!logging.isMissing()) {
            logging.object();
            for (Map.Entry<String, ConfigNode> e : logging.fields()) {
                if (!LOGGING_KEYS.contains(e.getKey())) {
                    throw e.getValue().error("unknown key '" + e.getKey() + "' (expected one of: format, comment, user-context)");
                }
            }
            String f = logging.text("format", "line");
            format = switch (f) {
                case "line" -> Format.LINE;
                case "json" -> Format.JSON;
                default -> throw logging.get("format").error("unknown log format '" + f + "' (expected \"line\" or \"json\")");
            };
        }
        List<ConfigNode> loggers = new ArrayList<>();
        for (String section : List.of("Dhcp4", "Dhcp6", "DhcpDdns", "Logging")) {
            ConfigNode s = root.get(section);
            if (!s.isMissing() && s.has("loggers")) {
                loggers.addAll(s.list("loggers"));
            }
        }
        Map<String, String> levels = new LinkedHashMap<>();
        Map<String, String> children = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (ConfigNode logger : loggers) {
            logger.object();
            String name = logger.text("name", "");
            ConfigNode severity = logger.get("severity");
            String level = severity.isMissing() ? "INFO" : severity.text();
            if (!SEVERITIES.contains(level)) {
                throw severity.error("unknown severity '" + level + "' (expected one of: " + String.join(", ", SEVERITIES) + ")");
            }
            int dot = name.indexOf('.');
            String daemon = dot < 0 ? name : name.substring(0, dot);
            if (!ROOTS.contains(daemon)) {
                notes.add(logger.path() + ": logger '" + name + "' is no Kakapo area (expected kea-dhcp4, kea-dhcp6, kea-dhcp-ddns"
                        + " or one of their children)");
                continue;
            }
            if (dot < 0) {
                moreVerbose(levels, "dev.kakapo", level);
            } else if (daemon.equals("kea-dhcp-ddns")) {
                moreVerbose(children, "dev.kakapo.ddns", level);
            } else {
                List<String> targets = AREAS.get(name.substring(dot + 1));
                if (targets == null) {
                    notes.add(logger.path() + ": logger '" + name + "' is no Kakapo area (expected " + daemon + "."
                            + String.join(", " + daemon + ".", AREAS.keySet()) + ")");
                    continue;
                }
                for (String target : targets) {
                    moreVerbose(children, target, level);
                }
            }
        }
        levels.putIfAbsent("dev.kakapo", "INFO");
        levels.putAll(children);
        return new LoggingSettings(format, levels, notes);
    }

    private static void moreVerbose(Map<String, String> levels, String logger, String severity) {
        levels.merge(logger, severity, (a, b) -> SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b);
    }

    /** The same settings with the whole process at DEBUG ({@code -d}); explicit areas keep their levels. */
    public LoggingSettings debug() {
        Map<String, String> l = new LinkedHashMap<>(levels);
        l.put("dev.kakapo", "DEBUG");
        return new LoggingSettings(format, l, notes);
    }
}
