package dev.kakapo.server.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads where a process serves its control API, from Kakapo's own section or from Kea's keys:
 * <pre>
 * "Kakapo": { "control": { "address": "127.0.0.1", "port": 8000,
 *                          "authentication": { "type": "basic", "realm": "kakapo",
 *                                              "clients": [ { "user": "admin", "password-file": "admin.pw" } ] },
 *                          "allow-unauthenticated": false } }
 * "Dhcp4": { "control-sockets": [ { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": 8000,
 *                                   "authentication": { ... } } ] }
 * "Dhcp4": { "control-socket": { "socket-type": "unix", "socket-name": "/tmp/kea4-ctrl-socket" } }
 * </pre>
 * Kea's TLS keys ({@code trust-anchor}, {@code cert-file}, {@code key-file}, {@code cert-required})
 * on either turn it into HTTPS; a socket-type {@code "https"} must have them.
 * A unix socket (Kea 1.1) is not served: Kakapo speaks the same commands over HTTP, and says so
 * in a note. One process has one control endpoint: {@code Kakapo.control} when given, else the
 * http socket of the served sections, which must then agree.
 */
final class ControlSettingsReader {
    private static final Set<String> CONTROL_KEYS = Set.of("address", "port", "authentication", "allow-unauthenticated",
            "trust-anchor", "cert-file", "key-file", "cert-required", "comment", "user-context");

    private ControlSettingsReader() {
    }

    /** The control endpoint the document asks for, or null for none. */
    static ControlSettings read(KeaDocument document, Set<DhcpFamily> families, Path baseDir, List<String> notes)
            throws ConfigException {
        ControlSettings fromKea = null;
        for (DhcpFamily family : DhcpFamily.values()) {
            ConfigNode section = document.section(family);
            if (!families.contains(family) || section.isMissing()) {
                continue;
            }
            for (ConfigNode socket : sockets(section)) {
                ControlSettings found = socket(socket, baseDir, notes);
                if (found == null) {
                    continue;
                }
                if (fromKea != null && !(fromKea.address().equals(found.address()) && fromKea.port() == found.port())) {
                    throw socket.error("a second control endpoint " + found.address() + ":" + found.port() + " (the process"
                            + " already serves " + fromKea.source() + " on " + fromKea.address() + ":" + fromKea.port()
                            + "; one endpoint answers for both families: give the same address and port, or use Kakapo.control)");
                }
                fromKea = fromKea == null ? found : fromKea;
            }
        }
        ConfigNode control = document.root().get("Kakapo").get("control");
        if (control.isMissing()) {
            return fromKea;
        }
        if (fromKea != null) {
            notes.add("control API on Kakapo.control; " + fromKea.source() + " is not served separately");
        }
        return kakapoControl(control, baseDir);
    }

    /** {@code Kakapo.control} alone, for a process that serves no DHCP section (coordinator, ddns-worker); null when absent. */
    static ControlSettings kakapoControlOnly(ConfigNode root, Path baseDir) throws ConfigException {
        ConfigNode control = root.get("Kakapo").get("control");
        return control.isMissing() ? null : kakapoControl(control, baseDir);
    }

    private static List<ConfigNode> sockets(ConfigNode section) throws ConfigException {
        List<ConfigNode> out = new ArrayList<>();
        if (section.has("control-socket")) {
            out.add(section.get("control-socket").object());
        }
        if (section.has("control-sockets")) {
            for (ConfigNode s : section.list("control-sockets")) {
                out.add(s.object());
            }
        }
        return out;
    }

    private static ControlSettings socket(ConfigNode socket, Path baseDir, List<String> notes) throws ConfigException {
        if (!socket.has("socket-type")) {
            throw socket.error("a control socket needs 'socket-type' (expected \"http\" or \"unix\")");
        }
        String type = socket.get("socket-type").text();
        switch (type) {
            case "unix" -> {
                String name = socket.text("socket-name", null);
                if (name == null) {
                    throw socket.error("a unix control socket needs 'socket-name'");
                }
                notes.add(socket.path() + ": the unix socket " + name + " is not served; Kakapo answers Kea's commands over"
                        + " HTTP (a control-sockets entry with \"socket-type\": \"http\", or Kakapo.control)");
                return null;
            }
            case "http", "https" -> {
                String address = socket.text("socket-address", "127.0.0.1");
                int port = port(socket.get("socket-port"), ControlSettings.DEFAULT_PORT);
                ControlSettings http = settings(socket, address, port, socket.get("authentication"), baseDir, socket.path());
                ControlSettings.Tls tls = tls(socket, baseDir);
                if (tls == null && type.equals("https")) {
                    throw socket.error("an https control socket needs 'trust-anchor', 'cert-file' and 'key-file'");
                }
                return tls == null ? http : http.withTls(tls);
            }
            default -> throw socket.get("socket-type").error("unknown socket-type '" + type + "' (expected \"http\" or \"unix\")");
        }
    }

    private static ControlSettings kakapoControl(ConfigNode control, Path baseDir) throws ConfigException {
        control.object();
        for (Map.Entry<String, ConfigNode> e : control.fields()) {
            if (!CONTROL_KEYS.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' (expected one of: "
                        + String.join(", ", CONTROL_KEYS.stream().sorted().toList()) + ")");
            }
        }
        String address = control.text("address", "127.0.0.1");
        int port = port(control.get("port"), ControlSettings.DEFAULT_PORT);
        ControlSettings http = settings(control, address, port, control.get("authentication"), baseDir, control.path());
        ControlSettings.Tls tls = tls(control, baseDir);
        return tls == null ? http : http.withTls(tls);
    }

    /**
     * Kea's TLS keys, all three files or none (relative names against the configuration's
     * folder); {@code cert-required} defaults to true as in Kea. Null when none is given.
     */
    private static ControlSettings.Tls tls(ConfigNode at, Path baseDir) throws ConfigException {
        List<String> files = List.of("trust-anchor", "cert-file", "key-file");
        List<String> given = files.stream().filter(at::has).toList();
        if (given.isEmpty()) {
            if (at.has("cert-required")) {
                throw at.get("cert-required").error("'cert-required' without TLS (expected 'trust-anchor', 'cert-file'"
                        + " and 'key-file' with it)");
            }
            return null;
        }
        for (String key : files) {
            if (!at.has(key)) {
                throw at.error("TLS needs '" + key + "' too (given: " + String.join(", ", given) + "; expected 'trust-anchor',"
                        + " 'cert-file' and 'key-file' together)");
            }
        }
        return new ControlSettings.Tls(file(at.get("trust-anchor"), baseDir), file(at.get("cert-file"), baseDir),
                file(at.get("key-file"), baseDir), at.bool("cert-required", true));
    }

    private static Path file(ConfigNode name, Path baseDir) throws ConfigException {
        if (name.text().isEmpty()) {
            throw name.error("empty file name");
        }
        Path resolved = name.file(baseDir);
        if (!Files.exists(resolved)) {
            throw name.error("no such file " + resolved);
        }
        return resolved;
    }

    private static int port(ConfigNode node, int absent) throws ConfigException {
        if (node.isMissing()) {
            return absent;
        }
        long p = node.uint(65535);
        return (int) p;
    }

    private static ControlSettings settings(ConfigNode at, String address, int port, ConfigNode authentication, Path baseDir,
                                            String source) throws ConfigException {
        String realm = "kakapo";
        List<ControlSettings.User> users = new ArrayList<>();
        if (!authentication.isMissing()) {
            authentication.object();
            String type = authentication.text("type", null);
            if (!"basic".equals(type)) {
                throw (type == null ? authentication : authentication.get("type"))
                        .error("authentication type " + (type == null ? "missing" : "'" + type + "'") + " (expected \"basic\")");
            }
            realm = authentication.text("realm", realm);
            Path directory = baseDir;
            if (authentication.has("directory")) {
                directory = authentication.get("directory").file(baseDir);
            }
            for (ConfigNode client : authentication.list("clients")) {
                users.add(user(client.object(), directory));
            }
            if (users.isEmpty()) {
                throw authentication.get("clients").error("no clients listed (expected e.g. [{\"user\": \"admin\","
                        + " \"password-file\": \"admin.pw\"}])");
            }
        }
        boolean allowUnauthenticated = at.bool("allow-unauthenticated", false);
        if (users.isEmpty() && !allowUnauthenticated && !loopback(address)) {
            throw at.error("the control API would listen on " + address + " without authentication (expected an"
                    + " \"authentication\" with clients, a loopback address such as 127.0.0.1, or"
                    + " \"allow-unauthenticated\": true to accept it)");
        }
        return new ControlSettings(address, port, realm, users, allowUnauthenticated, source);
    }

    private static ControlSettings.User user(ConfigNode client, Path directory) throws ConfigException {
        String name;
        if (client.has("user") == client.has("user-file")) {
            throw client.error("give one of 'user' and 'user-file'");
        }
        if (client.has("user-file")) {
            ConfigNode f = client.get("user-file");
            Path file = f.file(directory);
            try {
                name = Files.readString(file).strip();
            } catch (IOException e) {
                throw f.error("cannot read the user file " + file + ": " + e.getMessage());
            }
        } else {
            name = client.get("user").text();
        }
        if (name.isEmpty() || name.contains(":")) {
            throw client.error("user '" + name + "' cannot be used with HTTP basic authentication (expected a non-empty name without ':')");
        }
        String password = GlobalSettingsReader.password(client, directory);
        if (password.isEmpty()) {
            throw client.error("user '" + name + "' has no password (expected 'password', 'password-file' or 'password-env')");
        }
        return new ControlSettings.User(name, password);
    }

    /** A loopback literal, or a name that resolves only to loopback addresses. */
    private static boolean loopback(String address) {
        try {
            for (InetAddress a : InetAddress.getAllByName(address)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
