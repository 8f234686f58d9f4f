package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.dhcp6;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vendor-<enterprise> spaces become DHCPv4 option 125 and DHCPv6 option 17. */
class VendorOptionsConfigTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static ConfiguredOption only(List<ConfiguredOption> options, int code) {
        List<ConfiguredOption> matching = options.stream().filter(o -> o.code() == code).toList();
        assertEquals(1, matching.size(), "one option " + code + " in " + options);
        return matching.get(0);
    }

    @Test
    void docsisTftpServersInDhcp4() throws ConfigException {
        // Kea's reservations.json: CableLabs' DHCPv4 tftp-servers (2) by name
        Dhcp4Config config = dhcp4("""
                "option-data": [ { "name": "tftp-servers", "space": "vendor-4491", "data": "10.1.1.202,10.1.1.203" } ]
                """);
        ConfiguredOption vivso = only(config.globalOptions(), 125);
        assertEquals("vivso-suboptions", vivso.name());
        assertArrayEquals(hex("0000118b 0a" + "02 08 0a0101ca 0a0101cb"), vivso.payload());
    }

    @Test
    void enterpriseNumberAloneGivesAnEmptyBlockThatSubOptionsFill() throws ConfigException {
        assertArrayEquals(hex("0000118b 00"), only(dhcp4("""
                "option-data": [ { "name": "vivso-suboptions", "data": "4491" } ]
                """).globalOptions(), 125).payload());
        assertArrayEquals(hex("0000118b 06" + "01 04 0102 0304"), only(dhcp4("""
                "option-data": [ { "name": "vivso-suboptions", "data": "4491" },
                                 { "name": "oro", "space": "vendor-4491", "data": "1, 2, 3, 4" } ]
                """).globalOptions(), 125).payload());
    }

    @Test
    void dhcp4CarriesOneBlockPerEnterprise() throws ConfigException {
        // Kea's vivso.json layout: a vendor's own definitions in vendor-339
        Dhcp4Config config = dhcp4("""
                "option-def": [ { "name": "vlanid", "code": 2, "space": "vendor-339", "type": "uint32" },
                                { "name": "dls", "code": 3, "space": "vendor-339", "type": "string" } ],
                "option-data": [
                  { "name": "vlanid", "space": "vendor-339", "data": "123" },
                  { "name": "tftp-servers", "space": "vendor-4491", "data": "192.0.2.69" },
                  { "name": "dls", "space": "vendor-339", "data": "sdlp://x" },
                  { "code": 200, "space": "vendor-32473", "data": "ff" }
                ]
                """);
        assertArrayEquals(hex("00000153 10" + "02 04 0000007b" + "03 08 73646c703a2f2f78"
                        + "0000118b 06" + "02 04 c0000245"
                        + "00007ed9 03" + "c8 01 ff"),
                only(config.globalOptions(), 125).payload());
    }

    @Test
    void docsisSubOptionsInDhcp6() throws ConfigException {
        Dhcp6Config config = dhcp6("""
                "option-data": [
                  { "name": "config-file", "space": "vendor-4491", "data": "cm.cfg" },
                  { "name": "tftp-servers", "space": "vendor-4491", "data": "2001:db8::69, 2001:db8::70" },
                  { "name": "time-offset", "space": "vendor-4491", "data": "-3600" }
                ]
                """);
        ConfiguredOption vendorOpts = only(config.globalOptions(), 17);
        assertEquals("vendor-opts", vendorOpts.name());
        assertArrayEquals(hex("0000118b"
                        + "0021 0006 636d2e636667"
                        + "0020 0020 20010db8000000000000000000000069 20010db8000000000000000000000070"
                        + "0026 0004 fffff1f0"),
                vendorOpts.payload());
    }

    @Test
    void vendorOptsWithJustTheEnterpriseNumber() throws ConfigException {
        // Kea's all-options.json
        assertArrayEquals(hex("ffffffff"), only(dhcp6("""
                "option-data": [ { "name": "vendor-opts", "data": "4294967295" } ]
                """).globalOptions(), 17).payload());
        assertArrayEquals(hex("000009bf 0001 0002 0102"), only(dhcp6("""
                "option-data": [ { "name": "vendor-opts", "data": "2495" },
                                 { "code": 1, "space": "vendor-2495", "csv-format": false, "data": "0102" } ]
                """).globalOptions(), 17).payload());
    }

    @Test
    void subnetVendorOptionReplacesTheGlobalOneWhole() throws ConfigException {
        Dhcp6Config config = dhcp6("""
                "option-data": [ { "name": "config-file", "space": "vendor-4491", "data": "global.cfg" } ],
                "preferred-lifetime": 1, "valid-lifetime": 2,
                "subnet6": [ { "subnet": "2001:db8:1::/64",
                  "option-data": [ { "name": "config-file", "space": "vendor-4491", "data": "s.cfg" } ] } ]
                """);
        assertArrayEquals(hex("0000118b 0021 000a 676c6f62616c2e636667"), only(config.globalOptions(), 17).payload());
        assertArrayEquals(hex("0000118b 0021 0005 732e636667"), only(config.subnets().get(0).options(), 17).payload());
    }

    @Test
    void alwaysSendOfAVendorSubOptionCarriesTheVendorOption() throws ConfigException {
        assertTrue(only(dhcp4("""
                "option-data": [ { "name": "tftp-servers", "space": "vendor-4491", "data": "192.0.2.1", "always-send": true } ]
                """).globalOptions(), 125).alwaysSend());
    }

    @Test
    void vendorOptionGivenWholeAsHexIsSentAsItIs() throws ConfigException {
        assertArrayEquals(hex("0000118b 03 010100"), only(dhcp4("""
                "option-data": [ { "name": "vivso-suboptions", "csv-format": false, "data": "0000118b03010100" } ]
                """).globalOptions(), 125).payload());
        rejectsDhcp4("""
                "option-data": [ { "name": "vivso-suboptions", "csv-format": false, "data": "0000118b03010100" },
                                 { "name": "tftp-servers", "space": "vendor-4491", "data": "192.0.2.1" } ]
                """, "Dhcp4/option-data[0]/data", "given as 8 bytes of hex while vendor-<enterprise> sub-options");
    }

    @Test
    void dhcp6HasOneEnterprisePerScope() {
        rejectsDhcp6("""
                "option-data": [ { "name": "config-file", "space": "vendor-4491", "data": "cm.cfg" },
                                 { "code": 1, "space": "vendor-2495", "data": "01" } ]
                """, "Dhcp6/option-data[1]", "enterprise 2495 would need a second vendor-opts (17) option in this scope");
    }

    @Test
    void vendorSubOptionErrorsNameTheSpace() {
        rejectsDhcp4("\"option-data\": [ { \"name\": \"config-file\", \"space\": \"vendor-4491\", \"data\": \"x\" } ]",
                "Dhcp4/option-data[0]/name", "unknown option name 'config-file' in space 'vendor-4491' (expected a name"
                        + " that an option-def with \"space\": \"vendor-4491\" defines, or one of oro, tftp-servers)");
        rejectsDhcp6("\"option-data\": [ { \"name\": \"tftp-servers\", \"space\": \"vendor-4491\", \"data\": \"192.0.2.1\" } ]",
                "Dhcp6/option-data[0]/data", "'192.0.2.1' is not a valid ipv6-address in option 'tftp-servers' (32)");
        rejectsDhcp4("\"option-data\": [ { \"name\": \"tftp-servers\", \"space\": \"vendor-4491\","
                        + " \"data\": \"" + "192.0.2.1, ".repeat(63) + "192.0.2.1\" } ]",
                "Dhcp4/option-data[0]", "sub-option 2 of 'vivso-suboptions' (125) for enterprise 4491 is 256 bytes long");
    }
}
