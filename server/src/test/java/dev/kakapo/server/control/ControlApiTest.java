package dev.kakapo.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.dhcp4.Relay4Client;
import dev.kakapo.server.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kea's commands and the Prometheus scrape over real HTTP on loopback, against a running DHCPv4 server. */
class ControlApiTest {
    static final String CONFIG = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                "valid-lifetime": 4000,
                "control-socket": { "socket-type": "unix", "socket-name": "/tmp/kea4-ctrl-socket" },
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "relay": { "ip-addresses": [ "127.0.0.2" ] },
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.200" } ]
                } ]
              },
              "Kakapo": { "control": { "address": "127.0.0.1", "port": 0,
                                       "authentication": { "type": "basic", "realm": "kakapo-test",
                                                           "clients": [ { "user": "admin", "password-file": "admin.pw" } ] } } }
            }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ServerNode node;
    NodeControl control;
    Relay4Client relay;
    HttpClient http = HttpClient.newHttpClient();
    AtomicBoolean shutdownAsked = new AtomicBoolean();
    String auth = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("admin.pw"), "s3cret\n");
        KeaConfig config = KeaConfig.parse(CONFIG, dir, KeaConfig.Families.DHCP4);
        int port = FreePorts.udp();
        node = ServerNode.start(config.dhcp4(), new Ports(port, FreePorts.udp()), null, null);
        control = NodeControl.start(node, config.control(), CONFIG, dir,
                new ControlApi.Process("kakapo test", Instant.now(), () -> shutdownAsked.set(true)));
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        control.close();
        node.close();
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode command(String json) throws Exception {
        HttpResponse<String> r = post(json, auth);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/metrics"))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return PrometheusText.parse(r.body());
    }

    @Test
    void processCommands() throws Exception {
        JsonNode list = command("{\"command\": \"list-commands\"}");
        assertEquals(0, list.get("result").asInt());
        for (String c : new String[] {"list-commands", "version-get", "status-get", "build-report", "config-get", "config-test", "config-set", "config-reload", "config-write",
                "statistic-get", "statistic-get-all", "statistic-reset", "statistic-reset-all", "statistic-remove",
                "statistic-remove-all", "leases-reclaim", "shutdown", "lease4-get", "lease4-get-all", "lease4-get-by-hw-address",
                "lease4-get-by-client-id", "lease4-get-by-hostname", "lease4-add",
                "lease4-update", "lease4-del", "lease4-wipe", "reservation-add", "reservation-get", "reservation-del"}) {
            assertTrue(list.get("arguments").toString().contains("\"" + c + "\""), c);
        }
        assertEquals("kakapo test", command("{\"command\": \"version-get\"}").get("text").asText());
        JsonNode status = command("{\"command\": \"status-get\"}");
        assertEquals(ProcessHandle.current().pid(), status.get("arguments").get("pid").asLong());
        assertEquals(0, command("{\"command\": \"build-report\"}").get("result").asInt());
        JsonNode config = command("{\"command\": \"config-get\"}");
        assertEquals(1, config.get("arguments").get("Dhcp4").get("subnet4").get(0).get("id").asInt());
        assertEquals(0, command("{\"command\": \"config-test\", \"arguments\": "
                + "{\"Dhcp4\": {\"valid-lifetime\": 10, \"subnet4\": []}}}").get("result").asInt());
        JsonNode bad = command("{\"command\": \"config-test\", \"arguments\": {\"Dhcp4\": {\"valid-lifetime\": -1}}}");
        assertEquals(1, bad.get("result").asInt());
        assertTrue(bad.get("text").asText().contains("valid-lifetime"), bad.toString());
        assertEquals(2, command("{\"command\": \"no-such-command\"}").get("result").asInt());
        // With "service", an answer per service, as Kea's control agent gives them.
        JsonNode viaAgent = command("{\"command\": \"version-get\", \"service\": [\"dhcp4\", \"dhcp6\"]}");
        assertTrue(viaAgent.isArray());
        assertEquals(0, viaAgent.get(0).get("result").asInt());
        assertEquals(1, viaAgent.get(1).get("result").asInt());
        assertFalse(shutdownAsked.get());
        assertEquals(0, command("{\"command\": \"shutdown\"}").get("result").asInt());
        for (int i = 0; i < 100 && !shutdownAsked.get(); i++) {
            Thread.sleep(50);
        }
        assertTrue(shutdownAsked.get());
    }

    @Test
    void leaseCommandsActOnTheAllocator() throws Exception {
        byte[] mac = Relay4Client.mac(7);
        Message4 ack = relay.dora(mac);
        assertEquals(MessageType4.ACK, ack.messageType());
        String address = dev.kakapo.coordinator.lease.Ipv4.toText(ack.yiaddr());

        JsonNode got = command("{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"" + address + "\"}}");
        assertEquals(0, got.get("result").asInt(), got.toString());
        assertEquals("00:00:5e:00:53:07".length(), got.get("arguments").get("hw-address").asText().length());
        assertEquals(1, got.get("arguments").get("subnet-id").asInt());
        String hw = got.get("arguments").get("hw-address").asText();
        JsonNode byHw = command("{\"command\": \"lease4-get\", \"arguments\": {\"identifier-type\": \"hw-address\", \"identifier\": \""
                + hw + "\", \"subnet-id\": 1}}");
        assertEquals(address, byHw.get("arguments").get("ip-address").asText());
        assertEquals(3, command("{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"192.0.2.250\"}}").get("result").asInt());

        JsonNode added = command("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.150\","
                + " \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"hostname\": \"added.example.org\"}}");
        assertEquals(0, added.get("result").asInt(), added.toString());
        assertEquals(4, command("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.150\","
                + " \"hw-address\": \"2a:2b:2c:2d:2e:2f\"}}").get("result").asInt());
        assertEquals(1, command("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"198.51.100.5\","
                + " \"hw-address\": \"2a:2b:2c:2d:2e:2f\"}}").get("result").asInt());
        assertEquals(1, command("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.151\"}}").get("result").asInt());
        JsonNode updated = command("{\"command\": \"lease4-update\", \"arguments\": {\"ip-address\": \"192.0.2.150\","
                + " \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"hostname\": \"renamed.example.org\", \"valid-lft\": 100}}");
        assertEquals(0, updated.get("result").asInt(), updated.toString());
        JsonNode after = command("{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"192.0.2.150\"}}");
        assertEquals("renamed.example.org", after.get("arguments").get("hostname").asText());
        assertEquals(100, after.get("arguments").get("valid-lft").asInt());
        assertTrue(Files.readString(dir.resolve("leases4.csv")).contains("renamed.example.org"));

        JsonNode byName = command("{\"command\": \"lease4-get-by-hostname\", \"arguments\": {\"hostname\": \"RENAMED.example.org\"}}");
        assertEquals("192.0.2.150", byName.get("arguments").get("leases").get(0).get("ip-address").asText(), byName.toString());
        JsonNode byMac = command("{\"command\": \"lease4-get-by-hw-address\", \"arguments\": {\"hw-address\": \"1a:1b:1c:1d:1e:1f\"}}");
        assertEquals(1, byMac.get("arguments").get("leases").size(), byMac.toString());
        assertEquals(3, command("{\"command\": \"lease4-get-by-client-id\", \"arguments\": {\"client-id\": \"01:02:03\"}}")
                .get("result").asInt(), "no lease has that client id");
        JsonNode all = command("{\"command\": \"lease4-get-all\"}");
        assertEquals(2, all.get("arguments").get("leases").size(), all.toString());
        assertEquals(2, command("{\"command\": \"lease4-get-all\", \"arguments\": {\"subnets\": [1]}}")
                .get("arguments").get("leases").size());

        assertEquals(0, command("{\"command\": \"lease4-del\", \"arguments\": {\"ip-address\": \"192.0.2.150\"}}").get("result").asInt());
        assertEquals(3, command("{\"command\": \"lease4-del\", \"arguments\": {\"ip-address\": \"192.0.2.150\"}}").get("result").asInt());
        JsonNode wiped = command("{\"command\": \"lease4-wipe\", \"arguments\": {\"subnet-id\": 1}}");
        assertEquals(0, wiped.get("result").asInt(), wiped.toString());
        assertEquals(3, command("{\"command\": \"lease4-get-all\"}").get("result").asInt());
        assertEquals(1, command("{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"not-an-address\"}}").get("result").asInt());
        assertEquals(0, command("{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": true}}").get("result").asInt());
        assertEquals(1, command("{\"command\": \"leases-reclaim\"}").get("result").asInt());
        // reservation commands are routed to the host databases, which this configuration has none of
        assertEquals(1, command("{\"command\": \"reservation-get\", \"arguments\": {\"subnet-id\": 1, \"ip-address\": \"192.0.2.5\"}}")
                .get("result").asInt());
    }

    @Test
    void statisticsInKeaShape() throws Exception {
        relay.dora(Relay4Client.mac(8));
        JsonNode discover = command("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-discover-received\"}}");
        JsonNode sample = discover.get("arguments").get("pkt4-discover-received").get(0);
        assertEquals(1, sample.get(0).asLong());
        assertTrue(sample.get(1).asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), sample.toString());
        JsonNode all = command("{\"command\": \"statistic-get-all\"}").get("arguments");
        assertEquals(101, all.get("subnet[1].total-addresses").get(0).get(0).asLong());
        assertEquals(1, all.get("subnet[1].assigned-addresses").get(0).get(0).asLong());
        assertEquals(0, all.get("subnet[1].declined-addresses").get(0).get(0).asLong());
        assertEquals(1, all.get("pkt4-ack-sent").get(0).get(0).asLong());
        assertEquals(0, command("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"nothing\"}}").get("arguments").size());

        assertEquals(0, command("{\"command\": \"statistic-reset\", \"arguments\": {\"name\": \"pkt4-ack-sent\"}}").get("result").asInt());
        assertEquals(0, command("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-ack-sent\"}}")
                .get("arguments").get("pkt4-ack-sent").get(0).get(0).asLong());
        assertEquals(1, command("{\"command\": \"statistic-reset\", \"arguments\": {\"name\": \"nothing\"}}").get("result").asInt());
        assertEquals(0, command("{\"command\": \"statistic-remove\", \"arguments\": {\"name\": \"pkt4-offer-sent\"}}").get("result").asInt());
        assertFalse(command("{\"command\": \"statistic-get-all\"}").get("arguments").has("pkt4-offer-sent"));
        relay.dora(Relay4Client.mac(9));
        // a removed statistic comes back, from zero, when it counts again
        assertEquals(1, command("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-offer-sent\"}}")
                .get("arguments").get("pkt4-offer-sent").get(0).get(0).asLong());
        assertEquals(0, command("{\"command\": \"statistic-reset-all\"}").get("result").asInt());
        assertEquals(0, command("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-received\"}}")
                .get("arguments").get("pkt4-received").get(0).get(0).asLong());
        assertEquals(0, command("{\"command\": \"statistic-remove-all\"}").get("result").asInt());
        assertEquals(0, command("{\"command\": \"statistic-get-all\"}").get("arguments").size());
        assertEquals(1, command("{\"command\": \"statistic-get\"}").get("result").asInt());
    }

    @Test
    void authenticationAndMalformedRequests() throws Exception {
        assertEquals(401, post("{\"command\": \"list-commands\"}", null).statusCode());
        HttpResponse<String> wrong = post("{\"command\": \"list-commands\"}",
                "Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8)));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").contains("kakapo-test"));
        assertEquals(401, post("{\"command\": \"list-commands\"}", "Basic !!!not-base64").statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(4, control.authenticationFailures());

        HttpResponse<String> notJson = post("{\"command\": ", auth);
        assertEquals(400, notJson.statusCode());
        assertEquals(1, JSON.readTree(notJson.body()).get("result").asInt());
        assertEquals(400, post("[1, 2]", auth).statusCode());
        assertEquals(400, post("{\"arguments\": {}}", auth).statusCode());

        PrometheusText metrics = scrape();
        assertEquals(4.0, metrics.value("kakapo_control_authentication_failures_total").orElseThrow());
        assertEquals(3.0, metrics.value("kakapo_control_malformed_requests_total").orElseThrow());
        // the DHCP service and the API are unaffected
        assertEquals(MessageType4.ACK, relay.dora(Relay4Client.mac(10)).messageType());
        assertEquals(0, command("{\"command\": \"version-get\"}").get("result").asInt());
    }

    @Test
    void probesAnswerWithoutCredentialsAndSayNothingElse() throws Exception {
        HttpResponse<String> live = get("/livez");
        assertEquals(200, live.statusCode());
        assertEquals("live\n", live.body());
        HttpResponse<String> ready = get("/readyz");
        assertEquals(200, ready.statusCode(), "an all-in-one node is its own coordinator: ready once it serves");
        assertEquals("ready\n", ready.body());
        assertEquals(0, control.authenticationFailures());
        // only those two paths, and only GET, pass without credentials
        assertEquals(401, get("/").statusCode());
        assertEquals(401, get("/readyz/../metrics").statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/livez"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsMoveWithTraffic() throws Exception {
        PrometheusText before = scrape();
        assertTrue(before.hasFamily("jvm_memory_used_bytes"));
        assertTrue(before.hasFamily("process_uptime_seconds"));
        assertEquals(101.0, before.value("kakapo_dhcp4_pool_addresses", "subnet", "1").orElseThrow());
        assertEquals(0.0, before.value("kakapo_dhcp4_addresses_assigned", "subnet", "1").orElseThrow());

        relay.dora(Relay4Client.mac(11));
        relay.dora(Relay4Client.mac(12));
        relay.send(Relay4Client.message(MessageType4.REQUEST, Relay4Client.mac(13))); // no address asked for: dropped
        PrometheusText after = scrape();
        for (int i = 0; i < 50 && after.value("kakapo_dhcp4_addresses_assigned", "subnet", "1").orElse(0.0) < 2.0; i++) {
            Thread.sleep(100); // the subnet counts are at most a second old
            after = scrape();
        }
        assertEquals(2.0, after.value("kakapo_dhcp4_packets_received_total", "type", "discover").orElseThrow());
        assertEquals(2.0, after.value("kakapo_dhcp4_packets_sent_total", "type", "offer").orElseThrow());
        assertEquals(2.0, after.value("kakapo_dhcp4_packets_sent_total", "type", "ack").orElseThrow());
        assertEquals(2.0, after.value("kakapo_dhcp4_addresses_assigned", "subnet", "1").orElseThrow());
        for (int i = 0; i < 50 && after.value("kakapo_dhcp4_packets_dropped_total", "reason", "request-without-address").isEmpty(); i++) {
            Thread.sleep(100);
            after = scrape();
        }
        assertEquals(1.0, after.value("kakapo_dhcp4_packets_dropped_total", "reason", "request-without-address").orElseThrow());
    }

    @Test
    void allocatorCallsAndStoreWritesAreTimed() throws Exception {
        PrometheusText before = scrape();
        double offers = before.value("kakapo_allocator_call_seconds_count", "family", "4", "operation", "offer").orElseThrow();
        double commits = before.value("kakapo_allocator_call_seconds_count", "family", "4", "operation", "commit").orElseThrow();
        double writes = before.value("kakapo_lease_store_write_seconds_count", "family", "4").orElseThrow();
        assertEquals(1.0, before.value("kakapo_coordinator_connected", "role", "member").orElseThrow());
        assertEquals(1.0, before.value("kakapo_coordinator_members", "role", "member").orElseThrow());

        relay.dora(Relay4Client.mac(21));
        relay.dora(Relay4Client.mac(22));
        relay.dora(Relay4Client.mac(23));
        PrometheusText after = scrape();
        assertEquals(offers + 3, after.value("kakapo_allocator_call_seconds_count", "family", "4", "operation", "offer").orElseThrow());
        assertEquals(commits + 3, after.value("kakapo_allocator_call_seconds_count", "family", "4", "operation", "commit").orElseThrow());
        assertTrue(after.value("kakapo_lease_store_write_seconds_count", "family", "4").orElseThrow() >= writes + 3);
        assertTrue(after.value("kakapo_allocator_call_seconds_sum", "family", "4", "operation", "commit").orElseThrow() > 0);
        // a histogram: the +Inf bucket holds every call
        assertEquals(commits + 3, after.value("kakapo_allocator_call_seconds_bucket", "family", "4", "operation", "commit", "le", "+Inf")
                .orElseThrow());
    }

    @Test
    void configurationOfTheEndpoint() throws Exception {
        KeaConfig unixOnly = KeaConfig.parse(CONFIG.substring(0, CONFIG.indexOf(",\n  \"Kakapo\"")) + "\n}",
                dir, KeaConfig.Families.DHCP4);
        assertEquals(null, unixOnly.control());
        assertTrue(unixOnly.notes().stream().anyMatch(n -> n.contains("unix socket")), unixOnly.notes().toString());

        String open = """
                { "Dhcp4": { "valid-lifetime": 10, "subnet4": [],
                             "control-sockets": [ { "socket-type": "http", "socket-address": "192.0.2.1", "socket-port": 8004 } ] } }""";
        ConfigException refused = assertThrows(ConfigException.class, () -> KeaConfig.parse(open, dir, KeaConfig.Families.DHCP4));
        assertTrue(refused.getMessage().contains("without authentication"), refused.getMessage());
        KeaConfig allowed = KeaConfig.parse(open.replace("\"socket-port\": 8004", "\"socket-port\": 8004, \"allow-unauthenticated\": true"),
                dir, KeaConfig.Families.DHCP4);
        assertEquals(8004, allowed.control().port());
        assertEquals("192.0.2.1", allowed.control().address());
        ConfigException tls = assertThrows(ConfigException.class, () -> KeaConfig.parse(open.replace("\"http\"", "\"https\"")
                .replace("\"socket-port\": 8004", "\"socket-port\": 8004, \"allow-unauthenticated\": true"), dir, KeaConfig.Families.DHCP4));
        assertTrue(tls.getMessage().contains("trust-anchor"), tls.getMessage());
        ConfigException noPassword = assertThrows(ConfigException.class, () -> KeaConfig.parse(open.replace("\"socket-port\": 8004",
                "\"socket-port\": 8004, \"authentication\": {\"type\": \"basic\", \"clients\": [{\"user\": \"admin\", \"password-file\": \"missing.pw\"}]}"),
                dir, KeaConfig.Families.DHCP4));
        assertTrue(noPassword.getMessage().contains("missing.pw"), noPassword.getMessage());
    }
}
