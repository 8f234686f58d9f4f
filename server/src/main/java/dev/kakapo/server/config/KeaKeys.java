package dev.kakapo.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which keys each object of a configuration may hold: the map of what Kakapo reads from Kea's
 * format, for the {@code Dhcp4} and the {@code Dhcp6} section. Checked over the whole document in
 * document order before any value is read, so the first key Kakapo cannot honour is the one
 * reported, and nothing is silently ignored.
 */
final class KeaKeys {
    private KeaKeys() {
    }

    /** What a key's value must look like for the key to be supported (types are checked later). */
    @FunctionalInterface
    private interface KeyRule {
        void check(ConfigNode value, DhcpFamily family) throws ConfigException;
    }

    private static final KeyRule ANY_VALUE = (value, family) -> { };

    /**
     * An object (or each object of a list) whose keys are checked against {@code keys}. A key
     * outside them is "not supported yet" when the Kea daemon of the family knows it, else unknown.
     */
    private record Scope(String what, Map<String, KeyRule> keys) implements KeyRule {
        @Override
        public void check(ConfigNode value, DhcpFamily family) throws ConfigException {
            if (value.json().isObject()) {
                checkObject(value, family);
            } else if (value.json().isArray()) {
                for (ConfigNode element : value.elements()) {
                    if (element.json().isObject()) {
                        checkObject(element, family);
                    }
                }
            }
        }

        private void checkObject(ConfigNode object, DhcpFamily family) throws ConfigException {
            for (Map.Entry<String, ConfigNode> field : object.fields()) {
                String key = field.getKey();
                ConfigNode value = field.getValue();
                KeyRule rule = keys.get(key);
                if (rule != null) {
                    rule.check(value, family);
                } else if (key.equals("comment")) {
                    value.text();
                } else if (key.equals("user-context")) {
                    value.object();
                } else if (keaKnows(family, key)) {
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

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
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

    // ---- objects both sections hold ----

    private static final Scope OUTPUT_OPTIONS = scope("a logger's output options",
            "output", "flush", "maxsize", "maxver", "pattern");
    private static final Scope LOGGER = scope("a logger",
            "name", "output_options", OUTPUT_OPTIONS, "output-options", OUTPUT_OPTIONS, "severity", "debuglevel");
    private static final Scope OPTION_DATA = scope("option-data",
            "name", "code", "data", "csv-format", "space", "always-send");
    private static final Scope OPTION_DEF = scope("option-def",
            "name", "code", "type", "array", "record-types", "space", "encapsulate");
    /** Kea 1.1's client-class (one name) and today's lists; the names are checked when read. */
    private static final Object[] CLASS_KEYS = {"client-class", "client-classes", "require-client-classes",
            "evaluate-additional-classes"};
    private static final Scope POOL = scope("a pool", concat(new Object[] {"pool", "option-data", OPTION_DATA}, CLASS_KEYS));
    private static final Scope RELAY = scope("relay", "ip-address", "ip-addresses");
    private static final Scope LEASE_DATABASE = scope("lease-database",
            "type", "name", "persist", "lfc-interval", "host", "port", "user", "password", "connect-timeout",
            "contact-points", "keyspace", "consistency", "request-timeout",
            // Kakapo's: the password from a file or an environment variable instead of the config,
            // and the Cassandra data centre whose nodes a server talks to first
            "password-file", "password-env", "local-datacenter");
    private static final Scope EXPIRED_LEASES = scope("expired-leases-processing",
            "reclaim-timer-wait-time", "flush-reclaimed-timer-wait-time", "hold-reclaimed-time",
            "max-reclaim-leases", "max-reclaim-time", "unwarned-reclaim-cycles");
    private static final Scope MULTI_THREADING = scope("multi-threading",
            "enable-multi-threading", "thread-pool-size", "packet-queue-size");
    /** Kea 1.1's keys; the behaviour keys also exist as today's global ddns-* keys (DDNS_GLOBAL_KEYS). */
    private static final Scope DHCP_DDNS = scope("dhcp-ddns",
            "enable-updates", "qualifying-suffix", "server-ip", "server-port", "sender-ip", "sender-port",
            "max-queue-size", "ncr-protocol", "ncr-format", "always-include-fqdn", "override-no-update",
            "override-client-update", "replace-client-name", "generated-prefix", "allow-client-update");
    /** Today's Kea's DDNS behaviour at the global level (in a subnet they are not supported yet). */
    private static final Object[] DDNS_GLOBAL_KEYS = {"ddns-send-updates", "ddns-override-no-update",
            "ddns-override-client-update", "ddns-replace-client-name", "ddns-generated-prefix",
            "ddns-qualifying-suffix", "ddns-update-on-renew"};
    /**
     * Java hook libraries (a .jar) and Kea's hook libraries Kakapo has built in; the parameters are
     * checked when read.
     */
    private static final KeyRule BUILT_IN_LIBRARY = (value, family) -> {
        if (value.json().isTextual() && !HookLibraries.isJar(value.text()) && HookLibraries.builtIn(value.text()) == null) {
            throw value.error("hook library '" + value.text() + "' is a Kea feature Kakapo does not support yet"
                    + " (built in: " + HookLibraries.BUILT_IN_NAMES + "; or a Java hook library, a .jar)");
        }
    };
    private static final Scope HOOKS_LIBRARIES = scope("a hooks-libraries entry",
            "library", BUILT_IN_LIBRARY, "parameters",
            // Kakapo's: how a Java hook library's callouts are contained
            HookLibraries.CALLOUT_TIMEOUT, HookLibraries.ON_FAILURE);
    private static final Scope HOSTS_DATABASE = scope("hosts-database",
            "type", "name", "host", "port", "user", "password", "connect-timeout", "readonly",
            "max-reconnect-tries", "reconnect-wait-time",
            // Kakapo's: the password from a file or an environment variable, and the lookup cache
            "password-file", "password-env", "cache-size", "cache-lifetime");
    /** Kea 1.1's unix control-socket and today's http control-sockets, with their TLS keys. */
    private static final Scope CONTROL_CLIENT = scope("an authentication client",
            "user", "user-file", "password", "password-file", "password-env");
    private static final Scope CONTROL_AUTHENTICATION = scope("authentication",
            "type", "realm", "directory", "clients", CONTROL_CLIENT);
    private static final Scope CONTROL_SOCKET = scope("a control socket",
            "socket-type", "socket-name", "socket-address", "socket-port", "authentication", CONTROL_AUTHENTICATION,
            "trust-anchor", "cert-file", "key-file", "cert-required",
            // Kakapo's: listening beyond loopback without authentication must be asked for
            "allow-unauthenticated");
    private static final Object[] RESERVATION_FLAG_KEYS = {"reservation-mode", "reservations-global",
            "reservations-in-subnet", "reservations-out-of-pool"};

    // ---- Dhcp4 ----

    private static final Scope RESERVATION4 = scope("a reservation",
            "hw-address", "duid", "circuit-id", "client-id", "flex-id", "ip-address", "hostname", "option-data",
            OPTION_DATA, "next-server", "server-hostname", "boot-file-name", "client-classes");

    private static final Scope SUBNET4 = scope("a subnet4 entry", concat(new Object[] {
            "id", "subnet", "pools", POOL, "valid-lifetime", "renew-timer", "rebind-timer", "next-server",
            "match-client-id", "interface", "relay", RELAY, "option-data", OPTION_DATA,
            "reservations", RESERVATION4, "authoritative", "4o6-interface", "4o6-interface-id", "4o6-subnet"},
            concat(CLASS_KEYS, RESERVATION_FLAG_KEYS)));
    private static final Scope CLIENT_CLASS4 = scope("a client class",
            "name", "test", "option-data", OPTION_DATA, "option-def", OPTION_DEF, "next-server", "server-hostname",
            "boot-file-name", "only-if-required", "only-in-additional-list");
    private static final Scope INTERFACES_CONFIG4 = scope("interfaces-config",
            "interfaces", "dhcp-socket-type", "re-detect");

    static final Scope DHCP4 = scope("Dhcp4", concat(new Object[] {
            "valid-lifetime", "renew-timer", "rebind-timer", "decline-probation-period", "echo-client-id",
            "match-client-id", "next-server", "authoritative", "interfaces-config", INTERFACES_CONFIG4,
            "lease-database", LEASE_DATABASE, "option-def", OPTION_DEF, "option-data", OPTION_DATA,
            "subnet4", SUBNET4, "expired-leases-processing", EXPIRED_LEASES, "loggers", LOGGER,
            "multi-threading", MULTI_THREADING, "dhcp-ddns", DHCP_DDNS, "hooks-libraries", HOOKS_LIBRARIES, "version",
            "client-classes", CLIENT_CLASS4, "host-reservation-identifiers", "reservations", RESERVATION4,
            "hosts-database", HOSTS_DATABASE, "hosts-databases", HOSTS_DATABASE, "dhcp4o6-port",
            "control-socket", CONTROL_SOCKET, "control-sockets", CONTROL_SOCKET},
            concat(RESERVATION_FLAG_KEYS, DDNS_GLOBAL_KEYS)));

    // ---- Dhcp6 ----

    // ip-address is let through so the reader can say that DHCPv6 lists addresses in ip-addresses
    private static final Scope RESERVATION6 = scope("a reservation",
            "duid", "hw-address", "flex-id", "ip-addresses", "ip-address", "prefixes", "hostname", "option-data", OPTION_DATA,
            "client-classes");

    private static final Scope PD_POOL = scope("a pd-pool", concat(new Object[] {
            "prefix", "prefix-len", "delegated-len", "option-data", OPTION_DATA}, CLASS_KEYS));
    private static final Scope SUBNET6 = scope("a subnet6 entry", concat(new Object[] {
            "id", "subnet", "pools", POOL, "pd-pools", PD_POOL, "preferred-lifetime", "valid-lifetime",
            "renew-timer", "rebind-timer", "rapid-commit", "interface", "interface-id", "relay", RELAY,
            "option-data", OPTION_DATA, "reservations", RESERVATION6}, concat(CLASS_KEYS, RESERVATION_FLAG_KEYS)));
    private static final Scope CLIENT_CLASS6 = scope("a client class",
            "name", "test", "option-data", OPTION_DATA, "option-def", OPTION_DEF, "only-if-required",
            "only-in-additional-list");
    private static final Scope INTERFACES_CONFIG6 = scope("interfaces-config", "interfaces", "re-detect");
    private static final Scope SERVER_ID = scope("server-id",
            "type", "identifier", "htype", "time", "enterprise-id", "persist");

    /*
     * Not here on purpose: mac-sources (where the client's hardware address is read from) and
     * relay-supplied-options (options a relay may ask to have echoed to the client, RFC 6422).
     * Kakapo's DHCPv6 path implements neither, so accepting them would ignore them.
     */
    static final Scope DHCP6 = scope("Dhcp6", concat(new Object[] {
            "valid-lifetime", "preferred-lifetime", "renew-timer", "rebind-timer", "decline-probation-period",
            "interfaces-config", INTERFACES_CONFIG6, "lease-database", LEASE_DATABASE, "option-def", OPTION_DEF,
            "option-data", OPTION_DATA, "subnet6", SUBNET6, "server-id", SERVER_ID,
            "expired-leases-processing", EXPIRED_LEASES, "loggers", LOGGER, "multi-threading", MULTI_THREADING,
            "dhcp-ddns", DHCP_DDNS, "hooks-libraries", HOOKS_LIBRARIES, "version", "client-classes", CLIENT_CLASS6,
            "host-reservation-identifiers", "reservations", RESERVATION6,
            "hosts-database", HOSTS_DATABASE, "hosts-databases", HOSTS_DATABASE, "dhcp4o6-port",
            "control-socket", CONTROL_SOCKET, "control-sockets", CONTROL_SOCKET},
            concat(RESERVATION_FLAG_KEYS, DDNS_GLOBAL_KEYS)));

    /** The top-level sections a configuration may hold. */
    static final List<String> TOP_LEVEL = List.of("Dhcp4", "Dhcp6", "DhcpDdns", "Control-agent", "Netconf",
            "Logging", "Kakapo");

    /**
     * Checks every key of the document in document order: the top level, the sections of
     * {@code families} (the others belong to another daemon), {@code Logging.loggers} and the
     * {@code Kakapo} section.
     */
    static void checkDocument(ConfigNode root, Set<DhcpFamily> families) throws ConfigException {
        for (Map.Entry<String, ConfigNode> section : root.fields()) {
            String name = section.getKey();
            ConfigNode value = section.getValue();
            switch (name) {
                case "Dhcp4", "Dhcp6" -> {
                    DhcpFamily family = name.equals("Dhcp4") ? DhcpFamily.DHCP4 : DhcpFamily.DHCP6;
                    // a section that is not an object is refused when values are read
                    if (families.contains(family) && value.json().isObject()) {
                        (family == DhcpFamily.DHCP4 ? DHCP4 : DHCP6).check(value, family);
                    }
                }
                // logger keys are the same for both families
                case "Logging" -> LOGGER.check(value.get("loggers"), families.iterator().next());
                case "Kakapo" -> KakapoSettingsReader.checkKeys(value);
                case "DhcpDdns", "Control-agent", "Netconf" -> {
                    // other daemons' sections: not the DHCP server's business
                }
                default -> throw value.error("unknown top-level key '" + name + "' (expected one of: "
                        + String.join(", ", TOP_LEVEL) + ")");
            }
        }
    }

    /** Whether Kea's server for {@code family} (1.1 or today's) knows {@code key} at any level. */
    static boolean keaKnows(DhcpFamily family, String key) {
        return KEA_KEYS_BOTH.contains(key)
                || (family == DhcpFamily.DHCP4 ? KEA_KEYS_DHCP4_ONLY : KEA_KEYS_DHCP6_ONLY).contains(key);
    }

    /** Key names both of Kea's DHCP servers know (1.1 and today's): "not supported yet" rather than "unknown". */
    private static final Set<String> KEA_KEYS_BOTH = Set.of(
            "adaptive-lease-time-threshold", "allocator", "always-send", "array", "authentication", "cache-max-age",
            "cache-threshold", "calculate-tee-times", "capacity", "cert-file", "cert-required", "cipher-list",
            "client-class", "client-classes", "clients", "code", "compatibility", "config-control",
            "config-databases", "config-fetch-wait-time", "connect-timeout", "contact-points", "contact_points",
            "control-socket", "control-sockets", "csv-format", "data", "ddns-conflict-resolution-mode",
            "ddns-generated-prefix", "ddns-override-client-update", "ddns-override-no-update",
            "ddns-qualifying-suffix", "ddns-replace-client-name", "ddns-send-updates", "ddns-ttl", "ddns-ttl-max",
            "ddns-ttl-min", "ddns-ttl-percent", "ddns-update-on-renew", "ddns-use-conflict-resolution", "debuglevel",
            "decline-probation-period", "dhcp-ddns", "dhcp-queue-control", "dhcp4o6-port", "directory", "duid",
            "early-global-reservations-lookup", "enable-multi-threading", "enable-queue", "enable-updates",
            "encapsulate", "evaluate-additional-classes", "expired-leases-processing", "extended-info-checks",
            "flex-id", "flush", "flush-reclaimed-timer-wait-time", "hold-reclaimed-time", "hooks-libraries", "host",
            "host-reservation-identifiers", "hostname", "hostname-char-replacement", "hostname-char-set",
            "hosts-database", "hosts-databases", "http-headers", "hw-address", "id", "interface", "interfaces",
            "interfaces-config", "ip-address", "ip-addresses", "ip-reservations-unique", "key-file", "keyspace",
            "lease-checks", "lease-database", "lenient-option-parsing", "lfc-interval", "library", "loggers",
            "max-queue-size", "max-reclaim-leases", "max-reclaim-time", "max-reconnect-tries", "max-row-errors",
            "max-valid-lifetime", "maxsize", "maxver", "min-valid-lifetime", "multi-threading", "name", "ncr-format",
            "ncr-protocol", "never-send", "on-fail", "only-if-required", "only-in-additional-list", "option-data",
            "option-def", "output", "output-options", "output_options", "packet-queue-size", "parameters",
            "parked-packet-limit", "password", "password-file", "pattern", "persist", "pool", "pool-id", "pools",
            "port", "queue-type", "re-detect", "read-timeout", "readonly", "realm", "rebind-timer",
            "reclaim-timer-wait-time", "reconnect-wait-time", "record-types", "relay", "renew-timer",
            "require-client-classes", "reservation-mode", "reservations", "reservations-global",
            "reservations-in-subnet", "reservations-lookup-first", "reservations-out-of-pool", "retry-on-startup",
            "sanity-checks", "sender-ip", "sender-port", "server-ip", "server-port", "server-tag",
            "service-sockets-max-retries", "service-sockets-require-all", "service-sockets-retry-wait-time",
            "severity", "shared-networks", "socket-address", "socket-name", "socket-port", "socket-type", "space",
            "ssl-mode", "statistic-default-sample-age", "statistic-default-sample-count", "store-extended-info",
            "subnet", "t1-percent", "t2-percent", "tcp-user-timeout", "template-test", "test", "thread-pool-size",
            "trust-anchor", "type", "unwarned-reclaim-cycles", "user", "user-file", "valid-lifetime", "value",
            "write-timeout");

    /** Key names only Kea's DHCPv4 server knows. */
    private static final Set<String> KEA_KEYS_DHCP4_ONLY = Set.of(
            "4o6-interface", "4o6-interface-id", "4o6-subnet", "authoritative", "boot-file-name", "circuit-id",
            "client-id", "dhcp-socket-type", "echo-client-id", "exclude-first-last-24",
            "ignore-dhcp-server-identifier", "ignore-rai-link-selection", "match-client-id", "next-server",
            "offer-lifetime", "outbound-interface", "server-hostname", "stash-agent-options", "subnet4");

    /** Key names only Kea's DHCPv6 server knows. */
    private static final Set<String> KEA_KEYS_DHCP6_ONLY = Set.of(
            "allow-address-registration", "data-directory", "delegated-len", "enterprise-id", "excluded-prefix",
            "excluded-prefix-len", "excluded-prefixes", "htype", "identifier", "interface-id", "mac-sources",
            "max-preferred-lifetime", "min-preferred-lifetime", "pd-allocator", "pd-pools", "preferred-lifetime",
            "prefix", "prefix-len", "prefixes", "rapid-commit", "relay-supplied-options", "server-id", "subnet6",
            "time");
}
