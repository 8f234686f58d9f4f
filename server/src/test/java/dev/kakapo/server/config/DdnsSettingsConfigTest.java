package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.BASE;
import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.dhcp6;
import static dev.kakapo.server.config.ConfigAssertions.rejects;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.dns.DomainName;
import dev.kakapo.server.config.DdnsSettings.NcrProtocol;
import dev.kakapo.server.config.DdnsSettings.ReplaceClientName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code dhcp-ddns}, the global {@code ddns-*} keys and {@code Kakapo/ddns-workers}. */
class DdnsSettingsConfigTest {

    @Test
    void absentMeansKeasDefaultsAndNoUpdates() throws ConfigException {
        DdnsSettings ddns = dhcp4("").ddns();
        assertEquals(DdnsSettings.DISABLED, ddns);
        assertFalse(ddns.updatesEnabled());
        assertEquals(ReplaceClientName.NEVER, ddns.replaceClientName());
        assertEquals("myhost", ddns.generatedPrefix());
        assertEquals(DomainName.ROOT, ddns.qualifyingSuffix());
        assertEquals(List.of(new DdnsWorker("127.0.0.1", 53001)), ddns.workers());
        assertEquals(1024, ddns.maxQueueSize());
        assertEquals(DdnsSettings.DISABLED, dhcp6("").ddns());
    }

    @Test
    void kea11DhcpDdnsObject() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "dhcp-ddns": { "enable-updates": true, "qualifying-suffix": "example.org",
                               "server-ip": "192.0.2.5", "server-port": 3432, "sender-ip": "192.0.2.1",
                               "sender-port": 3433, "max-queue-size": 2048, "ncr-protocol": "UDP",
                               "ncr-format": "JSON", "always-include-fqdn": true, "override-no-update": true,
                               "override-client-update": true, "replace-client-name": "When-Present",
                               "generated-prefix": "dyn", "allow-client-update": false }
                """);
        DdnsSettings ddns = config.ddns();
        assertTrue(ddns.updatesEnabled());
        assertEquals(DomainName.parse("example.org"), ddns.qualifyingSuffix());
        assertEquals("192.0.2.5", ddns.serverIp().getHostAddress());
        assertEquals(3432, ddns.serverPort());
        assertEquals("192.0.2.1", ddns.senderIp().getHostAddress());
        assertEquals(3433, ddns.senderPort());
        assertEquals(2048, ddns.maxQueueSize());
        assertEquals(NcrProtocol.UDP, ddns.ncrProtocol());
        assertTrue(ddns.alwaysIncludeFqdn() && ddns.overrideNoUpdate() && ddns.overrideClientUpdate());
        assertEquals(ReplaceClientName.WHEN_PRESENT, ddns.replaceClientName());
        assertEquals("dyn", ddns.generatedPrefix());
        assertEquals(List.of(new DdnsWorker("192.0.2.5", 3432)), ddns.workers());
        String notes = String.join("\n", config.notes());
        assertTrue(notes.contains("Dhcp4/dhcp-ddns/ncr-protocol: accepted; Kakapo sends NameChangeRequests to its"
                + " ddns-workers over gRPC"), notes);
        assertTrue(notes.contains("Dhcp4/dhcp-ddns/allow-client-update: accepted and ignored"), notes);
        assertTrue(notes.contains("Dhcp4/dhcp-ddns/always-include-fqdn: accepted"), notes);
    }

    @Test
    void enableUpdatesFalseIsAShortForm() throws ConfigException {
        Dhcp4Config config = dhcp4("\"dhcp-ddns\": { \"enable-updates\": false }");
        assertFalse(config.ddns().enableUpdates());
        assertTrue(config.notes().isEmpty(), config.notes().toString());
    }

    @Test
    void missingQualifyingSuffixIsANote() throws ConfigException {
        Dhcp6Config config = dhcp6("\"dhcp-ddns\": { \"enable-updates\": true }");
        assertEquals(DomainName.ROOT, config.ddns().qualifyingSuffix());
        assertTrue(config.notes().get(0).startsWith("Dhcp6/dhcp-ddns: no qualifying-suffix"), config.notes().toString());
    }

    @Test
    void todaysGlobalKeys() throws ConfigException {
        DdnsSettings ddns = dhcp4("""
                "dhcp-ddns": { "enable-updates": true },
                "ddns-send-updates": false, "ddns-override-no-update": true, "ddns-override-client-update": true,
                "ddns-replace-client-name": "always", "ddns-generated-prefix": "test.prefix",
                "ddns-qualifying-suffix": "test.suffix.", "ddns-update-on-renew": true
                """).ddns();
        assertTrue(ddns.enableUpdates());
        assertFalse(ddns.sendUpdates());
        assertFalse(ddns.updatesEnabled());
        assertTrue(ddns.overrideNoUpdate() && ddns.overrideClientUpdate() && ddns.updateOnRenew());
        assertEquals(ReplaceClientName.ALWAYS, ddns.replaceClientName());
        assertEquals("test.prefix", ddns.generatedPrefix());
        assertEquals("test.suffix.", ddns.qualifyingSuffix().toText());
        assertEquals(DomainName.ROOT, dhcp4("\"ddns-qualifying-suffix\": \"\"").ddns().qualifyingSuffix());
    }

    @Test
    void kea11BooleanReplaceClientName() throws ConfigException {
        assertEquals(ReplaceClientName.ALWAYS,
                dhcp4("\"dhcp-ddns\": { \"enable-updates\": false, \"replace-client-name\": true }").ddns().replaceClientName());
        assertEquals(ReplaceClientName.NEVER,
                dhcp4("\"ddns-replace-client-name\": false").ddns().replaceClientName());
    }

    @Test
    void aBehaviourIsSetInOnePlaceOnly() {
        rejectsDhcp4("\"dhcp-ddns\": { \"enable-updates\": true, \"override-no-update\": true },"
                        + " \"ddns-override-no-update\": false", "Dhcp4/ddns-override-no-update",
                "'Dhcp4/dhcp-ddns/override-no-update' says the same; give one of them");
    }

    @Test
    void badValuesNameTheirKey() throws ConfigException {
        rejectsDhcp4("\"dhcp-ddns\": { \"enable-updates\": true, \"replace-client-name\": \"sometimes\" }",
                "Dhcp4/dhcp-ddns/replace-client-name", "unknown mode 'sometimes' (expected \"never\", \"always\"");
        rejectsDhcp6("\"ddns-replace-client-name\": 3", "Dhcp6/ddns-replace-client-name", "expected a string");
        rejectsDhcp4("\"dhcp-ddns\": { \"enable-updates\": true, \"qualifying-suffix\": \"a..b\" }",
                "Dhcp4/dhcp-ddns/qualifying-suffix", "'a..b' has a label of 0 bytes");
        rejectsDhcp4("\"ddns-generated-prefix\": \"\"", "Dhcp4/ddns-generated-prefix", "is not a prefix");
        rejectsDhcp6("\"ddns-generated-prefix\": \"" + "p".repeat(30) + "\"", "Dhcp6/ddns-generated-prefix",
                "with the longest DHCPv6 address the name would break DNS limits");
        dhcp4("\"ddns-generated-prefix\": \"" + "p".repeat(30) + "\"");
        rejectsDhcp4("\"dhcp-ddns\": { \"server-ip\": \"d2.example\" }", "Dhcp4/dhcp-ddns/server-ip",
                "'d2.example' is not an IP address");
        rejectsDhcp4("\"dhcp-ddns\": { \"server-port\": 0 }", "Dhcp4/dhcp-ddns/server-port", "0 is not a port");
        rejectsDhcp4("\"dhcp-ddns\": { \"sender-port\": 70000 }", "Dhcp4/dhcp-ddns/sender-port", "70000 is not a port");
        rejectsDhcp4("\"dhcp-ddns\": { \"max-queue-size\": 0 }", "Dhcp4/dhcp-ddns/max-queue-size", "expected 1 or more");
        rejectsDhcp4("\"dhcp-ddns\": { \"ncr-protocol\": \"SCTP\" }", "Dhcp4/dhcp-ddns/ncr-protocol",
                "unknown ncr-protocol 'SCTP'");
        rejectsDhcp4("\"dhcp-ddns\": { \"ncr-format\": \"XML\" }", "Dhcp4/dhcp-ddns/ncr-format", "unknown ncr-format 'XML'");
        rejectsDhcp4("\"dhcp-ddns\": { \"override-client-update\": 1 }", "Dhcp4/dhcp-ddns/override-client-update",
                "expected true or false");
        rejectsDhcp4("\"dhcp-ddns\": [ ]", "Dhcp4/dhcp-ddns", "expected an object");
    }

    @Test
    void serverAndSenderAddresses() throws ConfigException {
        DdnsSettings v6 = dhcp6("\"dhcp-ddns\": { \"enable-updates\": true, \"server-ip\": \"2001:db8::5\" }").ddns();
        assertEquals("0:0:0:0:0:0:0:0", v6.senderIp().getHostAddress());
        assertEquals(List.of(new DdnsWorker("2001:db8::5", 53001)), v6.workers());
        rejectsDhcp6("\"dhcp-ddns\": { \"server-ip\": \"2001:db8::5\", \"sender-ip\": \"192.0.2.1\" }",
                "Dhcp6/dhcp-ddns/sender-ip", "is not of the same family as server-ip");
        rejectsDhcp4("\"dhcp-ddns\": { \"sender-ip\": \"127.0.0.1\", \"sender-port\": 53001 }",
                "Dhcp4/dhcp-ddns/sender-port", "the sender cannot use the address and port of the server");
    }

    @Test
    void tcpIsAcceptedWithANote() throws ConfigException {
        Dhcp4Config config = dhcp4("\"dhcp-ddns\": { \"enable-updates\": true, \"qualifying-suffix\": \"x.org\","
                + " \"ncr-protocol\": \"TCP\" }");
        assertEquals(NcrProtocol.TCP, config.ddns().ncrProtocol());
        assertTrue(config.notes().stream().anyMatch(n -> n.contains("over gRPC")), config.notes().toString());
    }

    // ---- Kakapo/ddns-workers ----

    @Test
    void workersReplaceServerIpAndPort() throws ConfigException {
        String json = """
                { "Dhcp4": { "dhcp-ddns": { "enable-updates": true, "qualifying-suffix": "example.org",
                                            "server-ip": "192.0.2.9" } },
                  "Kakapo": { "ddns-workers": [ "192.0.2.5:53001", "workers.ddns.example:6000", "[2001:db8::5]:53002",
                                                "192.0.2.6" ] } }
                """;
        List<DdnsWorker> expected = List.of(new DdnsWorker("192.0.2.5", 53001), new DdnsWorker("workers.ddns.example", 6000),
                new DdnsWorker("2001:db8::5", 53002), new DdnsWorker("192.0.2.6", 53001));
        Dhcp4Config config = Dhcp4ConfigParser.parse(json, BASE);
        assertEquals(expected, config.ddns().workers());
        assertTrue(config.notes().stream().anyMatch(n -> n.contains("replaced by Kakapo/ddns-workers")), config.notes().toString());
        KeaConfig both = KeaConfig.parse(json, BASE);
        assertEquals(expected, both.kakapo().ddnsWorkers());
        assertEquals(null, both.kakapo().cluster());
        assertEquals("[2001:db8::5]:53002", expected.get(2).toString());
    }

    @Test
    void badWorkersAreRefused() {
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"ddns-workers\": [ ] } }", "Kakapo/ddns-workers",
                "no ddns-workers listed");
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"ddns-workers\": [ \"192.0.2.5:0\" ] } }", "Kakapo/ddns-workers[0]",
                "has no valid port");
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"ddns-workers\": [ \"under_score.example:1\" ] } }",
                "Kakapo/ddns-workers[0]", "neither an IPv4 address nor a DNS name");
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"ddns-workers\": [ \"192.0.2.300:1\" ] } }",
                "Kakapo/ddns-workers[0]", "'192.0.2.300' is not an IPv4 address");
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"ddns-workers\": [ \"[2001:db8:::5]:1\" ] } }",
                "Kakapo/ddns-workers[0]", "is not an IPv6 address");
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"ddns-workers\": \"192.0.2.5\" } }", "Kakapo/ddns-workers",
                "expected a list");
    }

    @Test
    void newestKeaExampleWithoutItsUnsupportedKeysLoads() throws ConfigException {
        // newest/kea4/with-ddns.json, less the conflict-resolution, TTL and hostname-char keys
        DdnsSettings ddns = dhcp4("""
                "dhcp-ddns": { "enable-updates": true, "server-ip": "192.0.2.0", "server-port": 3432,
                               "sender-ip": "192.0.2.1", "sender-port": 3433, "max-queue-size": 2048,
                               "ncr-protocol": "UDP", "ncr-format": "JSON" },
                "ddns-send-updates": true, "ddns-override-no-update": true, "ddns-override-client-update": true,
                "ddns-replace-client-name": "when-present", "ddns-generated-prefix": "test.prefix",
                "ddns-qualifying-suffix": "test.suffix.", "ddns-update-on-renew": false
                """).ddns();
        assertTrue(ddns.updatesEnabled());
        assertEquals(ReplaceClientName.WHEN_PRESENT, ddns.replaceClientName());
        assertEquals(List.of(new DdnsWorker("192.0.2.0", 3432)), ddns.workers());
    }
}
