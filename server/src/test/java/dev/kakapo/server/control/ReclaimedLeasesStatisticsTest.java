package dev.kakapo.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.dhcp4.Relay4Client;
import dev.kakapo.server.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kea's reclaimed-leases and reclaimed-declined-addresses statistics, counted when leases expire and are reclaimed. */
class ReclaimedLeasesStatisticsTest {
    static final String CONFIG = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "persist": false },
                "valid-lifetime": 2,
                "decline-probation-period": 2,
                "expired-leases-processing": { "reclaim-timer-wait-time": 1 },
                "subnet4": [ {
                  "id": 7, "subnet": "192.0.2.0/24",
                  "relay": { "ip-addresses": [ "127.0.0.2" ] },
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.200" } ]
                } ]
              },
              "Kakapo": { "control": { "address": "127.0.0.1", "port": 0 } }
            }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ServerNode node;
    NodeControl control;
    Relay4Client relay;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        KeaConfig config = KeaConfig.parse(CONFIG, dir, KeaConfig.Families.DHCP4);
        int port = FreePorts.udp();
        node = ServerNode.start(config.dhcp4(), new Ports(port, FreePorts.udp()), null, null);
        control = NodeControl.start(node, config.control(), CONFIG, dir, new ControlApi.Process("kakapo test", Instant.now(), () -> { }));
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        control.close();
        node.close();
    }

    private long statistic(String name) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"" + name + "\"}}"))
                .build();
        JsonNode answer = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(0, answer.get("result").asInt(), answer.toString());
        JsonNode samples = answer.get("arguments").get(name);
        return samples == null ? 0 : samples.get(0).get(0).asLong();
    }

    private String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void expiredAndDeclinedLeasesAreCountedWhenReclaimed() throws Exception {
        relay.dora(Relay4Client.mac(1));
        relay.dora(Relay4Client.mac(2));
        byte[] decliner = Relay4Client.mac(3);
        int declined = relay.dora(decliner).yiaddr();
        relay.send(Relay4Client.message(MessageType4.DECLINE, decliner).option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(declined)));
        assertEquals(0, statistic("reclaimed-leases"), "nothing has expired yet");

        // valid for 2 s, probation of 2 s, a reclamation cycle every second
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (statistic("reclaimed-leases") < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(3, statistic("reclaimed-leases"));
        assertEquals(3, statistic("subnet[7].reclaimed-leases"));
        assertEquals(1, statistic("reclaimed-declined-addresses"));
        assertEquals(1, statistic("subnet[7].reclaimed-declined-addresses"));

        PrometheusText metrics = PrometheusText.parse(scrape());
        assertEquals(3.0, metrics.value("kakapo_dhcp4_reclaimed_leases_total", "subnet", "7").orElseThrow());
        assertEquals(1.0, metrics.value("kakapo_dhcp4_reclaimed_declined_addresses_total", "subnet", "7").orElseThrow());
    }
}
