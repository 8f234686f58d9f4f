package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.dhcp6;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** option-data in other option spaces, nested into the options that encapsulate them. */
class OptionSpacesConfigTest {

    /** A custom parent (222) carrying a uint8 and sub-options of space "isc": 1 is uint16, 2 is fqdn. */
    private static final String ISC_DEFS = """
            "option-def": [
              { "name": "isc-parent", "code": 222, "type": "uint8", "encapsulate": "isc" },
              { "name": "port", "code": 1, "space": "isc", "type": "uint16" },
              { "name": "host", "code": 2, "space": "isc", "type": "fqdn" }
            ],
            """;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static ConfiguredOption only(List<ConfiguredOption> options, int code) {
        List<ConfiguredOption> matching = options.stream().filter(o -> o.code() == code).toList();
        assertEquals(1, matching.size(), "one option " + code + " in " + options);
        return matching.get(0);
    }

    @Test
    void customSpaceSubOptionsFollowTheParentsOwnData() throws ConfigException {
        Dhcp4Config config = dhcp4(ISC_DEFS + """
                "option-data": [
                  { "name": "isc-parent", "data": "7" },
                  { "name": "port", "space": "isc", "data": "8080" },
                  { "code": 2, "space": "isc", "data": "a.example" }
                ]
                """);
        assertEquals(1, config.globalOptions().size(), "sub-options are not top-level options");
        ConfiguredOption parent = config.globalOptions().get(0);
        assertEquals(222, parent.code());
        assertEquals("isc-parent", parent.name());
        assertArrayEquals(hex("07" + "01 02 1f90" + "02 0b 0161076578616d706c6500"), parent.payload());
    }

    @Test
    void eachScopeNestsItsOwnSubOptions() throws ConfigException {
        Dhcp4Config config = dhcp4(ISC_DEFS + """
                "option-data": [
                  { "name": "isc-parent", "data": "1" },
                  { "name": "port", "space": "isc", "data": "1" }
                ],
                "valid-lifetime": 1,
                "subnet4": [ { "subnet": "192.0.2.0/24",
                  "option-data": [ { "name": "isc-parent", "data": "2" }, { "name": "port", "space": "isc", "data": "2" } ],
                  "pools": [ { "pool": "192.0.2.10 - 192.0.2.20",
                               "option-data": [ { "name": "isc-parent", "data": "3" } ] } ] } ]
                """);
        assertArrayEquals(hex("01 0102 0001"), only(config.globalOptions(), 222).payload());
        assertArrayEquals(hex("02 0102 0002"), only(config.subnets().get(0).options(), 222).payload());
        assertArrayEquals(hex("03"), only(config.subnets().get(0).pools().get(0).options(), 222).payload(),
                "the pool has no sub-options of its own; the global and subnet ones stay in their parents");
    }

    @Test
    void parentWithoutDataOfItsOwnIsMadeFromItsSubOptions() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "option-def": [
                  { "name": "container", "code": 223, "type": "empty", "encapsulate": "box" },
                  { "name": "flag", "code": 5, "space": "box", "type": "boolean" }
                ],
                "option-data": [ { "name": "routers", "data": "192.0.2.1" }, { "name": "flag", "space": "box", "data": "true" } ]
                """);
        assertEquals(List.of(3, 223), config.globalOptions().stream().map(ConfiguredOption::code).toList());
        assertEquals("container", config.globalOptions().get(1).name());
        assertArrayEquals(hex("05 01 01"), config.globalOptions().get(1).payload());
    }

    @Test
    void parentWithAFixedPartMustBeConfigured() {
        rejectsDhcp4(ISC_DEFS + "\"option-data\": [ { \"name\": \"port\", \"space\": \"isc\", \"data\": \"1\" } ]",
                "Dhcp4/option-data[0]", "goes inside option 'isc-parent' (222), which carries a uint8 before its sub-options");
    }

    @Test
    void option43CarriesVendorEncapsulatedOptionsSpace() throws ConfigException {
        String defs = """
                "option-def": [
                  { "name": "acs-url", "code": 1, "space": "vendor-encapsulated-options-space", "type": "string" },
                  { "name": "acs-port", "code": 2, "space": "vendor-encapsulated-options-space", "type": "uint16" }
                ],
                """;
        Dhcp4Config configured = dhcp4(defs + """
                "option-data": [
                  { "name": "vendor-encapsulated-options" },
                  { "name": "acs-url", "space": "vendor-encapsulated-options-space", "data": "http://acs" },
                  { "name": "acs-port", "space": "vendor-encapsulated-options-space", "data": "7547" }
                ]
                """);
        byte[] expected = hex("01 0a 687474703a2f2f616373" + "02 02 1d7b");
        ConfiguredOption option43 = only(configured.globalOptions(), 43);
        assertEquals("vendor-encapsulated-options", option43.name());
        assertArrayEquals(expected, option43.payload());
        Dhcp4Config implied = dhcp4(defs + """
                "option-data": [
                  { "name": "acs-url", "space": "vendor-encapsulated-options-space", "data": "http://acs" },
                  { "code": 2, "space": "vendor-encapsulated-options-space", "csv-format": false, "data": "1d7b" }
                ]
                """);
        assertArrayEquals(expected, only(implied.globalOptions(), 43).payload());
    }

    @Test
    void subOptionsNestAtAnyDepth() throws ConfigException {
        Dhcp6Config config = dhcp6("""
                "option-def": [
                  { "name": "outer", "code": 1000, "type": "empty", "encapsulate": "middle-space" },
                  { "name": "middle", "code": 10, "space": "middle-space", "type": "uint16", "encapsulate": "inner-space" },
                  { "name": "inner", "code": 20, "space": "inner-space", "type": "ipv6-address" }
                ],
                "option-data": [
                  { "name": "middle", "space": "middle-space", "data": "5" },
                  { "name": "inner", "space": "inner-space", "data": "2001:db8::1" }
                ]
                """);
        ConfiguredOption outer = only(config.globalOptions(), 1000);
        assertArrayEquals(hex("000a 0016 0005" + "0014 0010 20010db8000000000000000000000001"), outer.payload());
    }

    @Test
    void dhcp6SubOptionsHaveTwoByteCodesAndLengths() throws ConfigException {
        Dhcp6Config config = dhcp6("""
                "option-def": [
                  { "name": "container", "code": 1001, "type": "empty", "encapsulate": "box" },
                  { "name": "label", "code": 300, "space": "box", "type": "tuple" }
                ],
                "option-data": [ { "name": "container" }, { "name": "label", "space": "box", "data": "ab" } ]
                """);
        assertArrayEquals(hex("012c 0004 0002 6162"), only(config.globalOptions(), 1001).payload());
    }

    @Test
    void alwaysSendOfASubOptionCarriesItsParent() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "option-def": [ { "name": "acs-url", "code": 1, "space": "vendor-encapsulated-options-space", "type": "string" } ],
                "option-data": [ { "name": "acs-url", "space": "vendor-encapsulated-options-space", "data": "x", "always-send": true } ]
                """);
        assertTrue(only(config.globalOptions(), 43).alwaysSend());
    }

    @Test
    void aSpaceNothingEncapsulatesStaysOutOfReplies() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "option-def": [ { "name": "foo", "code": 1, "space": "isc", "type": "uint8" } ],
                "option-data": [ { "name": "foo", "space": "isc", "data": "1" } ]
                """);
        assertTrue(config.globalOptions().isEmpty());
    }

    @Test
    void aSpaceInsideItselfIsAnError() {
        rejectsDhcp4("""
                "option-def": [
                  { "name": "a", "code": 224, "type": "empty", "encapsulate": "space-a" },
                  { "name": "b", "code": 1, "space": "space-a", "type": "empty", "encapsulate": "space-b" },
                  { "name": "c", "code": 2, "space": "space-b", "type": "empty", "encapsulate": "space-a" }
                ],
                "option-data": [ { "name": "b", "space": "space-a" }, { "name": "c", "space": "space-b" } ]
                """, "Dhcp4/option-data[1]", "option space 'space-a' would end up inside itself (dhcp4 > space-a > space-b > space-a)");
    }

    @Test
    void subOptionsUseTheirSpacesDefinitions() {
        rejectsDhcp4(ISC_DEFS + "\"option-data\": [ { \"name\": \"isc-parent\", \"data\": \"1\" },"
                        + " { \"name\": \"port\", \"space\": \"isc\", \"data\": \"70000\" } ]",
                "Dhcp4/option-data[1]/data", "'70000' is out of range for uint16 in option 'port' (1)");
        rejectsDhcp4(ISC_DEFS + "\"option-data\": [ { \"name\": \"routers\", \"space\": \"isc\", \"data\": \"1\" } ]",
                "Dhcp4/option-data[0]/name", "unknown option name 'routers' in space 'isc' (expected a name that an"
                        + " option-def with \"space\": \"isc\" defines, or one of host, port)");
        rejectsDhcp4(ISC_DEFS + "\"option-data\": [ { \"code\": 9, \"space\": \"isc\", \"data\": \"1\", \"csv-format\": true } ]",
                "Dhcp4/option-data[0]/csv-format", "option code 9 in space 'isc' has no definition");
    }

    @Test
    void spacesOfTheOtherFamilyAndTheRelaysAreRefused() {
        rejectsDhcp4("\"option-data\": [ { \"name\": \"dns-servers\", \"space\": \"dhcp6\", \"data\": \"::1\" } ]",
                "Dhcp4/option-data[0]/space", "option space 'dhcp6' holds DHCPv6 options");
        rejectsDhcp6("\"option-data\": [ { \"name\": \"routers\", \"space\": \"dhcp4\", \"data\": \"192.0.2.1\" } ]",
                "Dhcp6/option-data[0]/space", "option space 'dhcp4' holds DHCPv4 options");
        rejectsDhcp4("\"option-data\": [ { \"code\": 1, \"space\": \"dhcp-agent-options-space\", \"data\": \"01\" } ]",
                "Dhcp4/option-data[0]/space", "relay agent information (option 82) sub-options are the relay's");
    }

    @Test
    void dhcp6IaOptionsDoNotSwallowTopLevelOptions() throws ConfigException {
        // ia-na "encapsulates" dhcp6 in the catalogue; configured dhcp6 options must stay top-level
        Dhcp6Config config = dhcp6("\"option-data\": [ { \"name\": \"dns-servers\", \"data\": \"2001:db8::53\" } ]");
        assertEquals(List.of(23), config.globalOptions().stream().map(ConfiguredOption::code).toList());
        assertFalse(config.globalOptions().get(0).alwaysSend());
    }
}
