package dev.kakapo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.server.testing.FreePorts;
import dev.kakapo.server.testing.KakapoProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kakapo ddns-worker} with {@code Kakapo.control}: Kea's process commands and its metrics over HTTP. */
class ProcessControlTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode command(int port, String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"" + name + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = new ObjectMapper().readTree(r.body());
        return answer.isArray() ? answer.get(0) : answer;
    }

    @Test
    void ddnsWorkerAnswersProcessCommandsAndServesItsMetrics() throws Exception {
        int controlPort = FreePorts.tcp();
        Path config = dir.resolve("ddns-worker.json");
        Files.writeString(config, """
                { "DhcpDdns": { "ip-address": "127.0.0.1", "port": %d,
                                "forward-ddns": { "ddns-domains": [] }, "reverse-ddns": { "ddns-domains": [] } },
                  "Kakapo": { "control": { "address": "127.0.0.1", "port": %d } } }
                """.formatted(FreePorts.tcp(), controlPort));
        try (KakapoProcess worker = KakapoProcess.start(KakapoProcess.onTestClassPath("ddns-worker", "-c", config.toString()),
                dir.resolve("worker.log"), Duration.ofSeconds(60))) {
            assertTrue(worker.logText().contains("control-port=" + controlPort), worker.logText());

            JsonNode commands = command(controlPort, "list-commands");
            assertEquals(0, commands.get("result").asInt(), commands::toString);
            List<String> names = new ArrayList<>();
            commands.get("arguments").forEach(n -> names.add(n.asText()));
            assertTrue(names.containsAll(List.of("list-commands", "version-get", "status-get", "shutdown")), names::toString);
            assertTrue(command(controlPort, "version-get").get("text").asText().startsWith("kakapo"));
            JsonNode status = command(controlPort, "status-get");
            assertEquals(0, status.get("result").asInt(), status::toString);
            assertTrue(status.get("arguments").get("pid").asLong() > 0, status::toString);

            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("kakapo_ddns_worker_requests_total{outcome=\"applied\"} 0.0"), metrics.body());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), metrics.body());

            assertEquals(0, command(controlPort, "shutdown").get("result").asInt());
            for (int i = 0; i < 300 && worker.isRunning(); i++) {
                Thread.sleep(100); // the command answers first, then the process stops
            }
            assertTrue(!worker.isRunning(), "the worker is still running after shutdown:\n" + worker.logText());
            assertEquals(0, worker.stop(Duration.ofSeconds(30)), "shutdown is a clean exit");
        }
    }
}
