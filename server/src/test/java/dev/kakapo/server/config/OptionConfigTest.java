package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.option.OptionDataType;
import dev.kakapo.protocol.option.OptionDefinition;
import org.junit.jupiter.api.Test;

/** option-def and option-data at every level. */
class OptionConfigTest {

    private static ConfiguredOption onlyGlobalOption(String entry) throws ConfigException {
        return onlyGlobalOption("", entry);
    }

    private static ConfiguredOption onlyGlobalOption(String defs, String entry) throws ConfigException {
        Dhcp4Config config = dhcp4((defs.isEmpty() ? "" : "\"option-def\": [ " + defs + " ], ")
                + "\"option-data\": [ " + entry + " ]");
        assertEquals(1, config.globalOptions().size());
        return config.globalOptions().get(0);
    }

    @Test
    void standardOptionByNameIsEncodedFromCsv() throws ConfigException {
        ConfiguredOption dns = onlyGlobalOption("{ \"name\": \"domain-name-servers\", \"data\": \"192.0.2.1, 192.0.2.2\" }");
        assertEquals(6, dns.code());
        assertEquals("domain-name-servers", dns.name());
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1, (byte) 192, 0, 2, 2}, dns.payload());
        assertFalse(dns.alwaysSend());
    }

    @Test
    void standardOptionByCodeGetsItsName() throws ConfigException {
        ConfiguredOption domain = onlyGlobalOption("{ \"code\": 15, \"data\": \"example.org\", \"always-send\": true }");
        assertEquals("domain-name", domain.name());
        assertArrayEquals("example.org".getBytes(java.nio.charset.StandardCharsets.US_ASCII), domain.payload());
        assertTrue(domain.alwaysSend());
    }

    @Test
    void csvFormatFalseTakesHex() throws ConfigException {
        ConfiguredOption message = onlyGlobalOption("{ \"name\": \"dhcp-message\", \"data\": \"ABCDEF0105\", \"csv-format\": false }");
        assertArrayEquals(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 1, 5}, message.payload());
    }

    @Test
    void codeWithoutDefinitionIsHexWhenCsvFormatIsFalseOrAbsent() throws ConfigException {
        ConfiguredOption absent = onlyGlobalOption("{ \"code\": 240, \"data\": \"0102AABB\" }");
        assertEquals(240, absent.code());
        assertNull(absent.name());
        assertArrayEquals(new byte[] {1, 2, (byte) 0xAA, (byte) 0xBB}, absent.payload());
        ConfiguredOption explicit = onlyGlobalOption("{ \"code\": 240, \"data\": \"0102\", \"csv-format\": false }");
        assertArrayEquals(new byte[] {1, 2}, explicit.payload());
    }

    @Test
    void codeWithoutDefinitionAndCsvFormatTrueIsAnError() {
        rejectsDhcp4("\"option-data\": [ { \"code\": 240, \"data\": \"1\", \"csv-format\": true } ]",
                "Dhcp4/option-data[0]/csv-format", "option code 240 has no definition");
    }

    @Test
    void badHexIsAnError() {
        rejectsDhcp4("\"option-data\": [ { \"code\": 240, \"data\": \"01zz\" } ]", "Dhcp4/option-data[0]/data", "'z'");
    }

    @Test
    void optionDefinedByOptionDefIsEncodedAndAddedToTheCatalogue() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "option-def": [ { "name": "foo", "code": 222, "type": "record", "record-types": "uint16, ipv4-address", "space": "dhcp4" } ],
                "option-data": [ { "name": "foo", "data": "7, 10.0.0.1" } ]
                """);
        assertArrayEquals(new byte[] {0, 7, 10, 0, 0, 1}, config.globalOptions().get(0).payload());
        OptionDefinition foo = config.options().byCode(222).orElseThrow();
        assertEquals("foo", foo.name());
        assertEquals(OptionDataType.RECORD, foo.type());
        assertEquals(java.util.List.of(OptionDataType.UINT16, OptionDataType.IPV4_ADDRESS), foo.recordTypes());
        assertTrue(config.options().byName("routers").isPresent(), "standard definitions stay");
    }

    @Test
    void optionDefInAnotherSpaceStaysOutOfTheDhcp4Catalogue() throws ConfigException {
        Dhcp4Config config = dhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 100, \"type\": \"ipv4-address\", \"space\": \"isc\" } ]");
        assertFalse(config.options().byName("foo").isPresent());
    }

    @Test
    void valueThatDoesNotFitTheDefinitionPassesTheEncodersMessage() {
        ConfigException e = rejectsDhcp4("\"option-data\": [ { \"name\": \"routers\", \"data\": \"192.0.2.300\" } ]",
                "Dhcp4/option-data[0]/data", "192.0.2.300");
        assertTrue(e.getMessage().length() > "Dhcp4/option-data[0]/data: ".length() + 11, e.getMessage());
    }

    @Test
    void badCodesAreErrors() {
        rejectsDhcp4("\"option-data\": [ { \"code\": 0, \"data\": \"00\" } ]", "Dhcp4/option-data[0]/code", "option code 0 is reserved");
        rejectsDhcp4("\"option-data\": [ { \"code\": 256, \"data\": \"00\" } ]", "Dhcp4/option-data[0]/code", "option code 256 is out of range for DHCPv4 (expected 1..255)");
        rejectsDhcp4("\"option-data\": [ { \"code\": \"3\", \"data\": \"00\" } ]", "Dhcp4/option-data[0]/code", "got the string \"3\"");
        rejectsDhcp4("\"option-data\": [ { \"data\": \"00\" } ]", "Dhcp4/option-data[0]", "needs 'name' or 'code'");
    }

    @Test
    void unknownNameIsAnError() {
        rejectsDhcp4("\"option-data\": [ { \"name\": \"no-such-option\", \"data\": \"1\" } ]",
                "Dhcp4/option-data[0]/name", "unknown option name 'no-such-option'");
        rejectsDhcp4("\"option-data\": [ { \"name\": \"two words\", \"data\": \"1\" } ]",
                "Dhcp4/option-data[0]/name", "without spaces");
    }

    @Test
    void nameAndCodeMustMatch() {
        rejectsDhcp4("\"option-data\": [ { \"name\": \"routers\", \"code\": 6, \"data\": \"192.0.2.1\" } ]",
                "Dhcp4/option-data[0]/name", "option name 'routers' is code 3, which does not match the specified code 6");
    }

    @Test
    void otherSpacesNeedTheirOwnDefinitions() {
        rejectsDhcp4("\"option-data\": [ { \"name\": \"config-file\", \"space\": \"vendor-4491\", \"data\": \"cm.cfg\" } ]",
                "Dhcp4/option-data[0]/name", "unknown option name 'config-file' in space 'vendor-4491'");
        rejectsDhcp4("""
                "option-def": [ { "name": "foo", "code": 1, "type": "uint8", "space": "isc" } ],
                "option-data": [ { "name": "foo", "data": "1" } ]
                """, "Dhcp4/option-data[0]/name", "unknown option name 'foo'");
    }

    @Test
    void subnetOptionsAreKeptWithTheSubnet() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "valid-lifetime": 1,
                "subnet4": [ { "subnet": "192.0.2.0/24",
                  "option-data": [ { "name": "routers", "data": "192.0.2.1" }, { "code": 15, "data": "example.org" } ] } ]
                """);
        assertEquals(java.util.List.of(3, 15), config.subnets().get(0).options().stream().map(ConfiguredOption::code).toList());
        assertTrue(config.globalOptions().isEmpty());
    }

    @Test
    void optionDefMandatoryKeys() {
        rejectsDhcp4("\"option-def\": [ { \"code\": 222, \"type\": \"uint8\" } ]", "Dhcp4/option-def[0]/name", "missing mandatory 'name'");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"type\": \"uint8\" } ]", "Dhcp4/option-def[0]/code", "missing mandatory 'code'");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222 } ]", "Dhcp4/option-def[0]/type", "missing mandatory 'type'");
    }

    @Test
    void optionDefTypeMustBeKnown() {
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"uint64\" } ]",
                "Dhcp4/option-def[0]/type", "unknown option data type 'uint64' (expected one of: empty, binary");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"internal\" } ]",
                "Dhcp4/option-def[0]/type", "'internal' is a Kea type Kakapo does not support yet");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"record\", \"record-types\": \"uint8, bogus\" } ]",
                "Dhcp4/option-def[0]/record-types", "unknown option data type 'bogus'");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"record\" } ]",
                "Dhcp4/option-def[0]/record-types", "type 'record' needs its field types");
    }

    @Test
    void tupleIsLengthPrefixedTextWithOneLengthByteInDhcp4() throws ConfigException {
        ConfiguredOption option = onlyGlobalOption("{ \"name\": \"foo\", \"code\": 222, \"type\": \"tuple\" }",
                "{ \"name\": \"foo\", \"data\": \"abc\" }");
        assertArrayEquals(new byte[] {3, 'a', 'b', 'c'}, option.payload());
    }

    @Test
    void arrayAndEncapsulateAreExclusive() {
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"uint8\", \"array\": true, \"encapsulate\": \"foo-space\" } ]",
                "Dhcp4/option-def[0]/encapsulate", "cannot also encapsulate");
    }

    @Test
    void duplicateDefinitionsAreErrors() {
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"uint8\" }, { \"name\": \"bar\", \"code\": 222, \"type\": \"uint8\" } ]",
                "Dhcp4/option-def[1]/code", "option code 222 in space 'dhcp4' is already defined by Dhcp4/option-def[0]");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"uint8\" }, { \"name\": \"foo\", \"code\": 223, \"type\": \"uint8\" } ]",
                "Dhcp4/option-def[1]/name", "option name 'foo' in space 'dhcp4' is already defined");
    }

    @Test
    void sameCodeInDifferentSpacesIsFine() throws ConfigException {
        dhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 1, \"type\": \"uint8\", \"space\": \"a\" }, { \"name\": \"foo\", \"code\": 1, \"type\": \"uint8\", \"space\": \"b\" } ]");
    }

    @Test
    void optionDefCodeRange() {
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 256, \"type\": \"uint8\" } ]",
                "Dhcp4/option-def[0]/code", "expected a number 0..255");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 0, \"type\": \"uint8\" } ]",
                "Dhcp4/option-def[0]/code", "option code 0 is reserved");
    }
}
