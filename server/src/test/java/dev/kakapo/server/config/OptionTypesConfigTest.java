package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.dhcp6;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every option-def type turns option-data csv text into the payload Kea sends. */
class OptionTypesConfigTest {

    /** The payload of global option 222 ("foo") defined as {@code def} and configured with {@code data}. */
    private static byte[] dhcp4Payload(String def, String data) throws ConfigException {
        Dhcp4Config config = dhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, " + def + " } ],"
                + " \"option-data\": [ { \"name\": \"foo\", \"data\": \"" + data + "\" } ]");
        assertEquals(1, config.globalOptions().size());
        assertEquals(222, config.globalOptions().get(0).code());
        return config.globalOptions().get(0).payload();
    }

    private static byte[] dhcp6Payload(String def, String data) throws ConfigException {
        Dhcp6Config config = dhcp6("\"option-def\": [ { \"name\": \"foo\", \"code\": 1222, " + def + " } ],"
                + " \"option-data\": [ { \"name\": \"foo\", \"data\": \"" + data + "\" } ]");
        assertEquals(1, config.globalOptions().size());
        return config.globalOptions().get(0).payload();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "uint8        | 200                      | c8",
            "uint8        | 0xff                     | ff",
            "uint16       | 4660                     | 1234",
            "uint32       | 4294967295               | ffffffff",
            "int8         | -1                       | ff",
            "int16        | -2                       | fffe",
            "int32        | -2147483648              | 80000000",
            "boolean      | true                     | 01",
            "boolean      | false                    | 00",
            "boolean      | 1                        | 01",
            "boolean      | 0                        | 00",
            "ipv4-address | 192.0.2.1                | c0000201",
            "ipv6-address | 2001:db8::1              | 20010db8000000000000000000000001",
            "ipv6-prefix  | 2001:db8::/48            | 3020010db80000",
            "ipv6-prefix  | 2001:db8:1:ffff::/57     | 3920010db80001ff80",
            "psid         | 3/4                      | 043000",
            "psid         | 0/0                      | 000000",
            "string       | hello, world             | 68656c6c6f2c20776f726c64",
            "fqdn         | example.org              | 076578616d706c65036f726700",
            "fqdn         | Example.ORG.             | 074578616d706c65034f524700",
            "tuple        | abc                      | 03616263",
            "binary       | 0a0B                     | 0a0b",
            "empty        | ''                       | ''",
    })
    void everySingleTypeInDhcp4(String type, String data, String expected) throws ConfigException {
        assertArrayEquals(hex(expected), dhcp4Payload("\"type\": \"" + type + "\"", data));
    }

    @ParameterizedTest(name = "{0}[] {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "uint8        | 1, 2, 3                         | 010203",
            "uint16       | 1, 0x0203                       | 00010203",
            "uint32       | 1, 2                            | 0000000100000002",
            "int8         | -1, 1                           | ff01",
            "int16        | -1, 1                           | ffff0001",
            "int32        | -1, 1                           | ffffffff00000001",
            "boolean      | true, false, 1                  | 010001",
            "ipv4-address | 192.0.2.1, 192.0.2.2            | c0000201c0000202",
            "ipv6-address | ::1, 2001:db8::2                | 0000000000000000000000000000000120010db8000000000000000000000002",
            "ipv6-prefix  | 2001:db8::/32, ::/0             | 2020010db800",
            "psid         | 1/1, 255/8                      | 018000 08ff00",
            "fqdn         | a.example, b.                   | 0161076578616d706c6500 016200",
            "tuple        | ab, c                           | 026162 0163",
    })
    void everyArrayTypeInDhcp4(String type, String data, String expected) throws ConfigException {
        assertArrayEquals(hex(expected.replace(" ", "")),
                dhcp4Payload("\"type\": \"" + type + "\", \"array\": true", data));
    }

    @Test
    void tupleLengthIsTwoBytesInDhcp6() throws ConfigException {
        assertArrayEquals(hex("0003616263"), dhcp6Payload("\"type\": \"tuple\"", "abc"));
        assertArrayEquals(hex("00026162" + "000163"), dhcp6Payload("\"type\": \"tuple\", \"array\": true", "ab, c"));
    }

    @Test
    void ipv6PrefixAndPsidInDhcp6() throws ConfigException {
        assertArrayEquals(hex("3020010db80000"), dhcp6Payload("\"type\": \"ipv6-prefix\"", "2001:db8::/48"));
        assertArrayEquals(hex("10ffff"), dhcp6Payload("\"type\": \"psid\"", "65535/16"));
    }

    @Test
    void recordFieldsAreCommaSeparated() throws ConfigException {
        assertArrayEquals(hex("0007" + "0a000001"),
                dhcp4Payload("\"type\": \"record\", \"record-types\": \"uint16, ipv4-address\"", "7, 10.0.0.1"));
        // every field type in one record, the last a string that keeps its commas
        assertArrayEquals(hex("c0000249" + "043000" + "0131" + "076578616d706c65036f726700" + "612c62"),
                dhcp4Payload("\"type\": \"record\", \"record-types\": \"ipv4-address, psid, tuple, fqdn, string\"",
                        "192.0.2.73, 3/4, 1, example.org, a,b"));
        assertArrayEquals(hex("01" + "ff" + "30" + "20010db80000" + "0001"),
                dhcp6Payload("\"type\": \"record\", \"record-types\": \"boolean, int8, ipv6-prefix, uint16\"",
                        "true, -1, 2001:db8::/48, 1"));
        assertArrayEquals(hex("0001" + "0203"),
                dhcp4Payload("\"type\": \"record\", \"record-types\": \"uint16, binary\"", "1, 0203"));
    }

    @Test
    void arrayRecordRepeatsItsLastField() throws ConfigException {
        assertArrayEquals(hex("01" + "c0000201" + "c0000202" + "c0000203"),
                dhcp4Payload("\"type\": \"record\", \"array\": true, \"record-types\": \"uint8, ipv4-address\"",
                        "1, 192.0.2.1, 192.0.2.2, 192.0.2.3"));
        // Kea's all-options example: the fqdn at the end repeats
        assertArrayEquals(hex("7f" + "7fff" + "7fffffff" + "ff" + "ffff" + "ffffffff" + "c000024b" + "043000" + "0131"
                        + "076578616d706c65036f726700" + "06737472696e6700"),
                dhcp4Payload("\"type\": \"record\", \"array\": true, \"record-types\": \"int8, int16, int32, uint8, uint16,"
                        + " uint32, ipv4-address, psid, tuple, fqdn\"",
                        "127, 32767, 2147483647, 255, 65535, 4294967295, 192.0.2.75, 3/4, 1, example.org, string"));
    }

    @Test
    void badValuesNameTheDataPathAndTheValue() {
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"uint8\" } ],"
                        + " \"option-data\": [ { \"name\": \"foo\", \"data\": \"256\" } ]",
                "Dhcp4/option-data[0]/data", "'256' is out of range for uint8 in option 'foo' (222)");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"boolean\" } ],"
                        + " \"option-data\": [ { \"name\": \"foo\", \"data\": \"yes\" } ]",
                "Dhcp4/option-data[0]/data", "'yes' is not a valid boolean");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"psid\" } ]," 
                        + " \"option-data\": [ { \"name\": \"foo\", \"data\": \"16/4\" } ]",
                "Dhcp4/option-data[0]/data", "'16'");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"record\", \"record-types\": \"uint8, ipv4-address\" } ],"
                        + " \"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\","
                        + " \"option-data\": [ { \"name\": \"foo\", \"data\": \"1, 192.0.2\" } ] } ]",
                "Dhcp4/subnet4[0]/option-data[0]/data", "'192.0.2' is not a valid ipv4-address");
        rejectsDhcp6("\"option-def\": [ { \"name\": \"foo\", \"code\": 1222, \"type\": \"ipv6-prefix\" } ],"
                        + " \"option-data\": [ { \"name\": \"foo\", \"data\": \"2001:db8::/129\" } ]",
                "Dhcp6/option-data[0]/data", "'2001:db8::/129' is not a valid ipv6-prefix");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"fqdn\" } ],"
                        + " \"option-data\": [ { \"name\": \"foo\", \"data\": \"a..b\" } ]",
                "Dhcp4/option-data[0]/data", "'a..b' has a label of 0 bytes");
    }

    @Test
    void layoutsKeaRefusesAreRefused() {
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"string\", \"array\": true } ]",
                "Dhcp4/option-def[0]/array", "an array of string is not a valid option definition");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"record\", \"record-types\": \"uint8\" } ]",
                "Dhcp4/option-def[0]/record-types", "a record needs at least 2 fields but 'uint8' has 1");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"record\", \"record-types\": \"string, uint8\" } ]",
                "Dhcp4/option-def[0]/record-types", "a string field runs to the end of the option");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"record\", \"record-types\": \"uint8, empty\" } ]",
                "Dhcp4/option-def[0]/record-types", "a record field cannot be of type 'empty'");
        rejectsDhcp4("\"option-def\": [ { \"name\": \"foo\", \"code\": 222, \"type\": \"uint8\", \"space\": \"my space\" } ]",
                "Dhcp4/option-def[0]/space", "invalid option space name 'my space'");
    }
}
