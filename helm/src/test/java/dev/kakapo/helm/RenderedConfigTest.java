package dev.kakapo.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.server.cli.Kakapo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration the chart renders into its ConfigMap is one Kakapo serves: {@code kakapo
 * server -t} (and {@code kakapo ddns-worker -t} where there are workers) accept it, with the
 * Secrets' files where the pods would mount them.
 */
class RenderedConfigTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"site.yaml", "cluster-postgresql.yaml", "cluster-cassandra.yaml"})
    void kakapoAcceptsTheRenderedConfiguration(String values) throws Exception {
        Path file = podFiles(RenderedChart.render(values, Map.of()));
        Result server = kakapo("server", "-t", file.toString());
        assertEquals(0, server.status, server.text);
        if (Files.readString(file).contains("\"DhcpDdns\"")) {
            Result worker = kakapo("ddns-worker", "-t", file.toString());
            assertEquals(0, worker.status, worker.text);
        }
    }

    @Test
    void aConfigurationKakapoRefusesIsCaughtHere() throws Exception {
        // the chart passes Kea's objects through: a pool outside its subnet is Kakapo's to refuse
        Path file = podFiles(RenderedChart.render("site.yaml", Map.of("dhcp4.subnet4[0].pools[0].pool", "203.0.113.1 - 203.0.113.9")));
        Result server = kakapo("server", "-t", file.toString());
        assertEquals(1, server.status, server.text);
        assertTrue(server.text.contains("subnet4[0]"), server.text);
    }

    /**
     * The rendered kakapo.json with the pods' mount points moved under the test's directory, and a
     * file for every Secret key it names (a username, a password, a TSIG key).
     */
    private Path podFiles(RenderedChart chart) throws Exception {
        String text = chart.configText()
                .replace("/etc/kakapo-secrets/", dir.resolve("secrets") + "/")
                .replace("/var/lib/kakapo/", dir.resolve("leases") + "/");
        Files.createDirectories(dir.resolve("leases"));
        Matcher names = Pattern.compile("\"(" + Pattern.quote(dir.resolve("secrets").toString()) + "/[^\"]+)\"").matcher(text);
        while (names.find()) {
            Path secret = Path.of(names.group(1));
            Files.createDirectories(secret.getParent());
            String content = secret.getFileName().toString().equals("username") ? "admin"
                    : secret.getParent().endsWith("tsig") ? "LSWXnfkKZjdPJI5QxlpnfQ8fNxnyLl8OgZ9xVqvm0ao=" : "s3cret";
            Files.writeString(secret, content + "\n");
        }
        Path file = dir.resolve("kakapo.json");
        Files.writeString(file, text);
        return file;
    }

    private record Result(int status, String text) {
    }

    private static Result kakapo(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = Kakapo.run(args, print, print);
        return new Result(status, out.toString(StandardCharsets.UTF_8));
    }
}
