package dev.kakapo.server.config;

import dev.kakapo.ddns.tls.DdnsTls;
import dev.kakapo.ddns.tls.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code Kakapo.ddns-tls}, the TLS of the gRPC channel between DHCP servers and ddns-workers:
 * <pre>
 * "ddns-tls": { "trust-anchor": "ca.pem", "cert-file": "node.pem", "key-file": "node-key.pem", "cert-required": true }
 * </pre>
 * Each end needs its own keys: a DHCP server {@code trust-anchor} (to verify the workers), a
 * worker {@code cert-file} and {@code key-file} (to serve with), and {@code trust-anchor} too
 * unless {@code cert-required} is false. Relative names resolve against the configuration's folder.
 * The files are read here, so a missing, unreadable or mismatched one is refused at once (and by
 * {@code -t}), naming its key.
 */
final class DdnsTlsReader {
    private static final Set<String> KEYS = Set.of("trust-anchor", "cert-file", "key-file", "cert-required", "comment",
            "user-context");

    /** Which end of the channel reads the section. */
    enum End {
        DHCP_SERVER, DDNS_WORKER
    }

    private DdnsTlsReader() {
    }

    /**
     * The section at {@code node} for {@code end}, or null when it is missing (plaintext).
     *
     * @param baseDir   where relative file names resolve; null to take them as given
     * @param readFiles false to check only keys and values, not the files (a document's key check)
     */
    static DdnsTls read(ConfigNode node, Path baseDir, End end, boolean readFiles) throws ConfigException {
        if (node.isMissing()) {
            return null;
        }
        node.object();
        for (Map.Entry<String, ConfigNode> e : node.fields()) {
            if (!KEYS.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' (expected one of: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        boolean certRequired = node.bool("cert-required", true);
        if (node.has("cert-file") != node.has("key-file")) {
            String missing = node.has("cert-file") ? "key-file" : "cert-file";
            throw node.error("'cert-file' and 'key-file' come together (expected '" + missing + "' too)");
        }
        if (end == End.DHCP_SERVER && !node.has("trust-anchor")) {
            throw node.error("a DHCP server needs 'trust-anchor': the authority the ddns-workers' certificates must chain to");
        }
        if (end == End.DDNS_WORKER && !node.has("cert-file")) {
            throw node.error("a ddns-worker needs 'cert-file' and 'key-file': the certificate it serves TLS with");
        }
        if (end == End.DDNS_WORKER && certRequired && !node.has("trust-anchor")) {
            throw node.error("'cert-required' (true unless given) needs 'trust-anchor' to check the DHCP servers'"
                    + " certificates against (or \"cert-required\": false to take clients without one)");
        }
        Path trustAnchor = file(node.get("trust-anchor"), baseDir, readFiles);
        Path certFile = file(node.get("cert-file"), baseDir, readFiles);
        Path keyFile = file(node.get("key-file"), baseDir, readFiles);
        if (readFiles) {
            check(node, trustAnchor, certFile, keyFile);
        }
        return new DdnsTls(trustAnchor, certFile, keyFile, certRequired);
    }

    /** Reads every file given, as the channel will, and checks the key is the certificate's. */
    private static void check(ConfigNode node, Path trustAnchor, Path certFile, Path keyFile) throws ConfigException {
        if (trustAnchor != null) {
            certificates(node.get("trust-anchor"), trustAnchor);
        }
        if (certFile == null) {
            return;
        }
        Certificate own = certificates(node.get("cert-file"), certFile).get(0);
        PrivateKey key;
        try {
            key = PemFiles.privateKey(keyFile);
        } catch (IOException e) {
            throw node.get("key-file").error(e.getMessage());
        }
        try {
            if (!PemFiles.keyMatches(key, own)) {
                throw node.get("key-file").error("the key of " + keyFile + " is not the one of the certificate in " + certFile);
            }
        } catch (IOException e) {
            throw node.get("key-file").error(e.getMessage());
        }
    }

    private static List<Certificate> certificates(ConfigNode at, Path file) throws ConfigException {
        try {
            return PemFiles.certificates(file);
        } catch (IOException e) {
            throw at.error(e.getMessage());
        }
    }

    private static Path file(ConfigNode name, Path baseDir, boolean mustBeReadable) throws ConfigException {
        if (name.isMissing()) {
            return null;
        }
        String text = name.text();
        if (text.isEmpty()) {
            throw name.error("empty file name");
        }
        Path resolved = baseDir == null ? Path.of(text) : baseDir.resolve(text);
        if (mustBeReadable && !Files.isReadable(resolved)) {
            throw name.error(Files.exists(resolved) ? "cannot read " + resolved : "no such file " + resolved);
        }
        return resolved;
    }
}
