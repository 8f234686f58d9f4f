package dev.kakapo.ddns.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority for tests, made with the {@code openssl} command in a folder: its
 * certificate is {@code NAME.pem}, and each certificate it issues is {@code WHO.pem} with the
 * unencrypted PKCS#8 key {@code WHO.key} (EC P-256, as the control API's tests make them).
 */
public final class TestAuthority {
    private final Path dir;
    private final String name;

    private TestAuthority(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** A new authority {@code name} in {@code dir}: {@code dir/NAME.pem}. */
    public static TestAuthority create(Path dir, String name) throws IOException, InterruptedException {
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=Kakapo test CA " + name);
        return new TestAuthority(dir, name);
    }

    /** The authority's certificate, for a trust-anchor. */
    public Path certificate() {
        return dir.resolve(name + ".pem");
    }

    /**
     * Issues {@code who}.pem and {@code who}.key with the subject alternative names {@code sans},
     * e.g. {@code "DNS:localhost"}, {@code "IP:127.0.0.1"} (none: a client certificate).
     */
    public void issue(String who, String... sans) throws IOException, InterruptedException {
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", who + ".key",
                "-out", who + ".csr", "-subj", "/CN=" + who);
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", who + ".csr", "-CA", name + ".pem", "-CAkey",
                name + ".key", "-CAcreateserial", "-out", who + ".pem", "-days", "2"));
        if (sans.length > 0) {
            Files.writeString(dir.resolve(who + ".ext"), "subjectAltName=" + String.join(",", sans) + "\n");
            sign.addAll(List.of("-extfile", who + ".ext"));
        }
        openssl(dir, sign.toArray(String[]::new));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
    }
}
