package dev.kakapo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.LoggingSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggingTest {
    private static final List<String> TOUCHED = List.of("", "dev.kakapo", "dev.kakapo.server.dhcp4.leases",
            "dev.kakapo.server.dhcp6.leases", "dev.kakapo.server.reclaim", "dev.kakapo.server.packets", "dev.kakapo.server.net",
            "dev.kakapo.server.ddns", "dev.kakapo.server.hosts", "com.hazelcast");
    private final Map<String, Level> levelsBefore = new HashMap<>();
    private Handler[] handlersBefore;

    @BeforeEach
    void rememberLogging() {
        TOUCHED.forEach(n -> levelsBefore.put(n, Logger.getLogger(n).getLevel()));
        handlersBefore = Logger.getLogger("").getHandlers();
    }

    @AfterEach
    void restoreLogging() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        for (Handler h : handlersBefore) {
            root.addHandler(h);
        }
        levelsBefore.forEach((n, l) -> Logger.getLogger(n).setLevel(l));
    }

    private static LogRecord record(Level level, String logger, String message, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName(logger);
        r.setParameters(params.length == 0 ? null : params);
        r.setMillis(1_700_000_000_000L);
        return r;
    }

    @Test
    void aLineHoldsTimeLevelLoggerAndTheEventsFields() {
        String line = new LineFormatter().format(record(Level.FINE, "dev.kakapo.server.dhcp4.leases",
                "event=lease-granted family=4 address=192.0.2.10 subnet=1 hwaddr=00:0c:01:02:03:04 client-id=- xid=0x2a"));
        assertEquals("2023-11-14T22:13:20Z FINE dev.kakapo.server.dhcp4.leases event=lease-granted family=4 address=192.0.2.10"
                + " subnet=1 hwaddr=00:0c:01:02:03:04 client-id=- xid=0x2a" + System.lineSeparator(), line);
    }

    @Test
    void jsonHoldsTheSameFieldsAsMembers() throws Exception {
        String line = new JsonLineFormatter().format(record(Level.FINE, "dev.kakapo.server.dhcp4.leases",
                "event=lease-released family=4 address={0} subnet={1} xid=0x2a", "192.0.2.10", 7));
        assertTrue(line.endsWith(System.lineSeparator()));
        assertEquals(1, line.strip().lines().count());
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("2023-11-14T22:13:20Z", json.get("time").asText());
        assertEquals("FINE", json.get("level").asText());
        assertEquals("dev.kakapo.server.dhcp4.leases", json.get("logger").asText());
        assertEquals("lease-released", json.get("event").asText());
        assertEquals("192.0.2.10", json.get("address").asText());
        assertEquals("7", json.get("subnet").asText());
        assertEquals("0x2a", json.get("xid").asText());
    }

    @Test
    void jsonKeepsQuotedValuesFreeTextAndTheError() throws Exception {
        LogRecord r = record(Level.WARNING, "dev.kakapo.server.packets",
                "event=packet-dropped counter=pkt4-receive-drop reason=no-subnet detail=\"relay 203.0.113.1 \\ \"x\" on eth0\""
                        + " once-per-reason=true (see the statistics)");
        r.setThrown(new IllegalStateException("boom"));
        JsonNode json = new ObjectMapper().readTree(new JsonLineFormatter().format(r));
        assertEquals("packet-dropped", json.get("event").asText());
        assertEquals("no-subnet", json.get("reason").asText());
        assertEquals("relay 203.0.113.1 \\ \"x\" on eth0", json.get("detail").asText());
        assertEquals("true", json.get("once-per-reason").asText());
        assertEquals("(see the statistics)", json.get("text").asText());
        assertEquals("java.lang.IllegalStateException: boom", json.get("error").asText());
    }

    @Test
    void keaLoggersSetTheLevelOfEachArea() throws ConfigException {
        LoggingSettings settings = LoggingSettings.read("""
                { "Dhcp4": { "loggers": [
                    { "name": "kea-dhcp4", "severity": "WARN" },
                    { "name": "kea-dhcp4.leases", "severity": "DEBUG", "debuglevel": 50 },
                    { "name": "kea-dhcp4.packets", "severity": "ERROR" },
                    { "name": "kea-dhcp4.ddns", "severity": "NONE" },
                    { "name": "kea-dhcp4.no-such-area", "severity": "DEBUG" } ] },
                  "Kakapo": { "logging": { "format": "json" } } }""");
        assertEquals(LoggingSettings.Format.JSON, settings.format());
        assertEquals(1, settings.notes().size(), settings.notes()::toString);
        Kakapo.configureLogging(settings);
        assertEquals(Level.WARNING, Logger.getLogger("dev.kakapo").getLevel());
        Logger leases = Logger.getLogger("dev.kakapo.server.dhcp4.leases");
        assertEquals(Level.FINE, leases.getLevel());
        assertTrue(System.getLogger("dev.kakapo.server.dhcp4.leases").isLoggable(System.Logger.Level.DEBUG));
        assertTrue(System.getLogger("dev.kakapo.server.reclaim").isLoggable(System.Logger.Level.DEBUG));
        assertFalse(System.getLogger("dev.kakapo.server.packets").isLoggable(System.Logger.Level.WARNING));
        assertFalse(System.getLogger("dev.kakapo.server.ddns").isLoggable(System.Logger.Level.ERROR));
        // an area no entry names follows the daemon's root logger
        assertFalse(System.getLogger("dev.kakapo.server.hosts").isLoggable(System.Logger.Level.INFO));
        assertTrue(System.getLogger("dev.kakapo.server.hosts").isLoggable(System.Logger.Level.WARNING));
        assertTrue(Logger.getLogger("").getHandlers()[0].getFormatter() instanceof JsonLineFormatter);
    }

    @Test
    void debugOptionRaisesTheRootButKeepsExplicitAreas() throws ConfigException {
        LoggingSettings settings = LoggingSettings.read("""
                { "Dhcp6": { "loggers": [ { "name": "kea-dhcp6.hosts", "severity": "ERROR" } ] } }""").debug();
        assertEquals(LoggingSettings.Format.LINE, settings.format());
        assertEquals("DEBUG", settings.levels().get("dev.kakapo"));
        assertEquals("ERROR", settings.levels().get("dev.kakapo.server.hosts"));
    }

    @Test
    void anUnknownFormatOrSeverityIsRefusedByName() {
        ConfigException format = assertThrows(ConfigException.class,
                () -> LoggingSettings.read("{ \"Kakapo\": { \"logging\": { \"format\": \"xml\" } } }"));
        assertTrue(format.getMessage().contains("xml"), format.getMessage());
        ConfigException severity = assertThrows(ConfigException.class,
                () -> LoggingSettings.read("{ \"Dhcp4\": { \"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"LOUD\" } ] } }"));
        assertTrue(severity.getMessage().contains("LOUD"), severity.getMessage());
    }
}
