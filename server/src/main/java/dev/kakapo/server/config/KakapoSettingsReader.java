package dev.kakapo.server.config;

import dev.kakapo.coordinator.cluster.ClusterSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code Kakapo} section:
 * <pre>
 * "Kakapo": { "cluster": { "name": "kakapo", "members": [ "192.0.2.11:5701", ... ],
 *                          "kubernetes-service-dns": "kakapo-coordinator.dhcp.svc.cluster.local",
 *                          "port": 5701, "quorum": 2 } }
 * </pre>
 */
final class KakapoSettingsReader {
    private static final Set<String> SECTION_KEYS = Set.of("cluster", "comment", "user-context");
    private static final Set<String> CLUSTER_KEYS = Set.of("name", "members", "kubernetes-service-dns", "port", "quorum",
            "comment", "user-context");

    private KakapoSettingsReader() {
    }

    static KakapoSettings read(ConfigNode section) throws ConfigException {
        if (section.isMissing()) {
            return KakapoSettings.ALL_IN_ONE;
        }
        section.object();
        onlyKeys(section, SECTION_KEYS);
        ConfigNode cluster = section.get("cluster");
        if (cluster.isMissing()) {
            return KakapoSettings.ALL_IN_ONE;
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
        return new KakapoSettings(new ClusterSettings(name, members, dns, port, quorum));
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

    private static void onlyKeys(ConfigNode node, Set<String> allowed) throws ConfigException {
        for (Map.Entry<String, ConfigNode> e : node.fields()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' (expected one of: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
