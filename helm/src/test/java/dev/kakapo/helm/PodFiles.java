package dev.kakapo.helm;

import dev.kakapo.ddns.tls.TestAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a pod of the chart sees: the rendered {@code kakapo.json} ({@code config/}) and every
 * Secret file it names ({@code secrets/}, what the pod mounts at /etc/kakapo-secrets), each with
 * made-up content of its kind: a user name, a password, a TSIG key, a CA and a certificate with
 * its key.
 */
final class PodFiles {
    static final String SECRETS_IN_POD = "/etc/kakapo-secrets";
    static final String USER = "admin";
    static final String PASSWORD = "chart-test-password";
    private static final String TSIG_SECRET = "LSWXnfkKZjdPJI5QxlpnfQ8fNxnyLl8OgZ9xVqvm0ao=";

    final Path config;
    final Path secrets;

    private PodFiles(Path config, Path secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    /** As the pod mounts them: the configuration names /etc/kakapo-secrets/... and /var/lib/kakapo/... */
    static PodFiles asMounted(Path dir, RenderedChart chart) throws Exception {
        return write(dir, chart.configText());
    }

    /** For a process on this machine: the configuration's secret and lease paths moved under {@code dir}. */
    static PodFiles onThisMachine(Path dir, RenderedChart chart) throws Exception {
        Path leases = Files.createDirectories(dir.resolve("leases"));
        return write(dir, chart.configText()
                .replace(SECRETS_IN_POD + "/", dir.resolve("secrets") + "/")
                .replace("/var/lib/kakapo/", leases + "/"));
    }

    private static PodFiles write(Path dir, String config) throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Matcher named = Pattern.compile("\"(?:" + Pattern.quote(SECRETS_IN_POD) + "|" + Pattern.quote(secrets.toString())
                + ")/([^\"]+)\"").matcher(config);
        while (named.find()) {
            Path file = secrets.resolve(named.group(1));
            Files.createDirectories(file.getParent());
            switch (file.getFileName().toString()) {
                case "username" -> Files.writeString(file, USER + "\n");
                case "password" -> Files.writeString(file, PASSWORD + "\n");
                case "ca.crt", "tls.crt", "tls.key" -> certificates(file.getParent());
                default -> Files.writeString(file, TSIG_SECRET + "\n"); // a TSIG key's secret-file
            }
        }
        // as a Secret volume's files are by default (0644): the pod's user reads what root wrote
        try (var files = Files.walk(secrets)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Path configFile = Files.createDirectories(dir.resolve("config")).resolve("kakapo.json");
        Files.writeString(configFile, config);
        return new PodFiles(configFile, secrets);
    }

    /** cert-manager's layout in {@code dir}: ca.crt, and tls.crt/tls.key issued by it. */
    private static void certificates(Path dir) throws Exception {
        if (Files.exists(dir.resolve("tls.key"))) {
            return;
        }
        TestAuthority authority = TestAuthority.create(dir, "authority");
        authority.issue("node", "DNS:" + RenderedChart.RELEASE + "-kakapo-ddns-worker." + RenderedChart.NAMESPACE + ".svc.cluster.local");
        Files.copy(authority.certificate(), dir.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("node.pem"), dir.resolve("tls.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("node.key"), dir.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING);
    }
}
