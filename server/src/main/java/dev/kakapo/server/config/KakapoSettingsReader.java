package dev.kakapo.server.config;

import dev.kakapo.coordinator.cluster.ClusterSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code Kakapo} section:
 * <pre>
 * "Kakapo": { "cluster": { "name": "kakapo", "members": [ "192.0.2.11:5701", ... ],
 *                          "kubernetes-service-dns": "kakapo-coordinator.dhcp.svc.cluster.local",
 *                          "port": 5701, "quorum": 2 },
 *             "ddns-workers": [ "192.0.2.5:53001", "workers.ddns.example:53001", "[2001:db8::5]:53001" ],
 *             "ddns-tls": { "trust-anchor": "ca.pem", "cert-file": "node.pem", "key-file": "node-key.pem" },
 *             "rate-limits": { "per-client": "10 packets per second", "per-relay": "2000 packets per second",
 *                              "max-tracked": 65536 } }
 * </pre>
 * A ddns-worker named by a DNS name stands for every address the name resolves to. {@code ddns-tls}
 * is read by {@link DdnsTlsReader}, here as a DHCP server's end of the channel.
 */
final class KakapoSettingsReader {
    // "control" is read with the sections' control sockets (ControlSettingsReader), "logging" by LoggingSettings
    private static final Set<String> SECTION_KEYS = Set.of("cluster", "ddns-workers", "ddns-tls", "rate-limits", "control",
            "logging", "comment", "user-context");
    private static final Set<String> RATE_LIMIT_KEYS = Set.of("per-client", "per-relay", "max-tracked", "comment", "user-context");
    private static final Set<String> CLUSTER_KEYS = Set.of("name", "members", "kubernetes-service-dns", "port", "quorum", "connect-timeout",
            "comment", "user-context");

    private KakapoSettingsReader() {
    }

    /** The section, its TLS files read (relative names against {@code baseDir}). */
    static KakapoSettings read(ConfigNode section, Path baseDir) throws ConfigException {
        return read(section, baseDir, true);
    }

    /** Checks the section's keys and values, leaving its files alone (a document's key check). */
    static void checkKeys(ConfigNode section) throws ConfigException {
        read(section, null, false);
    }

    private static KakapoSettings read(ConfigNode section, Path baseDir, boolean readFiles) throws ConfigException {
        if (section.isMissing()) {
            return KakapoSettings.ALL_IN_ONE;
        }
        section.object();
        onlyKeys(section, SECTION_KEYS);
        return new KakapoSettings(cluster(section.get("cluster")), ddnsWorkers(section.get("ddns-workers")),
                DdnsTlsReader.read(section.get("ddns-tls"), baseDir, DdnsTlsReader.End.DHCP_SERVER, readFiles),
                rateLimits(section.get("rate-limits")));
    }

    /** {@code rate-limits}: each rate in Kea's limits-hook words; a section with neither rate limits nothing. */
    private static RateLimits rateLimits(ConfigNode limits) throws ConfigException {
        if (limits.isMissing()) {
            return RateLimits.OFF;
        }
        limits.object();
        onlyKeys(limits, RATE_LIMIT_KEYS);
        RateLimit perClient = rate(limits.get("per-client"));
        RateLimit perRelay = rate(limits.get("per-relay"));
        long tracked = limits.has("max-tracked") ? limits.get("max-tracked").uint(RateLimits.MAX_TRACKED) : RateLimits.DEFAULT_TRACKED;
        if (tracked < 1) {
            throw limits.get("max-tracked").error("must be at least 1 (expected 1.." + RateLimits.MAX_TRACKED + ")");
        }
        return new RateLimits(perClient, perRelay, (int) tracked);
    }

    private static RateLimit rate(ConfigNode value) throws ConfigException {
        if (value.isMissing()) {
            return null;
        }
        String text = value.text();
        String expected = " (expected \"N packets per second\", \"N packets per minute\" or \"N packets per hour\", N at least 1)";
        RateLimit limit;
        try {
            limit = RateLimit.parse(text);
        } catch (IllegalArgumentException e) {
            throw value.error("'" + text + "': " + e.getMessage());
        }
        if (limit == null) {
            throw value.error("'" + text + "' is not a rate" + expected);
        }
        return limit;
    }

    private static ClusterSettings cluster(ConfigNode cluster) throws ConfigException {
        if (cluster.isMissing()) {
            return null;
        }
        cluster.object();
        onlyKeys(cluster, CLUSTER_KEYS);
        String name = cluster.text("name", "kakapo");
        if (name.isBlank()) {
            throw cluster.get("name").error("empty cluster name (expected a name shared by every node, e.g. \"kakapo\")");
        }
        int port = (int) cluster.uint32("port", ClusterSettings.DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            throw cluster.get("port").error(port + " is not a port (expected 1..65535)");
        }
        List<String> members = new ArrayList<>();
        if (cluster.has("members")) {
            for (ConfigNode m : cluster.list("members")) {
                members.add(member(m, port));
            }
        }
        String dns = cluster.text("kubernetes-service-dns", null);
        if (members.isEmpty() && dns == null) {
            throw cluster.error("a cluster needs \"members\" (coordinator addresses) or \"kubernetes-service-dns\"");
        }
        if (!members.isEmpty() && dns != null) {
            throw cluster.get("kubernetes-service-dns").error("give either \"members\" or \"kubernetes-service-dns\", not both");
        }
        int quorum = (int) cluster.uint32("quorum", 0);
        if (!members.isEmpty() && quorum > members.size()) {
            throw cluster.get("quorum").error("quorum " + quorum + " is more than the " + members.size() + " members listed");
        }
        long connectTimeout = cluster.uint32("connect-timeout", ClusterSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS);
        if (connectTimeout < 1 || connectTimeout > 86400) {
            throw cluster.get("connect-timeout").error(connectTimeout + " is not a number of seconds from 1 to 86400");
        }
        return new ClusterSettings(name, members, dns, port, quorum, (int) connectTimeout);
    }

    private static final java.util.regex.Pattern MEMBER =
            java.util.regex.Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+)(?::(\\d{1,5}))?");

    /** "host:port", or "host" with the cluster port; IPv6 literals in brackets ("[2001:db8::11]:5701"). */
    private static String member(ConfigNode m, int defaultPort) throws ConfigException {
        String text = m.text().strip();
        java.util.regex.Matcher match = MEMBER.matcher(text);
        if (!match.matches()) {
            throw m.error("'" + text + "' is not a member address (expected \"host:port\", \"host\", or \"[2001:db8::11]:5701\")");
        }
        if (match.group(2) == null) {
            return match.group(1) + ":" + defaultPort;
        }
        int p = Integer.parseInt(match.group(2));
        if (p < 1 || p > 65535) {
            throw m.error("'" + text + "' has no valid port (expected 1..65535)");
        }
        return text;
    }

    /** A DNS name: letters, digits and hyphens in dot-separated labels (a trailing dot allowed). */
    private static final java.util.regex.Pattern HOST_NAME =
            java.util.regex.Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");

    private static List<DdnsWorker> ddnsWorkers(ConfigNode list) throws ConfigException {
        if (list.isMissing()) {
            return List.of();
        }
        List<DdnsWorker> workers = new ArrayList<>();
        for (ConfigNode entry : list.elements()) {
            workers.add(ddnsWorker(entry));
        }
        if (workers.isEmpty()) {
            throw list.error("no ddns-workers listed (expected e.g. [\"192.0.2.5:53001\"], or leave the key out to use"
                    + " dhcp-ddns/server-ip and server-port)");
        }
        return workers;
    }

    /** "host:port" (port 53001 when left out); an IPv6 address in brackets. */
    private static DdnsWorker ddnsWorker(ConfigNode entry) throws ConfigException {
        String text = entry.text().strip();
        String expected = " (expected \"192.0.2.5:53001\", \"workers.ddns.example:53001\" or \"[2001:db8::5]:53001\")";
        java.util.regex.Matcher match = MEMBER.matcher(text);
        if (!match.matches()) {
            throw entry.error("'" + text + "' is not a ddns-worker address" + expected);
        }
        String host = match.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            try {
                dev.kakapo.coordinator.lease.Ipv6Address.parse(host);
            } catch (IllegalArgumentException e) {
                throw entry.error("'" + host + "' is not an IPv6 address" + expected);
            }
        } else if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            try {
                dev.kakapo.coordinator.lease.Ipv4.parse(host);
            } catch (IllegalArgumentException e) {
                throw entry.error("'" + host + "' is not an IPv4 address" + expected);
            }
        } else if (!HOST_NAME.matcher(host).matches() || host.length() > 253) {
            throw entry.error("'" + host + "' is neither an IPv4 address nor a DNS name" + expected);
        }
        int port = match.group(2) == null ? DdnsSettings.DEFAULT_SERVER_PORT : Integer.parseInt(match.group(2));
        if (port < 1 || port > 65535) {
            throw entry.error("'" + text + "' has no valid port (expected 1..65535)");
        }
        return new DdnsWorker(host, port);
    }

    private static void onlyKeys(ConfigNode node, Set<String> allowed) throws ConfigException {
        for (Map.Entry<String, ConfigNode> e : node.fields()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' (expected one of: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
