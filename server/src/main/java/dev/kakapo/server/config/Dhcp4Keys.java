package dev.kakapo.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which keys each object of a configuration may hold: the map of what Kakapo reads from Kea's
 * format. Checked over the whole document in document order before any value is read, so the
 * first key Kakapo cannot honour is the one reported, and nothing is silently ignored.
 */
final class Dhcp4Keys {
    private Dhcp4Keys() {
    }

    /** What a key's value must look like for the key to be supported (types are checked later). */
    @FunctionalInterface
    private interface KeyRule {
        void check(ConfigNode value) throws ConfigException;
    }

    private static final KeyRule ANY_VALUE = value -> { };

    /** A supported key whose value Kakapo honours only when it is an empty list. */
    private static KeyRule emptyListOnly(String what) {
        return value -> {
            if (value.json().isArray() && !value.json().isEmpty()) {
                throw value.error(what + " is a Kea feature Kakapo does not support yet (only an empty list [] is accepted)");
            }
        };
    }

    /** An object (or each object of a list) whose keys are checked against {@code keys}. */
    private record Scope(String what, Map<String, KeyRule> keys) implements KeyRule {
        @Override
        public void check(ConfigNode value) throws ConfigException {
            if (value.json().isObject()) {
                checkObject(value);
            } else if (value.json().isArray()) {
                for (ConfigNode element : value.elements()) {
                    if (element.json().isObject()) {
                        checkObject(element);
                    }
                }
            }
        }

        private void checkObject(ConfigNode object) throws ConfigException {
            for (Map.Entry<String, ConfigNode> field : object.fields()) {
                String key = field.getKey();
                ConfigNode value = field.getValue();
                KeyRule rule = keys.get(key);
                if (rule != null) {
                    rule.check(value);
                } else if (key.equals("comment")) {
                    value.text();
                } else if (key.equals("user-context")) {
                    value.object();
                } else if (KEA_KEYS.contains(key)) {
                    throw value.error("'" + key + "' is a Kea key that Kakapo does not support yet in " + what
                            + " (supported here: " + supported() + ")");
                } else {
                    throw value.error("unknown key '" + key + "' in " + what + " (expected one of: " + supported() + ")");
                }
            }
        }

        private String supported() {
            return String.join(", ", keys.keySet()) + (keys.isEmpty() ? "comment, user-context" : ", comment, user-context");
        }
    }

    private static Scope scope(String what, Object... keysAndRules) {
        Map<String, KeyRule> keys = new LinkedHashMap<>();
        for (int i = 0; i < keysAndRules.length; i++) {
            String key = (String) keysAndRules[i];
            if (i + 1 < keysAndRules.length && keysAndRules[i + 1] instanceof KeyRule rule) {
                keys.put(key, rule);
                i++;
            } else {
                keys.put(key, ANY_VALUE);
            }
        }
        return new Scope(what, keys);
    }

    private static final KeyRule MEMFILE_ONLY = value -> {
        if (value.json().isTextual() && Set.of("mysql", "postgresql", "cql").contains(value.json().textValue())) {
            throw value.error("lease-database type '" + value.json().textValue()
                    + "' is not supported yet (expected \"memfile\")");
        }
    };

    private static final KeyRule NO_DNS_UPDATES = value -> {
        if (value.json().isBoolean() && value.json().booleanValue()) {
            throw value.error("DNS updates are not supported yet (expected \"enable-updates\": false)");
        }
    };

    private static final Scope OUTPUT_OPTIONS = scope("a logger's output options",
            "output", "flush", "maxsize", "maxver", "pattern");
    static final Scope LOGGER = scope("a logger",
            "name", "output_options", OUTPUT_OPTIONS, "output-options", OUTPUT_OPTIONS, "severity", "debuglevel");
    private static final Scope OPTION_DATA = scope("option-data",
            "name", "code", "data", "csv-format", "space", "always-send");
    private static final Scope OPTION_DEF = scope("option-def",
            "name", "code", "type", "array", "record-types", "space", "encapsulate");
    private static final Scope POOL = scope("a pool", "pool", "option-data", OPTION_DATA);
    private static final Scope RELAY = scope("relay", "ip-address", "ip-addresses");
    private static final Scope SUBNET = scope("a subnet4 entry",
            "id", "subnet", "pools", POOL, "valid-lifetime", "renew-timer", "rebind-timer", "next-server",
            "match-client-id", "interface", "relay", RELAY, "option-data", OPTION_DATA, "reservation-mode",
            "reservations", emptyListOnly("reservations with entries"), "authoritative");
    private static final Scope INTERFACES_CONFIG = scope("interfaces-config",
            "interfaces", "dhcp-socket-type", "re-detect");
    private static final Scope LEASE_DATABASE = scope("lease-database",
            "type", MEMFILE_ONLY, "name", "persist", "lfc-interval");
    private static final Scope EXPIRED_LEASES = scope("expired-leases-processing",
            "reclaim-timer-wait-time", "flush-reclaimed-timer-wait-time", "hold-reclaimed-time",
            "max-reclaim-leases", "max-reclaim-time", "unwarned-reclaim-cycles");
    private static final Scope MULTI_THREADING = scope("multi-threading",
            "enable-multi-threading", "thread-pool-size", "packet-queue-size");
    private static final Scope DHCP_DDNS = scope("dhcp-ddns", "enable-updates", NO_DNS_UPDATES);

    static final Scope DHCP4 = scope("Dhcp4",
            "valid-lifetime", "renew-timer", "rebind-timer", "decline-probation-period", "echo-client-id",
            "match-client-id", "next-server", "authoritative", "interfaces-config", INTERFACES_CONFIG,
            "lease-database", LEASE_DATABASE, "option-def", OPTION_DEF, "option-data", OPTION_DATA,
            "subnet4", SUBNET, "expired-leases-processing", EXPIRED_LEASES, "loggers", LOGGER,
            "multi-threading", MULTI_THREADING, "dhcp-ddns", DHCP_DDNS,
            "hooks-libraries", emptyListOnly("hooks-libraries with entries"), "version");

    /** The top-level sections a configuration may hold. */
    static final List<String> TOP_LEVEL = List.of("Dhcp4", "Dhcp6", "DhcpDdns", "Control-agent", "Netconf",
            "Logging", "Kakapo");

    /**
     * Checks every key of the document in document order: the top level, {@code Dhcp4},
     * {@code Logging.loggers} and the {@code Kakapo} section (which has no keys yet).
     */
    static void checkDocument(ConfigNode root) throws ConfigException {
        for (Map.Entry<String, ConfigNode> section : root.fields()) {
            String name = section.getKey();
            ConfigNode value = section.getValue();
            switch (name) {
                case "Dhcp4" -> {
                    if (value.json().isObject()) { // anything else is refused when values are read
                        DHCP4.check(value);
                    }
                }
                case "Logging" -> LOGGER.check(value.get("loggers"));
                case "Kakapo" -> {
                    List<Map.Entry<String, ConfigNode>> keys = value.object().fields();
                    if (!keys.isEmpty()) {
                        throw keys.get(0).getValue().error("unknown key '" + keys.get(0).getKey()
                                + "' in the Kakapo section (it has no settings yet)");
                    }
                }
                case "Dhcp6", "DhcpDdns", "Control-agent", "Netconf" -> {
                    // other daemons' sections: not the DHCPv4 server's business
                }
                default -> throw value.error("unknown top-level key '" + name + "' (expected one of: "
                        + String.join(", ", TOP_LEVEL) + ")");
            }
        }
    }

    /**
     * Key names Kea's DHCPv4 server knows (1.1 and today's), at any level: such a key gets "Kea
     * key Kakapo does not support yet" rather than "unknown key".
     */
    static final Set<String> KEA_KEYS = Set.of(
            "4o6-interface", "4o6-interface-id", "4o6-subnet", "adaptive-lease-time-threshold", "allocator",
            "always-send", "array", "authentication", "authoritative", "boot-file-name", "cache-max-age",
            "cache-threshold", "calculate-tee-times", "capacity", "cert-file", "cert-required", "cipher-list",
            "circuit-id", "client-class", "client-classes", "client-id", "clients", "code", "compatibility",
            "config-control", "config-databases", "config-fetch-wait-time", "connect-timeout", "contact-points",
            "contact_points", "control-socket", "control-sockets", "csv-format", "data",
            "ddns-conflict-resolution-mode", "ddns-generated-prefix", "ddns-override-client-update",
            "ddns-override-no-update", "ddns-qualifying-suffix", "ddns-replace-client-name", "ddns-send-updates",
            "ddns-ttl", "ddns-ttl-max", "ddns-ttl-min", "ddns-ttl-percent", "ddns-update-on-renew",
            "ddns-use-conflict-resolution", "debuglevel", "decline-probation-period", "dhcp-ddns",
            "dhcp-queue-control", "dhcp-socket-type", "dhcp4o6-port", "directory", "duid",
            "early-global-reservations-lookup", "echo-client-id", "enable-multi-threading", "enable-queue",
            "enable-updates", "encapsulate", "evaluate-additional-classes", "exclude-first-last-24",
            "expired-leases-processing", "extended-info-checks", "flex-id", "flush",
            "flush-reclaimed-timer-wait-time", "hold-reclaimed-time", "hooks-libraries", "host",
            "host-reservation-identifiers", "hostname", "hostname-char-replacement", "hostname-char-set",
            "hosts-database", "hosts-databases", "http-headers", "hw-address", "id",
            "ignore-dhcp-server-identifier", "ignore-rai-link-selection", "interface", "interfaces",
            "interfaces-config", "ip-address", "ip-addresses", "ip-reservations-unique", "key-file", "keyspace",
            "lease-checks", "lease-database", "lenient-option-parsing", "lfc-interval", "library", "loggers",
            "match-client-id", "max-queue-size", "max-reclaim-leases", "max-reclaim-time",
            "max-reconnect-tries", "max-row-errors", "max-valid-lifetime", "maxsize", "maxver",
            "min-valid-lifetime", "multi-threading", "name", "ncr-format", "ncr-protocol", "never-send",
            "next-server", "offer-lifetime", "on-fail", "only-if-required", "only-in-additional-list",
            "option-data", "option-def", "outbound-interface", "output", "output-options", "output_options",
            "packet-queue-size", "parameters", "parked-packet-limit", "password", "password-file", "pattern",
            "persist", "pool", "pool-id", "pools", "port", "queue-type", "re-detect", "read-timeout", "readonly",
            "realm", "rebind-timer", "reclaim-timer-wait-time", "reconnect-wait-time", "record-types", "relay",
            "renew-timer", "require-client-classes", "reservation-mode", "reservations", "reservations-global",
            "reservations-in-subnet", "reservations-lookup-first", "reservations-out-of-pool",
            "retry-on-startup", "sanity-checks", "sender-ip", "sender-port", "server-hostname", "server-ip",
            "server-port", "server-tag", "service-sockets-max-retries", "service-sockets-require-all",
            "service-sockets-retry-wait-time", "severity", "shared-networks", "socket-address", "socket-name",
            "socket-port", "socket-type", "space", "ssl-mode", "stash-agent-options",
            "statistic-default-sample-age", "statistic-default-sample-count", "store-extended-info", "subnet",
            "subnet4", "t1-percent", "t2-percent", "tcp-user-timeout", "template-test", "test",
            "thread-pool-size", "trust-anchor", "type", "unwarned-reclaim-cycles", "user", "user-file",
            "valid-lifetime", "value", "write-timeout");
}
