package dev.kakapo.ddns.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.ddns.dns.AddressLiteral;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Reads Kea's {@code DhcpDdns} object (the value of the top-level {@code "DhcpDdns"} key, comments
 * already stripped by the caller) into {@link DhcpDdnsSettings}. Every error names the JSON path
 * of the key at fault; keys Kakapo does not know are refused, never ignored.
 */
public final class DhcpDdnsReader {
    private static final String ROOT = "DhcpDdns";
    /** Kea allows these two anywhere; they carry nothing the worker uses. */
    private static final Set<String> ANNOTATIONS = Set.of("comment", "user-context");
    private static final Set<String> TOP_KEYS = Set.of("ip-address", "port", "dns-server-timeout", "ncr-protocol",
            "ncr-format", "tsig-keys", "forward-ddns", "reverse-ddns");
    private static final Set<String> KEY_KEYS = Set.of("name", "algorithm", "secret", "secret-file", "digest-bits");
    private static final Set<String> DIRECTION_KEYS = Set.of("ddns-domains");
    private static final Set<String> DOMAIN_KEYS = Set.of("name", "key-name", "dns-servers");
    private static final Set<String> SERVER_KEYS = Set.of("ip-address", "port", "hostname");

    private DhcpDdnsReader() {
    }

    /** Reads the {@code DhcpDdns} object; Kea's defaults fill what it leaves out. */
    public static DhcpDdnsSettings read(JsonNode dhcpDdns) throws DhcpDdnsConfigException {
        return read(dhcpDdns, Path.of(""));
    }

    /**
     * As {@link #read(JsonNode)}, a relative {@code secret-file} naming a file in {@code baseDir}
     * (the configuration file's directory).
     */
    public static DhcpDdnsSettings read(JsonNode dhcpDdns, Path baseDir) throws DhcpDdnsConfigException {
        At top = new At(dhcpDdns, ROOT);
        top.requireObject(TOP_KEYS);

        InetAddress listenAddress = top.has("ip-address")
                ? address(top.get("ip-address"))
                : InetAddress.getLoopbackAddress();
        if (listenAddress.isAnyLocalAddress()) {
            throw top.get("ip-address").error("cannot be " + listenAddress.getHostAddress()
                    + "; name the address the service listens on");
        }
        int port = top.has("port") ? port(top.get("port")) : DhcpDdnsSettings.DEFAULT_PORT;
        Duration timeout = DhcpDdnsSettings.DEFAULT_DNS_SERVER_TIMEOUT;
        if (top.has("dns-server-timeout")) {
            At t = top.get("dns-server-timeout");
            long ms = t.integer();
            if (ms <= 0 || ms > 0xFFFF_FFFFL) {
                throw t.error("must be a positive number of milliseconds, got " + ms);
            }
            timeout = Duration.ofMillis(ms);
        }
        if (top.has("ncr-protocol")) {
            At p = top.get("ncr-protocol");
            String protocol = p.string().toUpperCase(Locale.ROOT);
            if (protocol.equals("TCP")) {
                throw p.error("TCP is not supported (requests arrive by gRPC; UDP is the only value Kea accepts)");
            }
            if (!protocol.equals("UDP")) {
                throw p.error("unknown NCR protocol \"" + p.string() + "\"; expected UDP");
            }
        }
        if (top.has("ncr-format")) {
            At f = top.get("ncr-format");
            if (!f.string().toUpperCase(Locale.ROOT).equals("JSON")) {
                throw f.error("unknown NCR format \"" + f.string() + "\"; expected JSON");
            }
        }

        List<TsigKey> keys = new ArrayList<>();
        Map<Name, String> keyPaths = new HashMap<>();
        for (At k : top.list("tsig-keys")) {
            TsigKey key = tsigKey(k, baseDir);
            String earlier = keyPaths.putIfAbsent(key.name(), k.path);
            if (earlier != null) {
                throw k.get("name").error("duplicate key name \"" + k.get("name").string() + "\" (also " + earlier + ")");
            }
            keys.add(key);
        }
        Map<Name, TsigKey> keysByName = new HashMap<>();
        keys.forEach(k -> keysByName.put(k.name(), k));

        return new DhcpDdnsSettings(listenAddress, port, timeout, keys,
                direction(top, "forward-ddns", keysByName), direction(top, "reverse-ddns", keysByName));
    }

    private static TsigKey tsigKey(At k, Path baseDir) throws DhcpDdnsConfigException {
        k.requireObject(KEY_KEYS);
        At nameAt = k.required("name");
        Name name = dnsName(nameAt);
        At algorithmAt = k.required("algorithm");
        String algorithmText = algorithmAt.string();
        TsigAlgorithm algorithm = TsigAlgorithm.fromConfigName(algorithmText).orElseThrow(() -> algorithmAt.error(
                "unknown algorithm \"" + algorithmText + "\"; expected HMAC-MD5, HMAC-SHA1, HMAC-SHA224, "
                        + "HMAC-SHA256, HMAC-SHA384 or HMAC-SHA512"));
        // Kea's secret-file keeps the key out of the configuration (a Kubernetes Secret mounted as a file).
        if (k.has("secret") && k.has("secret-file")) {
            throw k.error("give the key's \"secret\" or its \"secret-file\", not both");
        }
        At secretAt = k.has("secret-file") ? k.get("secret-file") : k.required("secret");
        String base64 = secretAt.string();
        if (k.has("secret-file")) {
            Path file = baseDir.resolve(base64);
            try {
                base64 = Files.readString(file, StandardCharsets.US_ASCII).strip();
            } catch (IOException | RuntimeException e) {
                throw secretAt.error("cannot read " + file + ": " + e.getMessage());
            }
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw secretAt.error("not valid base64: " + e.getMessage());
        }
        if (secret.length == 0) {
            throw secretAt.error("must not be empty");
        }
        int digestBits = 0;
        if (k.has("digest-bits")) {
            At d = k.get("digest-bits");
            long bits = d.integer();
            if (bits < 0 || bits > 65535) {
                throw d.error("out of range: " + bits);
            }
            digestBits = (int) bits;
            Optional<String> problem = algorithm.digestBitsProblem(digestBits);
            if (problem.isPresent()) {
                throw d.error(problem.get());
            }
        }
        return new TsigKey(name, algorithm, secret, digestBits);
    }

    private static DdnsDomains direction(At top, String key, Map<Name, TsigKey> keys) throws DhcpDdnsConfigException {
        if (!top.has(key)) {
            return DdnsDomains.NONE;
        }
        At direction = top.get(key);
        direction.requireObject(DIRECTION_KEYS);
        List<DdnsDomain> domains = new ArrayList<>();
        Map<Name, String> seen = new HashMap<>();
        for (At d : direction.list("ddns-domains")) {
            DdnsDomain domain = domain(d, keys);
            String earlier = seen.putIfAbsent(domain.name(), d.path);
            if (earlier != null) {
                throw d.get("name").error("duplicate domain \"" + d.get("name").string() + "\" (also " + earlier + ")");
            }
            domains.add(domain);
        }
        return new DdnsDomains(domains);
    }

    private static DdnsDomain domain(At d, Map<Name, TsigKey> keys) throws DhcpDdnsConfigException {
        d.requireObject(DOMAIN_KEYS);
        At nameAt = d.required("name");
        Name name = nameAt.string().equals("*") ? DdnsDomain.WILDCARD : dnsName(nameAt);
        Optional<TsigKey> key = Optional.empty();
        if (d.has("key-name") && !d.get("key-name").string().isEmpty()) {
            At keyAt = d.get("key-name");
            Name keyName = dnsName(keyAt);
            TsigKey found = keys.get(keyName);
            if (found == null) {
                throw keyAt.error("no tsig-keys entry is named \"" + keyAt.string() + "\"");
            }
            key = Optional.of(found);
        }
        At serversAt = d.required("dns-servers");
        List<DnsServer> servers = new ArrayList<>();
        for (At s : serversAt.elements()) {
            servers.add(server(s));
        }
        if (servers.isEmpty()) {
            throw serversAt.error("a domain needs at least one DNS server");
        }
        return new DdnsDomain(name, key, servers);
    }

    private static DnsServer server(At s) throws DhcpDdnsConfigException {
        s.requireObject(SERVER_KEYS);
        if (s.has("hostname")) {
            throw s.get("hostname").error("not supported (as in Kea); give the server's ip-address");
        }
        InetAddress address = address(s.required("ip-address"));
        int port = s.has("port") ? port(s.get("port")) : DnsServer.DEFAULT_PORT;
        return new DnsServer(address, port);
    }

    private static int port(At p) throws DhcpDdnsConfigException {
        long port = p.integer();
        if (port == 0) {
            throw p.error("must not be 0");
        }
        if (port < 0 || port > 65535) {
            throw p.error("must be 1 to 65535, got " + port);
        }
        return (int) port;
    }

    /** An address literal; never a host name to look up. */
    private static InetAddress address(At a) throws DhcpDdnsConfigException {
        String text = a.string();
        return AddressLiteral.parse(text).orElseThrow(() -> a.error("not an IPv4 or IPv6 address: \"" + text + "\""));
    }

    private static Name dnsName(At n) throws DhcpDdnsConfigException {
        String text = n.string();
        if (text.isEmpty()) {
            throw n.error("must not be empty");
        }
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw n.error("not a valid DNS name \"" + text + "\": " + e.getMessage());
        }
    }

    /** A JSON value with its path in the document, so each error can say where it is. */
    private static final class At {
        final JsonNode value;
        final String path;

        At(JsonNode value, String path) {
            this.value = value;
            this.path = path;
        }

        DhcpDdnsConfigException error(String problem) {
            return new DhcpDdnsConfigException(path, problem);
        }

        boolean has(String key) {
            return value.has(key) && !value.get(key).isNull();
        }

        At get(String key) {
            return new At(value.get(key), path + "/" + key);
        }

        At required(String key) throws DhcpDdnsConfigException {
            if (!has(key)) {
                throw new DhcpDdnsConfigException(path + "/" + key, "missing; it is required");
            }
            return get(key);
        }

        /** Refuses anything but an object whose keys are all in {@code known}. */
        void requireObject(Set<String> known) throws DhcpDdnsConfigException {
            if (value == null || !value.isObject()) {
                throw error("expected an object {...}, got " + describe(value));
            }
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name) && !ANNOTATIONS.contains(name)) {
                    throw new DhcpDdnsConfigException(path + "/" + name,
                            "unknown key \"" + name + "\"; expected one of " + String.join(", ", known.stream().sorted().toList()));
                }
            }
        }

        List<At> elements() throws DhcpDdnsConfigException {
            if (!value.isArray()) {
                throw error("expected a list [...], got " + describe(value));
            }
            List<At> out = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                out.add(new At(value.get(i), path + "[" + i + "]"));
            }
            return out;
        }

        List<At> list(String key) throws DhcpDdnsConfigException {
            return has(key) ? get(key).elements() : List.of();
        }

        String string() throws DhcpDdnsConfigException {
            if (!value.isTextual()) {
                throw error("expected a string, got " + describe(value));
            }
            return value.textValue();
        }

        long integer() throws DhcpDdnsConfigException {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw error("expected an integer, got " + describe(value));
            }
            return value.longValue();
        }

        private static String describe(JsonNode v) {
            if (v == null || v.isMissingNode()) {
                return "nothing";
            }
            String kind = switch (v.getNodeType()) {
                case OBJECT -> "an object";
                case ARRAY -> "a list";
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
                default -> "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
            };
            String text = v.toString();
            return kind + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
        }
    }
}
