package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.BASE;
import static dev.kakapo.server.config.ConfigAssertions.dhcp6;
import static dev.kakapo.server.config.ConfigAssertions.rejectedBy;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Dhcp6 section's global values, server-id, option-data in space dhcp6, and which keys it takes. */
class Dhcp6GlobalsTest {

    @Test
    void defaultsWhenNothingIsSet() throws ConfigException {
        Dhcp6Config config = dhcp6("");
        assertEquals(List.of(), config.interfaces());
        assertEquals(List.of(), config.subnets());
        assertNull(config.serverId());
        assertEquals(86400, config.declineProbationPeriod());
        assertEquals(new LeaseDatabase("memfile", Path.of("/var/lib/kakapo/kakapo-leases6.csv"), true, 3600),
                config.leaseDatabase());
        assertEquals(ExpiredLeasesProcessing.DEFAULTS, config.expiredLeasesProcessing());
        assertEquals("INFO", config.logSeverity());
        assertEquals("dhcp6", config.options().space());
    }

    @Test
    void missingDhcp6IsAnError() {
        rejectedBy(json -> Dhcp6ConfigParser.parse(json, BASE), "{ \"Dhcp4\": { } }", "(top level)",
                "no mandatory 'Dhcp6' entry");
    }

    @Test
    void dhcp4SectionIsLeftToTheDhcp4Server() throws ConfigException {
        Dhcp6Config config = Dhcp6ConfigParser.parse("{ \"Dhcp4\": { \"anything\": 1 }, \"Dhcp6\": { } }", BASE);
        assertEquals(List.of(), config.subnets());
    }

    @Test
    void interfacesKeepTheirAddressPart() throws ConfigException {
        Dhcp6Config config = dhcp6("\"interfaces-config\": { \"interfaces\": [ \"*\", \"eth0\", \"eth1/2001:db8::1\" ], \"re-detect\": true }");
        assertEquals(List.of("*", "eth0", "eth1/2001:db8::1"), config.interfaces());
    }

    @Test
    void interfaceAddressMustBeIpv6() {
        rejectsDhcp6("\"interfaces-config\": { \"interfaces\": [ \"eth0/192.0.2.1\" ] }",
                "Dhcp6/interfaces-config/interfaces[0]", "expected \"eth0/2001:db8::1\"");
    }

    @Test
    void dhcpSocketTypeIsNotADhcp6Key() {
        rejectsDhcp6("\"interfaces-config\": { \"dhcp-socket-type\": \"udp\" }",
                "Dhcp6/interfaces-config/dhcp-socket-type", "unknown key 'dhcp-socket-type' in interfaces-config");
    }

    @Test
    void relativeLeaseFileResolvesAgainstTheConfigFolder() throws ConfigException {
        Dhcp6Config config = dhcp6("\"lease-database\": { \"type\": \"memfile\", \"name\": \"leases6\", \"persist\": false, \"lfc-interval\": 0 }");
        assertEquals(new LeaseDatabase("memfile", BASE.resolve("leases6"), false, 0), config.leaseDatabase());
    }

    @Test
    void databaseLeaseStoresNeedTheirKeys() {
        rejectsDhcp6("\"lease-database\": { \"type\": \"mysql\" }", "Dhcp6/lease-database",
                "a mysql lease-database needs 'name'");
        rejectsDhcp6("\"lease-database\": { \"type\": \"cql\", \"lfc-interval\": 10 }", "Dhcp6/lease-database/lfc-interval",
                "'lfc-interval' does not apply to a cql lease-database");
    }

    @Test
    void expiredLeasesProcessingIsRead() throws ConfigException {
        Dhcp6Config config = dhcp6("\"expired-leases-processing\": { \"reclaim-timer-wait-time\": 5, \"max-reclaim-time\": 100 }");
        assertEquals(5, config.expiredLeasesProcessing().reclaimTimerWaitTime());
        assertEquals(100, config.expiredLeasesProcessing().maxReclaimTimeMillis());
        assertEquals(25, config.expiredLeasesProcessing().flushReclaimedTimerWaitTime());
    }

    @Test
    void declineProbationPeriodIsRead() throws ConfigException {
        assertEquals(600, dhcp6("\"decline-probation-period\": 600").declineProbationPeriod());
    }

    @Test
    void loggersOfTheDhcp4ServerDoNotCount() throws ConfigException {
        Dhcp6Config config = Dhcp6ConfigParser.parse("""
                { "Dhcp6": { "loggers": [ { "name": "kea-dhcp6", "severity": "WARN" } ] },
                  "Logging": { "loggers": [ { "name": "kea-dhcp4", "severity": "DEBUG" },
                                            { "name": "kea-dhcp6.packets", "severity": "ERROR" } ] } }
                """, BASE);
        assertEquals("WARN", config.logSeverity());
    }

    @Test
    void multiThreadingIsAcceptedWithANote() throws ConfigException {
        Dhcp6Config config = dhcp6("\"multi-threading\": { \"enable-multi-threading\": true, \"thread-pool-size\": 4 }");
        assertTrue(config.notes().get(0).startsWith("Dhcp6/multi-threading: accepted"), config.notes().toString());
    }

    @Test
    void dnsUpdatesAndHooksOnlyBuiltIn() throws ConfigException {
        dhcp6("\"dhcp-ddns\": { \"enable-updates\": false }, \"hooks-libraries\": [ ], \"version\": 1");
        assertTrue(dhcp6("\"dhcp-ddns\": { \"enable-updates\": true, \"qualifying-suffix\": \"example.org.\" }")
                .ddns().updatesEnabled());
        rejectsDhcp6("\"hooks-libraries\": [ { \"library\": \"/opt/lib/x.so\" } ]", "Dhcp6/hooks-libraries[0]/library",
                "hook library '/opt/lib/x.so' is a Kea feature Kakapo does not support yet");
    }

    // ---- keys ----

    @Test
    void macSourcesAndRelaySuppliedOptionsAreNotSupportedYet() {
        rejectsDhcp6("\"mac-sources\": [ \"duid\" ]", "Dhcp6/mac-sources",
                "'mac-sources' is a Kea key that Kakapo does not support yet in Dhcp6");
        rejectsDhcp6("\"relay-supplied-options\": [ \"65\" ]", "Dhcp6/relay-supplied-options",
                "'relay-supplied-options' is a Kea key that Kakapo does not support yet in Dhcp6");
    }

    @Test
    void dhcp4OnlyKeysAreUnknownInDhcp6() {
        rejectsDhcp6("\"next-server\": \"192.0.2.1\"", "Dhcp6/next-server", "unknown key 'next-server' in Dhcp6");
        rejectsDhcp6("\"subnet4\": [ ]", "Dhcp6/subnet4", "unknown key 'subnet4' in Dhcp6");
    }

    @Test
    void firstUnsupportedKeyInDocumentOrderIsReported() {
        rejectsDhcp6("""
                "subnet6": [ { "subnet": "2001:db8:1::/64", "max-valid-lifetime": 9000 } ],
                "shared-networks": [ ]
                """, "Dhcp6/subnet6[0]/max-valid-lifetime", "'max-valid-lifetime' is a Kea key");
        rejectsDhcp6("""
                "valid-lifetime": "4000",
                "pd-allocator": "random"
                """, "Dhcp6/pd-allocator", "'pd-allocator' is a Kea key");
    }

    @Test
    void commentAndUserContextAreAcceptedOnEveryObject() throws ConfigException {
        Dhcp6Config config = dhcp6("""
                "comment": "global", "user-context": { "site": "a" },
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "server-id": { "type": "EN", "comment": "s" },
                "subnet6": [ { "subnet": "2001:db8:1::/64", "comment": "c",
                               "pools": [ { "pool": "2001:db8:1::/80", "user-context": { } } ],
                               "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64, "comment": "p" } ] } ]
                """);
        assertEquals(1, config.subnets().size());
    }

    // ---- server-id ----

    @Test
    void serverIdLltWithAllFields() throws ConfigException {
        ServerIdConfig id = dhcp6("\"server-id\": { \"type\": \"LLT\", \"identifier\": \"12C4D5AF870C\", \"time\": 12345, \"htype\": 1, \"persist\": false }").serverId();
        assertEquals(ServerIdConfig.Type.LLT, id.type());
        assertEquals(Octets.parse("12:c4:d5:af:87:0c"), id.identifier());
        assertEquals(1, id.htype());
        assertEquals(12345, id.time());
        assertFalse(id.persist());
    }

    @Test
    void serverIdDefaults() throws ConfigException {
        ServerIdConfig id = dhcp6("\"server-id\": { \"type\": \"EN\" }").serverId();
        assertEquals(new ServerIdConfig(ServerIdConfig.Type.EN, Octets.EMPTY, 0, 0, 2495, true), id);
        assertEquals(2495, dhcp6("\"server-id\": { \"type\": \"EN\", \"enterprise-id\": 0 }").serverId().enterpriseId());
        assertEquals(4491, dhcp6("\"server-id\": { \"type\": \"EN\", \"enterprise-id\": 4491 }").serverId().enterpriseId());
    }

    @Test
    void serverIdTypeIsMandatoryAndKnown() throws ConfigException {
        rejectsDhcp6("\"server-id\": { \"identifier\": \"0102\" }", "Dhcp6/server-id/type", "missing mandatory 'type' of server-id");
        rejectsDhcp6("\"server-id\": { \"type\": \"llt\" }", "Dhcp6/server-id/type", "unknown server-id type 'llt'");
        assertEquals(ServerIdConfig.Type.LL, dhcp6("\"server-id\": { \"type\": \"LL\" }").serverId().type());
        assertEquals(ServerIdConfig.Type.UUID, dhcp6("\"server-id\": { \"type\": \"UUID\" }").serverId().type());
    }

    @Test
    void serverIdValuesAreChecked() {
        rejectsDhcp6("\"server-id\": { \"type\": \"LL\", \"identifier\": \"12zz\" }", "Dhcp6/server-id/identifier", "'z'");
        rejectsDhcp6("\"server-id\": { \"type\": \"LL\", \"htype\": 65536 }", "Dhcp6/server-id/htype", "out of range");
        rejectsDhcp6("\"server-id\": { \"type\": \"LLT\", \"time\": -1 }", "Dhcp6/server-id/time", "must not be negative");
        rejectsDhcp6("\"server-id\": { \"type\": \"EN\", \"persist\": \"yes\" }", "Dhcp6/server-id/persist", "expected true or false");
        rejectsDhcp6("\"server-id\": { \"type\": \"UUID\", \"identifier\": \"0102\" }", "Dhcp6/server-id/identifier", "a UUID is 16 bytes");
        rejectsDhcp6("\"server-id\": { \"type\": \"EN\", \"identifier\": \"" + "ab".repeat(125) + "\" }",
                "Dhcp6/server-id/identifier", "longer than 130 bytes (expected at most 124 bytes for type EN)");
    }

    @Test
    void serverIdUnknownKeyIsAnError() {
        rejectsDhcp6("\"server-id\": { \"type\": \"EN\", \"enterprise\": 1 }", "Dhcp6/server-id/enterprise",
                "unknown key 'enterprise' in server-id (expected one of: type, identifier, htype, time, enterprise-id, persist");
    }

    // ---- option-def and option-data in space dhcp6 ----

    @Test
    void standardOptionByNameIsEncodedFromCsv() throws ConfigException {
        ConfiguredOption dns = dhcp6("\"option-data\": [ { \"name\": \"dns-servers\", \"data\": \"2001:db8::1, 2001:db8::2\" } ]")
                .globalOptions().get(0);
        assertEquals(23, dns.code());
        assertEquals("dns-servers", dns.name());
        byte[] expected = new byte[32];
        System.arraycopy(Ipv6Address.parse("2001:db8::1").toBytes(), 0, expected, 0, 16);
        System.arraycopy(Ipv6Address.parse("2001:db8::2").toBytes(), 0, expected, 16, 16);
        assertArrayEquals(expected, dns.payload());
    }

    @Test
    void optionCodesGoUpTo65535() throws ConfigException {
        ConfiguredOption option = dhcp6("\"option-data\": [ { \"code\": 65000, \"data\": \"0102\" } ]").globalOptions().get(0);
        assertEquals(65000, option.code());
        assertArrayEquals(new byte[] {1, 2}, option.payload());
        rejectsDhcp6("\"option-data\": [ { \"code\": 65536, \"data\": \"01\" } ]", "Dhcp6/option-data[0]/code",
                "option code 65536 is out of range for DHCPv6 (expected 1..65535)");
        rejectsDhcp6("\"option-data\": [ { \"code\": 0, \"data\": \"01\" } ]", "Dhcp6/option-data[0]/code",
                "option code 0 is reserved (expected 1..65535)");
    }

    @Test
    void dhcp4NamesAndSpaceAreRefused() {
        rejectsDhcp6("\"option-data\": [ { \"name\": \"routers\", \"data\": \"192.0.2.1\" } ]", "Dhcp6/option-data[0]/name",
                "unknown option name 'routers' (expected a standard DHCPv6 option name or one from option-def)");
        rejectsDhcp6("\"option-data\": [ { \"name\": \"routers\", \"space\": \"dhcp4\", \"data\": \"192.0.2.1\" } ]",
                "Dhcp6/option-data[0]/space", "option space 'dhcp4' holds DHCPv4 options");
    }

    @Test
    void optionDefDefaultsToTheDhcp6Space() throws ConfigException {
        Dhcp6Config config = dhcp6("""
                "option-def": [ { "name": "foo", "code": 1000, "type": "record", "record-types": "uint16, ipv6-address" } ],
                "option-data": [ { "name": "foo", "data": "7, 2001:db8::1" } ]
                """);
        assertEquals("dhcp6", config.options().byCode(1000).orElseThrow().space());
        byte[] payload = config.globalOptions().get(0).payload();
        assertEquals(18, payload.length);
        assertEquals(7, payload[1]);
        rejectsDhcp6("\"option-def\": [ { \"name\": \"foo\", \"code\": 70000, \"type\": \"uint8\" } ]",
                "Dhcp6/option-def[0]/code", "out of range (expected a number 0..65535)");
    }

    @Test
    void csvValuesAreCheckedAgainstTheDefinition() {
        rejectsDhcp6("\"option-data\": [ { \"name\": \"dns-servers\", \"data\": \"192.0.2.1\" } ]",
                "Dhcp6/option-data[0]/data", "192.0.2.1");
    }

    // ---- global lifetimes ----

    @Test
    void globalPreferredLifetimeMustNotExceedValidLifetime() {
        rejectsDhcp6("\"preferred-lifetime\": 5000, \"valid-lifetime\": 4000", "Dhcp6/preferred-lifetime",
                "preferred-lifetime (5000) must not exceed valid-lifetime (4000)");
    }
}
