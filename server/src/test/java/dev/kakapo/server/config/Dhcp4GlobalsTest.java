package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejects;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Global Dhcp4 values, interfaces, lease-database, expired-leases-processing, loggers. */
class Dhcp4GlobalsTest {

    @Test
    void defaultsWhenNothingIsSet() throws ConfigException {
        Dhcp4Config config = dhcp4("");
        assertEquals(86400, config.declineProbationPeriod());
        assertTrue(config.echoClientId());
        assertFalse(config.authoritative());
        assertEquals(List.of(), config.interfaces());
        assertEquals(Dhcp4Config.SocketType.RAW, config.socketType());
        assertEquals(new LeaseDatabase("memfile", Path.of("/var/lib/kakapo/kakapo-leases4.csv"), true, 3600),
                config.leaseDatabase());
        assertEquals(ExpiredLeasesProcessing.DEFAULTS, config.expiredLeasesProcessing());
        assertEquals("INFO", config.logSeverity());
        assertTrue(config.notes().isEmpty());
    }

    @Test
    void globalFlagsAreRead() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "decline-probation-period": 600, "echo-client-id": false, "authoritative": true,
                "version": 1
                """);
        assertEquals(600, config.declineProbationPeriod());
        assertFalse(config.echoClientId());
        assertTrue(config.authoritative());
    }

    @Test
    void uint32AcceptsItsWholeRange() throws ConfigException {
        Dhcp4Config config = dhcp4("\"valid-lifetime\": 4294967295, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\" } ]");
        assertEquals(4294967295L, config.subnets().get(0).validLifetime());
        assertEquals(0, dhcp4("\"decline-probation-period\": 0").declineProbationPeriod());
    }

    @Test
    void uint32RefusesStringsNegativesFractionsAndTooLarge() {
        rejectsDhcp4("\"valid-lifetime\": \"4000\"", "Dhcp4/valid-lifetime",
                "expected a number 0..4294967295, got the string \"4000\"");
        rejectsDhcp4("\"renew-timer\": -1", "Dhcp4/renew-timer", "must not be negative: -1");
        rejectsDhcp4("\"rebind-timer\": 4294967296", "Dhcp4/rebind-timer", "4294967296 is out of range (expected a number 0..4294967295)");
        rejectsDhcp4("\"decline-probation-period\": 1.5", "Dhcp4/decline-probation-period", "without a fraction");
    }

    @Test
    void booleansMustBeBooleans() {
        rejectsDhcp4("\"echo-client-id\": \"true\"", "Dhcp4/echo-client-id", "expected true or false, got the string \"true\"");
    }

    @Test
    void nextServerMustBeAnIpv4Address() {
        rejectsDhcp4("\"next-server\": \"192.0.2.300\"", "Dhcp4/next-server", "'192.0.2.300' is not an IPv4 address");
    }

    @Test
    void interfacesKeepAnAddressPartForUnicastOnlySockets() throws ConfigException {
        Dhcp4Config config = dhcp4("\"interfaces-config\": { \"interfaces\": [ \"*\", \"eth0\", \"eth1/ 192.0.2.1\" ], \"re-detect\": true }");
        assertEquals(List.of("*", "eth0", "eth1/192.0.2.1"), config.interfaces());
    }

    @Test
    void interfaceAddressMustBeIpv4() {
        rejectsDhcp4("\"interfaces-config\": { \"interfaces\": [ \"eth0/fe80::1\" ] }",
                "Dhcp4/interfaces-config/interfaces[0]", "invalid address in 'eth0/fe80::1'");
    }

    @Test
    void udpSocketTypeNeedsNoNote() throws ConfigException {
        Dhcp4Config config = dhcp4("\"interfaces-config\": { \"interfaces\": [ \"eth0\" ], \"dhcp-socket-type\": \"udp\" }");
        assertEquals(Dhcp4Config.SocketType.UDP, config.socketType());
        assertTrue(config.notes().isEmpty());
    }

    @Test
    void rawSocketTypeAddsANote() throws ConfigException {
        Dhcp4Config config = dhcp4("\"interfaces-config\": { \"interfaces\": [ \"eth0\" ], \"dhcp-socket-type\": \"raw\" }");
        assertEquals(Dhcp4Config.SocketType.RAW, config.socketType());
        assertEquals(1, config.notes().size());
        assertTrue(config.notes().get(0).contains("UDP sockets"), config.notes().get(0));
        assertTrue(config.notes().get(0).contains("broadcast"), config.notes().get(0));
    }

    @Test
    void unknownSocketTypeIsAnError() {
        rejectsDhcp4("\"interfaces-config\": { \"dhcp-socket-type\": \"packet\" }",
                "Dhcp4/interfaces-config/dhcp-socket-type", "expected \"raw\" or \"udp\"");
    }

    @Test
    void memfileValuesAreRead() throws ConfigException {
        Dhcp4Config config = dhcp4("\"lease-database\": { \"type\": \"memfile\", \"name\": \"/tmp/kea-leases4.csv\", \"persist\": false, \"lfc-interval\": 0 }");
        assertEquals(new LeaseDatabase("memfile", Path.of("/tmp/kea-leases4.csv"), false, 0), config.leaseDatabase());
    }

    @Test
    void relativeLeaseFileResolvesAgainstTheConfigFolder(@TempDir Path dir) throws IOException, ConfigException {
        Path file = dir.resolve("kakapo.json");
        Files.writeString(file, "{ \"Dhcp4\": { \"lease-database\": { \"type\": \"memfile\", \"name\": \"leases4\" } } }");
        Dhcp4Config config = Dhcp4ConfigParser.parseFile(file);
        assertEquals(dir.toAbsolutePath().resolve("leases4"), config.leaseDatabase().file());
        assertFalse(Files.exists(config.leaseDatabase().file()), "parsing creates no lease file");
    }

    @Test
    void leaseDatabaseTypeIsMandatory() {
        rejectsDhcp4("\"lease-database\": { \"name\": \"x\" }", "Dhcp4/lease-database/type", "missing mandatory 'type'");
        rejectsDhcp4("\"lease-database\": { \"type\": \"sqlite\" }", "Dhcp4/lease-database/type", "unknown lease-database type 'sqlite'");
        rejectsDhcp4("\"lease-database\": { \"type\": \"memfile\", \"lfc-interval\": -5 }", "Dhcp4/lease-database/lfc-interval", "must not be negative");
    }

    @Test
    void expiredLeasesProcessingReadsAllSixKeys() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "expired-leases-processing": { "reclaim-timer-wait-time": 5, "flush-reclaimed-timer-wait-time": 10,
                  "hold-reclaimed-time": 1800, "max-reclaim-leases": 500, "max-reclaim-time": 100,
                  "unwarned-reclaim-cycles": 10 }
                """);
        assertEquals(new ExpiredLeasesProcessing(5, 10, 1800, 500, 100, 10), config.expiredLeasesProcessing());
    }

    @Test
    void expiredLeasesProcessingKeepsDefaultsForAbsentKeys() throws ConfigException {
        Dhcp4Config config = dhcp4("\"expired-leases-processing\": { \"max-reclaim-time\": 0 }");
        assertEquals(new ExpiredLeasesProcessing(10, 25, 3600, 100, 0, 5), config.expiredLeasesProcessing());
    }

    @Test
    void expiredLeasesProcessingEnforcesKeasMaxima() {
        rejectsDhcp4("\"expired-leases-processing\": { \"reclaim-timer-wait-time\": 65536 }",
                "Dhcp4/expired-leases-processing/reclaim-timer-wait-time", "65536 is out of range (expected a number 0..65535)");
        rejectsDhcp4("\"expired-leases-processing\": { \"max-reclaim-time\": 10001 }",
                "Dhcp4/expired-leases-processing/max-reclaim-time", "expected a number 0..10000");
        rejectsDhcp4("\"expired-leases-processing\": { \"unwarned-reclaim-cycles\": -1 }",
                "Dhcp4/expired-leases-processing/unwarned-reclaim-cycles", "must not be negative");
        rejectsDhcp4("\"expired-leases-processing\": { \"flush-reclaimed-timer-wait-time\": 70000 }",
                "Dhcp4/expired-leases-processing/flush-reclaimed-timer-wait-time", "expected a number 0..65535");
    }

    @Test
    void logSeverityIsTheMostVerboseAsked() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "loggers": [ { "name": "kea-dhcp4", "severity": "WARN" },
                             { "name": "kea-dhcp4.leases", "severity": "DEBUG", "debuglevel": 99,
                               "output-options": [ { "output": "/var/log/k.log", "flush": false, "maxsize": 1048576,
                                                     "maxver": 8, "pattern": "%m" } ] } ]
                """);
        assertEquals("DEBUG", config.logSeverity());
        assertEquals("ERROR", dhcp4("\"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"ERROR\" } ]").logSeverity());
    }

    @Test
    void loggingSectionLoggersCountExceptOtherDaemons() throws ConfigException {
        Dhcp4Config config = Dhcp4ConfigParser.parse("""
                { "Dhcp4": { },
                  "Logging": { "loggers": [ { "name": "kea-dhcp6", "severity": "DEBUG" },
                                            { "name": "kea-dhcp4", "severity": "WARN",
                                              "output_options": [ { "output": "stdout" } ] } ] } }
                """, ConfigAssertions.BASE);
        assertEquals("WARN", config.logSeverity());
    }

    @Test
    void loggerValuesAreChecked() {
        rejectsDhcp4("\"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"VERBOSE\" } ]",
                "Dhcp4/loggers[0]/severity", "unknown severity 'VERBOSE'");
        rejectsDhcp4("\"loggers\": [ { \"name\": \"kea-dhcp4\", \"debuglevel\": 100 } ]",
                "Dhcp4/loggers[0]/debuglevel", "expected a number 0..99");
        rejects("{ \"Dhcp4\": { }, \"Logging\": { \"loggers\": [ { \"output_options\": [ { \"maxver\": \"2\" } ] } ] } }",
                "Logging/loggers[0]/output_options[0]/maxver", "expected a number");
    }

    @Test
    void multiThreadingIsAcceptedWithANote() throws ConfigException {
        Dhcp4Config config = dhcp4("\"multi-threading\": { \"enable-multi-threading\": true, \"thread-pool-size\": 4, \"packet-queue-size\": 64 }");
        assertEquals(1, config.notes().size());
        assertTrue(config.notes().get(0).contains("always concurrent"), config.notes().get(0));
        rejectsDhcp4("\"multi-threading\": { \"thread-pool-size\": \"4\" }", "Dhcp4/multi-threading/thread-pool-size", "expected a number");
    }

    @Test
    void dhcpDdnsValueMustBeBoolean() {
        rejectsDhcp4("\"dhcp-ddns\": { \"enable-updates\": \"no\" }", "Dhcp4/dhcp-ddns/enable-updates", "expected true or false");
    }

    @Test
    void wholeFileLoads() throws Exception {
        Path file = Path.of(Dhcp4GlobalsTest.class.getResource("/config/kakapo-dhcp4.json").toURI());
        Dhcp4Config config = Dhcp4ConfigParser.parseFile(file);
        assertEquals(List.of("eth0/192.0.2.1", "eth1"), config.interfaces());
        assertEquals(file.getParent().resolve("leases/kakapo-leases4.csv"), config.leaseDatabase().file());
        assertEquals(1800, config.leaseDatabase().lfcInterval());
        assertEquals(List.of(10, 1), config.subnets().stream().map(Subnet4::id).toList());
        assertEquals(4000, config.subnets().get(0).validLifetime());
        assertEquals(600, config.subnets().get(1).validLifetime());
        assertEquals(1000, config.subnets().get(1).renewTimer());
        assertEquals(128, config.subnets().get(1).pools().get(0).size());
        assertEquals(1, config.globalOptions().size());
        assertEquals("WARN", config.logSeverity());
        assertTrue(config.notes().isEmpty(), config.notes().toString());
    }
}
