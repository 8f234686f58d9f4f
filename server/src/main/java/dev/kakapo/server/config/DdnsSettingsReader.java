package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.ddns.tls.DdnsTls;
import dev.kakapo.protocol.dns.DomainName;
import dev.kakapo.server.config.DdnsSettings.NcrProtocol;
import dev.kakapo.server.config.DdnsSettings.ReplaceClientName;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@link DdnsSettings} from a {@code Dhcp4} or {@code Dhcp6} section: Kea 1.1's
 * {@code dhcp-ddns} object, where the behaviour keys lived, and today's Kea's global
 * {@code ddns-*} keys, which took them over. A behaviour may be set in one place or the other,
 * not both.
 */
final class DdnsSettingsReader {
    private DdnsSettingsReader() {
    }

    /** The longest address text a generated name holds: {@code 255-255-255-255} and eight groups of four hex digits. */
    private static final int LONGEST_V4_TEXT = 15;
    private static final int LONGEST_V6_TEXT = 39;

    /**
     * @param workers {@code Kakapo/ddns-workers}; when not empty they replace server-ip and server-port
     * @param tls     {@code Kakapo/ddns-tls}, or null for plaintext
     */
    static DdnsSettings read(ConfigNode section, DhcpFamily family, List<DdnsWorker> workers, DdnsTls tls,
                             List<String> notes) throws ConfigException {
        ConfigNode ddns = section.get("dhcp-ddns");
        if (!ddns.isMissing()) {
            ddns.object();
        }
        DdnsSettings d = DdnsSettings.DISABLED;
        boolean enable = ddns.bool("enable-updates", false);
        boolean send = section.bool("ddns-send-updates", d.sendUpdates());

        ConfigNode suffixNode = behaviour(section, ddns, "qualifying-suffix");
        DomainName suffix = suffixNode.isMissing() ? d.qualifyingSuffix() : domainName(suffixNode);
        if (enable && suffixNode.isMissing()) {
            notes.add(ddns.path() + ": no qualifying-suffix (Kea 1.1 asked for one when enable-updates is true);"
                    + " a partial name is made absolute as it is, as today's Kea does");
        }
        ConfigNode prefixNode = behaviour(section, ddns, "generated-prefix");
        String prefix = prefixNode.isMissing() ? d.generatedPrefix() : generatedPrefix(prefixNode, suffix, family);
        ConfigNode replaceNode = behaviour(section, ddns, "replace-client-name");
        ReplaceClientName replace = replaceNode.isMissing() ? d.replaceClientName() : replaceClientName(replaceNode);
        boolean overrideNoUpdate = flag(behaviour(section, ddns, "override-no-update"), d.overrideNoUpdate());
        boolean overrideClientUpdate = flag(behaviour(section, ddns, "override-client-update"), d.overrideClientUpdate());
        boolean updateOnRenew = section.bool("ddns-update-on-renew", d.updateOnRenew());

        boolean alwaysIncludeFqdn = ddns.bool("always-include-fqdn", d.alwaysIncludeFqdn());
        if (ddns.has("always-include-fqdn")) {
            notes.add(ddns.get("always-include-fqdn").path() + ": accepted; Kakapo answers a Client FQDN option"
                    + " with one, as Kea does");
        }
        if (ddns.has("allow-client-update")) {
            ddns.get("allow-client-update").bool();
            notes.add(ddns.get("allow-client-update").path() + ": accepted and ignored, as Kea 1.1 ignores it");
        }

        InetAddress serverIp = ddns.has("server-ip") ? address(ddns.get("server-ip")) : d.serverIp();
        int serverPort = port(ddns, "server-port", d.serverPort(), 1);
        boolean v6 = serverIp.getAddress().length == 16;
        InetAddress senderIp = ddns.has("sender-ip") ? address(ddns.get("sender-ip"))
                : DdnsSettings.address(new byte[v6 ? 16 : 4]);
        if ((senderIp.getAddress().length == 16) != v6) {
            throw ddns.get("sender-ip").error("'" + senderIp.getHostAddress() + "' is not of the same family as"
                    + " server-ip '" + serverIp.getHostAddress() + "'");
        }
        int senderPort = port(ddns, "sender-port", d.senderPort(), 0);
        if (senderIp.equals(serverIp) && senderPort == serverPort) {
            throw ddns.get("sender-port").error("the sender cannot use the address and port of the server ("
                    + serverIp.getHostAddress() + " port " + serverPort + ")");
        }
        long maxQueueSize = ddns.uint32("max-queue-size", d.maxQueueSize());
        if (maxQueueSize < 1) {
            throw ddns.get("max-queue-size").error("a queue of 0 requests would drop every request (expected 1 or more)");
        }
        NcrProtocol protocol = ncrProtocol(ddns, notes);
        String format = ddns.text("ncr-format", "JSON");
        if (!format.equals("JSON")) {
            throw ddns.get("ncr-format").error("unknown ncr-format '" + format + "' (expected \"JSON\")");
        }

        List<DdnsWorker> sendTo = workers;
        if (workers.isEmpty()) {
            byte[] server = serverIp.getAddress();
            String host = v6 ? Ipv6Address.fromBytes(server, 0).toText() : Ipv4.toText(Ipv4.fromBytes(server, 0));
            sendTo = List.of(new DdnsWorker(host, serverPort));
        } else if (ddns.has("server-ip") || ddns.has("server-port")) {
            notes.add(ddns.path() + ": server-ip and server-port are replaced by Kakapo/ddns-workers");
        }
        return new DdnsSettings(enable, send, suffix, prefix, replace, overrideNoUpdate, overrideClientUpdate,
                updateOnRenew, alwaysIncludeFqdn, serverIp, serverPort, senderIp, senderPort, maxQueueSize, protocol,
                sendTo, tls);
    }

    /**
     * The value of a behaviour key: Kea 1.1's {@code dhcp-ddns/<key>} or today's global
     * {@code ddns-<key>}, missing when neither is given.
     */
    private static ConfigNode behaviour(ConfigNode section, ConfigNode ddns, String key) throws ConfigException {
        ConfigNode old = ddns.get(key);
        ConfigNode today = section.get("ddns-" + key);
        if (!old.isMissing() && !today.isMissing()) {
            throw today.error("'" + old.path() + "' says the same; give one of them");
        }
        return today.isMissing() ? old : today;
    }

    private static boolean flag(ConfigNode node, boolean absent) throws ConfigException {
        return node.isMissing() ? absent : node.bool();
    }

    /** Any name, partial or absolute; "" means no suffix. */
    private static DomainName domainName(ConfigNode node) throws ConfigException {
        String text = node.text().strip();
        try {
            DomainName name = DomainName.parse(text);
            return name.isEmpty() ? DomainName.ROOT : name;
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage() + ", not a domain name (expected e.g. \"example.org\")");
        }
    }

    /**
     * A prefix such that a name made from any address, qualified with {@code suffix}, is a valid
     * DNS name: the prefix, a hyphen and the address's text form in its last label.
     */
    private static String generatedPrefix(ConfigNode node, DomainName suffix, DhcpFamily family) throws ConfigException {
        String prefix = node.text();
        if (prefix.isEmpty() || prefix.endsWith(".")) {
            throw node.error("'" + prefix + "' is not a prefix (expected a name such as \"myhost\")");
        }
        char[] longest = new char[family == DhcpFamily.DHCP4 ? LONGEST_V4_TEXT : LONGEST_V6_TEXT];
        Arrays.fill(longest, 'f');
        try {
            DomainName.parse(prefix + "-" + new String(longest)).qualify(suffix);
        } catch (IllegalArgumentException e) {
            throw node.error("'" + prefix + "' cannot start a generated name: with the longest " + family.protocolName()
                    + " address the name would break DNS limits (" + e.getMessage() + ")");
        }
        return prefix;
    }

    /** A mode name in any case; {@code true} and {@code false} are Kea 1.1's older spelling of always and never. */
    private static ReplaceClientName replaceClientName(ConfigNode node) throws ConfigException {
        if (node.json().isBoolean()) {
            return node.bool() ? ReplaceClientName.ALWAYS : ReplaceClientName.NEVER;
        }
        ReplaceClientName mode = ReplaceClientName.byKeaName(node.text());
        if (mode == null) {
            throw node.error("unknown mode '" + node.text()
                    + "' (expected \"never\", \"always\", \"when-present\" or \"when-not-present\")");
        }
        return mode;
    }

    private static InetAddress address(ConfigNode node) throws ConfigException {
        String text = node.text().strip();
        try {
            return DdnsSettings.address(text.indexOf(':') >= 0 ? Ipv6Address.parse(text).toBytes()
                    : Ipv4.toBytes(Ipv4.parse(text)));
        } catch (IllegalArgumentException e) {
            throw node.error("'" + text + "' is not an IP address (expected e.g. \"127.0.0.1\" or \"::1\")");
        }
    }

    private static int port(ConfigNode ddns, String key, int absent, int min) throws ConfigException {
        long port = ddns.uint32(key, absent);
        if (port < min || port > 65535) {
            throw ddns.get(key).error(port + " is not a port (expected " + min + "..65535)");
        }
        return (int) port;
    }

    private static NcrProtocol ncrProtocol(ConfigNode ddns, List<String> notes) throws ConfigException {
        ConfigNode node = ddns.get("ncr-protocol");
        if (node.isMissing()) {
            return NcrProtocol.UDP;
        }
        String text = node.text();
        NcrProtocol protocol = switch (text.toUpperCase(java.util.Locale.ROOT)) {
            case "UDP" -> NcrProtocol.UDP;
            case "TCP" -> NcrProtocol.TCP;
            default -> throw node.error("unknown ncr-protocol '" + text + "' (expected \"UDP\" or \"TCP\")");
        };
        notes.add(node.path() + ": accepted; Kakapo sends NameChangeRequests to its ddns-workers over gRPC,"
                + " whichever protocol is named");
        return protocol;
    }
}
