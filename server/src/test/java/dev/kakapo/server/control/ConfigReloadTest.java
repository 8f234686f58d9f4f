package dev.kakapo.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.dhcp4.Relay4Client;
import dev.kakapo.server.testing.FreePorts;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config-set, config-reload and config-write over HTTP against a DHCPv4 server answering a
 * relay's DORAs all the while: nothing lost, each answer from one whole configuration, leases kept.
 */
class ConfigReloadTest {
    /** The configuration with {@code domain-name} set to {@code %1$s} and {@code valid-lifetime} to {@code %2$s}. */
    static final String TEMPLATE = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                "valid-lifetime": %2$s,
                "option-data": [ { "name": "domain-name", "data": "%1$s" } ],
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "relay": { "ip-addresses": [ "127.0.0.2" ] },
                  "pools": [ { "pool": "192.0.2.10 - 192.0.2.250" } ]
                } ]
              },
              "Kakapo": { "control": { "address": "127.0.0.1", "port": 0 } }
            }
            """;

    @TempDir
    Path dir;
    Path file;
    ServerNode node;
    NodeControl control;
    int dhcpPort;

    static String config(String domain) {
        return String.format(TEMPLATE, domain, "4000");
    }

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("kakapo.json");
        Files.writeString(file, config("gen0.example"));
        KeaConfig config = KeaConfig.parseFile(file, KeaConfig.Families.DHCP4);
        dhcpPort = FreePorts.udp();
        node = ServerNode.start(config.dhcp4(), new Ports(dhcpPort, FreePorts.udp()), null, null);
        RunningConfig running = new RunningConfig(node, KeaConfig.Families.DHCP4, Files.readString(file), file, dir);
        control = NodeControl.start(node, config.control(), running,
                new ControlApi.Process("kakapo test", Instant.now(), () -> { }));
    }

    @AfterEach
    void stop() throws Exception {
        control.close();
        node.close();
    }

    private JsonNode command(String json) throws Exception {
        return new ControlClient(control.port()).command(json);
    }

    private JsonNode configSet(String config) throws Exception {
        return command("{\"command\": \"config-set\", \"arguments\": " + config + "}");
    }

    private static String domain(Message4 ack) {
        byte[] value = ack.options().get(OptionCode4.DOMAIN_NAME);
        return value == null ? null : new String(value, StandardCharsets.US_ASCII);
    }

    /** The generation number in a domain name like {@code gen3.example}. */
    private static int generation(Message4 ack) {
        String d = domain(ack);
        return Integer.parseInt(d.substring(3, d.indexOf('.')));
    }

    @Test
    void swapsUnderLoadLoseNothingAndKeepLeases() throws Exception {
        List<Message4> before = new ArrayList<>();
        try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", dhcpPort)) {
            for (int i = 0; i < 3; i++) {
                before.add(relay.dora(Relay4Client.mac(i)));
                assertEquals("gen0.example", domain(before.get(i)));
            }
        }
        AtomicInteger applied = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        List<String> stale = new ArrayList<>();
        Thread load = new Thread(() -> {
            try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", dhcpPort)) {
                for (int n = 100; running.get(); n++) {
                    int atLeast = applied.get();
                    sent.addAndGet(2);
                    try {
                        Message4 ack = relay.dora(Relay4Client.mac(n));
                        answered.addAndGet(2);
                        if (generation(ack) < atLeast) {
                            synchronized (stale) {
                                stale.add("client " + n + " got " + domain(ack) + " after generation " + atLeast + " was applied");
                            }
                        }
                    } catch (SocketTimeoutException e) {
                        lost.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                synchronized (stale) {
                    stale.add("load failed: " + e);
                }
            }
        }, "dora-load");
        load.start();
        try {
            for (int g = 1; g <= 5; g++) {
                int before1 = answered.get();
                while (answered.get() < before1 + 20 && load.isAlive()) {
                    Thread.sleep(5);
                }
                JsonNode answer = configSet(config("gen" + g + ".example"));
                assertEquals(0, answer.get("result").asInt(), answer.toString());
                applied.set(g);
            }
            int last = answered.get();
            while (answered.get() < last + 20 && load.isAlive()) {
                Thread.sleep(5);
            }
        } finally {
            running.set(false);
            load.join();
        }
        assertTrue(stale.isEmpty(), stale.toString());
        assertEquals(0, lost.get(), "exchanges without an answer");
        assertEquals(sent.get(), answered.get());
        assertTrue(answered.get() >= 120, "answers: " + answered.get());

        // Leases granted under the first configuration are still the clients' under the last one.
        try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", dhcpPort)) {
            for (int i = 0; i < 3; i++) {
                Message4 renewed = relay.dora(Relay4Client.mac(i));
                assertEquals(before.get(i).yiaddr(), renewed.yiaddr());
                assertEquals("gen5.example", domain(renewed));
            }
        }
        JsonNode leases = command("{\"command\": \"lease4-get-all\"}");
        assertTrue(leases.get("arguments").get("leases").size() >= 3, leases.toString());
        assertEquals("gen5.example", command("{\"command\": \"config-get\"}").get("arguments").get("Dhcp4")
                .get("option-data").get(0).get("data").asText());
    }

    @Test
    void badConfigurationIsRejectedWithTheReasonAndTheOldOneKeepsServing() throws Exception {
        JsonNode bad = configSet(String.format(TEMPLATE, "bad.example", "-1"));
        assertEquals(1, bad.get("result").asInt());
        assertTrue(bad.get("text").asText().contains("valid-lifetime"), bad.toString());

        String otherLeases = config("moved.example").replace("\"name\": \"leases4.csv\"", "\"name\": \"elsewhere.csv\"");
        JsonNode restart = configSet(otherLeases);
        assertEquals(1, restart.get("result").asInt());
        assertTrue(restart.get("text").asText().contains("lease-database"), restart.toString());
        assertTrue(restart.get("text").asText().contains("restart"), restart.toString());

        String otherInterfaces = config("moved.example").replace("lo/127.0.0.1", "lo");
        JsonNode interfaces = configSet(otherInterfaces);
        assertEquals(1, interfaces.get("result").asInt());
        assertTrue(interfaces.get("text").asText().contains("interfaces-config"), interfaces.toString());

        try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", dhcpPort)) {
            assertEquals("gen0.example", domain(relay.dora(Relay4Client.mac(7))));
        }
        assertEquals("gen0.example", command("{\"command\": \"config-get\"}").get("arguments").get("Dhcp4")
                .get("option-data").get(0).get("data").asText());
        assertEquals(1, command("{\"command\": \"config-set\"}").get("result").asInt());
    }

    @Test
    void configReloadReadsTheStartFileAgain() throws Exception {
        Files.writeString(file, config("reloaded.example"));
        JsonNode answer = command("{\"command\": \"config-reload\"}");
        assertEquals(0, answer.get("result").asInt(), answer.toString());
        try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", dhcpPort)) {
            assertEquals("reloaded.example", domain(relay.dora(Relay4Client.mac(9))));
        }
        Files.writeString(file, "{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1 } ] ");
        JsonNode broken = command("{\"command\": \"config-reload\"}");
        assertEquals(1, broken.get("result").asInt(), broken.toString());
        try (Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", dhcpPort)) {
            assertEquals("reloaded.example", domain(relay.dora(Relay4Client.mac(10))));
        }
    }

    @Test
    void configWriteWritesTheRunningConfigurationAsALoadableFile() throws Exception {
        assertEquals(0, configSet(config("written.example")).get("result").asInt());
        JsonNode answer = command("{\"command\": \"config-write\", \"arguments\": {\"filename\": \"saved.json\"}}");
        assertEquals(0, answer.get("result").asInt(), answer.toString());
        Path saved = dir.resolve("saved.json");
        assertEquals(saved.toString(), answer.get("arguments").get("filename").asText());
        assertEquals(Files.size(saved), answer.get("arguments").get("size").asLong());
        KeaConfig loaded = KeaConfig.parseFile(saved, KeaConfig.Families.DHCP4);
        assertEquals(node.dhcp4().config().subnets().get(0).pools(), loaded.dhcp4().subnets().get(0).pools());
        assertEquals(node.dhcp4().config().globalOptions(), loaded.dhcp4().globalOptions());
        assertTrue(Files.readString(saved).contains("written.example"));

        // Without a file name: the file the server was started with.
        assertNotEquals(Files.readString(file), Files.readString(saved));
        JsonNode toStart = command("{\"command\": \"config-write\"}");
        assertEquals(0, toStart.get("result").asInt(), toStart.toString());
        assertEquals(file.toString(), toStart.get("arguments").get("filename").asText());
        assertTrue(Files.readString(file).contains("written.example"));
        assertEquals(1, command("{\"command\": \"config-write\", \"arguments\": {\"filename\": 5}}").get("result").asInt());
    }
}
