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
        Path file = PodFiles.onThisMachine(dir, RenderedChart.render(values, Map.of())).config;
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
        Path file = PodFiles.onThisMachine(dir, RenderedChart.render("site.yaml",
                Map.of("dhcp4.subnet4[0].pools[0].pool", "203.0.113.1 - 203.0.113.9"))).config;
        Result server = kakapo("server", "-t", file.toString());
        assertEquals(1, server.status, server.text);
        assertTrue(server.text.contains("subnet4[0]"), server.text);
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
