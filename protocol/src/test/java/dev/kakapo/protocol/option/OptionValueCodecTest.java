package dev.kakapo.protocol.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionValueCodecTest {
    private final OptionCatalog dhcp4 = OptionCatalog.dhcp4();

    private byte[] csv(String name, String data) {
        return dhcp4.byName(name).orElseThrow().encodeCsv(data);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static OptionDefinition custom(OptionDataType type, boolean array, OptionDataType... fields) {
        return new OptionDefinition("foo", 222, "dhcp4", type, array, List.of(fields), null);
    }

    private static String error(OptionDefinition def, String data) {
        return assertThrows(IllegalArgumentException.class, () -> def.encodeCsv(data)).getMessage();
    }

    private String error(String name, String data) {
        return error(dhcp4.byName(name).orElseThrow(), data);
    }

    // ---- every data type ----

    @Test
    void ipv4AddressArrayTakesAnyNumberOfValues() {
        assertArrayEquals(hex("c0000201"), csv("routers", "192.0.2.1"));
        assertArrayEquals(hex("c0000201c0000202c6336401"), csv("domain-name-servers", "192.0.2.1, 192.0.2.2,198.51.100.1"));
        assertArrayEquals(new byte[0], csv("routers", ""));
    }

    @Test
    void singleIpv4Address() {
        assertArrayEquals(hex("ffffff00"), csv("subnet-mask", "255.255.255.0"));
    }

    @Test
    void booleanAcceptsWordsAndDigits() {
        assertArrayEquals(hex("01"), csv("ip-forwarding", "true"));
        assertArrayEquals(hex("00"), csv("ip-forwarding", "false"));
        assertArrayEquals(hex("01"), csv("ip-forwarding", "1"));
        assertArrayEquals(hex("00"), csv("ip-forwarding", " 0 "));
        assertEquals("'yes' is not a valid boolean in option 'ip-forwarding' (19)", error("ip-forwarding", "yes"));
    }

    @Test
    void unsignedIntegersInDecimalOrHex() {
        assertArrayEquals(hex("40"), csv("default-ip-ttl", "64"));
        assertArrayEquals(hex("ff"), csv("default-ip-ttl", "0xff"));
        assertArrayEquals(hex("05dc"), csv("interface-mtu", "1500"));
        assertArrayEquals(hex("00000e10"), csv("dhcp-lease-time", "3600"));
        assertArrayEquals(hex("ffffffff"), csv("dhcp-lease-time", "4294967295"));
        assertArrayEquals(hex("010306"), csv("dhcp-parameter-request-list", "1,3, 6"));
        assertArrayEquals(hex("0044005c"), csv("path-mtu-plateau-table", "68, 92"));
    }

    @Test
    void signedIntegers() {
        assertArrayEquals(hex("ffffffff"), csv("time-offset", "-1"));
        assertArrayEquals(hex("00000e10"), csv("time-offset", "3600"));
        assertArrayEquals(hex("80000000"), csv("time-offset", "-2147483648"));
        assertArrayEquals(hex("80"), custom(OptionDataType.INT8, false).encodeCsv("-128"));
        assertArrayEquals(hex("7fff"), custom(OptionDataType.INT16, false).encodeCsv("32767"));
        assertArrayEquals(hex("8000"), custom(OptionDataType.INT16, false).encodeCsv("-32768"));
    }

    @Test
    void integersOutOfRangeNameValueTypeAndOption() {
        assertEquals("'300' is out of range for uint8 in option 'default-ip-ttl' (23)", error("default-ip-ttl", "300"));
        assertEquals("'-1' is out of range for uint8 in option 'default-ip-ttl' (23)", error("default-ip-ttl", "-1"));
        assertEquals("'65536' is out of range for uint16 in option 'interface-mtu' (26)", error("interface-mtu", "65536"));
        assertEquals("'4294967296' is out of range for uint32 in option 'dhcp-lease-time' (51)",
                error("dhcp-lease-time", "4294967296"));
        assertEquals("'2147483648' is out of range for int32 in option 'time-offset' (2)", error("time-offset", "2147483648"));
        assertEquals("'128' is out of range for int8 in option 'foo' (222)", error(custom(OptionDataType.INT8, false), "128"));
        assertEquals("'99999999999999999999' is out of range for uint32 in option 'dhcp-lease-time' (51)",
                error("dhcp-lease-time", "99999999999999999999"));
        assertEquals("'ten' is not a valid uint16 in option 'interface-mtu' (26)", error("interface-mtu", "ten"));
        assertEquals("'' is not a valid uint8 in option 'dhcp-parameter-request-list' (55)",
                error("dhcp-parameter-request-list", "1,,3"));
    }

    @Test
    void badAddressesAreNamed() {
        assertEquals("'192.0.2' is not a valid ipv4-address in option 'routers' (3)", error("routers", "192.0.2.1, 192.0.2"));
        assertEquals("'192.0.2.256' is not a valid ipv4-address in option 'subnet-mask' (1)", error("subnet-mask", "192.0.2.256"));
        assertEquals("'router.example' is not a valid ipv4-address in option 'routers' (3)", error("routers", "router.example"));
        OptionDefinition v6 = custom(OptionDataType.IPV6_ADDRESS, true);
        assertEquals("'2001:db8::1::2' is not a valid ipv6-address in option 'foo' (222)", error(v6, "2001:db8::1::2"));
        assertEquals("'2001:db8:g::1' is not a valid ipv6-address in option 'foo' (222)", error(v6, "2001:db8:g::1"));
    }

    @Test
    void ipv6Addresses() {
        OptionDefinition v6 = custom(OptionDataType.IPV6_ADDRESS, true);
        assertArrayEquals(hex("20010db8000000000000000000000001" + "00000000000000000000000000000000"),
                v6.encodeCsv("2001:db8::1, ::"));
        assertArrayEquals(hex("00000000000000000000ffffc0000201"), v6.encodeCsv("::ffff:192.0.2.1"));
        assertArrayEquals(hex("00010002000300040005000600070008"), v6.encodeCsv("1:2:3:4:5:6:7:8"));
    }

    @Test
    void ipv6PrefixWritesLengthThenTheCoveredOctets() {
        OptionDefinition prefix = custom(OptionDataType.IPV6_PREFIX, false);
        assertArrayEquals(hex("4020010db800000000"), prefix.encodeCsv("2001:db8::/64"));
        // bits past the length are cleared
        assertArrayEquals(hex("0c2000"), prefix.encodeCsv("2001:dbff::/12"));
        assertArrayEquals(hex("00"), prefix.encodeCsv("::/0"));
        assertEquals("'2001:db8::/129' is not a valid ipv6-prefix in option 'foo' (222)", error(prefix, "2001:db8::/129"));
        assertEquals("'2001:db8::' is not a valid ipv6-prefix in option 'foo' (222)", error(prefix, "2001:db8::"));
    }

    @Test
    void psidIsLengthThenLeftAlignedValue() {
        OptionDefinition psid = custom(OptionDataType.PSID, false);
        assertArrayEquals(hex("04a000"), psid.encodeCsv("10/4"));
        assertArrayEquals(hex("101234"), psid.encodeCsv("0x1234/16"));
        assertArrayEquals(hex("000000"), psid.encodeCsv("0/0"));
        assertEquals("'16' is out of range for psid in option 'foo' (222)", error(psid, "16/4"));
        assertEquals("'1/17' has a length outside 0..16; not a valid psid in option 'foo' (222)", error(psid, "1/17"));
    }

    @Test
    void stringIsRawUtf8AndKeepsCommas() {
        assertArrayEquals("example.org".getBytes(), csv("domain-name", "example.org"));
        assertArrayEquals("a,b".getBytes(), csv("host-name", "a,b"));
        assertArrayEquals("k\u00e4kapo".getBytes(java.nio.charset.StandardCharsets.UTF_8), csv("host-name", "k\u00e4kapo"));
        assertEquals("'' is empty; not a valid string in option 'host-name' (12)", error("host-name", ""));
    }

    @Test
    void fqdnInWireFormatForFullAndPartialNames() {
        OptionDefinition name = dhcp4.byName("v4-access-domain").orElseThrow();
        byte[] expected = hex("076578616d706c65036f726700");
        assertArrayEquals(expected, name.encodeCsv("example.org."));
        assertArrayEquals(expected, name.encodeCsv("example.org"));
        assertArrayEquals(hex("00"), name.encodeCsv("."));
        assertArrayEquals(hex("03666f6f00" + "076578616d706c6500"), csv("domain-search", "foo, example."));
        assertEquals("'a..b' has a label of 0 bytes (1..63 allowed); not a valid fqdn in option 'v4-access-domain' (213)",
                error(name, "a..b"));
        assertThrows(IllegalArgumentException.class, () -> name.encodeCsv("x".repeat(64) + ".org"));
        assertThrows(IllegalArgumentException.class, () -> name.encodeCsv(("x".repeat(60) + ".").repeat(5)));
    }

    @Test
    void binaryIsHex() {
        assertArrayEquals(hex("01001122334455"), csv("dhcp-client-identifier", "01:00:11:22:33:44:55"));
        assertArrayEquals(hex("abcd"), csv("user-class", "abcd"));
        String message = error("dhcp-client-identifier", "01zz");
        assertEquals("invalid hex data '01zz': 'z' at offset 2 is not a hex digit"
                + " for binary in option 'dhcp-client-identifier' (61)", message);
    }

    @Test
    void emptyTakesNoData() {
        assertArrayEquals(new byte[0], csv("dhcp-agent-options", ""));
        assertArrayEquals(new byte[0], csv("vendor-encapsulated-options", null));
        assertEquals("option 'dhcp-agent-options' (82) carries no data but was given '01'", error("dhcp-agent-options", "01"));
    }

    @Test
    void scalarRejectsASecondValue() {
        assertEquals("option 'subnet-mask' (1) needs 1 value (ipv4-address) but got 2 in '255.255.255.0, 255.0.0.0'",
                error("subnet-mask", "255.255.255.0, 255.0.0.0"));
    }

    // ---- records ----

    @Test
    void fqdnRecordOfOption81() {
        assertArrayEquals(hex("050000" + "04686f7374076578616d706c65036f726700"), csv("fqdn", "5, 0, 0, host.example.org"));
    }

    @Test
    void recordNeedsOneValuePerField() {
        assertEquals("option 'fqdn' (81) needs 4 values (uint8, uint8, uint8, fqdn) but got 2 in '5, 0'",
                error("fqdn", "5, 0"));
        assertEquals("option 'client-ndi' (94) needs 3 values (uint8, uint8, uint8) but got 4 in '1,2,3,4'",
                error("client-ndi", "1,2,3,4"));
        assertArrayEquals(hex("010203"), csv("client-ndi", "1,2,3"));
    }

    @Test
    void recordFromOptionDefExample() {
        OptionDefinition foo = custom(OptionDataType.RECORD, false, OptionDataType.UINT16, OptionDataType.IPV4_ADDRESS);
        assertArrayEquals(hex("00070a000001"), foo.encodeCsv("7, 10.0.0.1"));
        assertEquals("'10.0.0' is not a valid ipv4-address in option 'foo' (222)", error(foo, "7, 10.0.0"));
    }

    @Test
    void arrayRecordRepeatsItsLastField() {
        assertArrayEquals(hex("01" + "c0000201" + "c0000202"), csv("slp-directory-agent", "true, 192.0.2.1, 192.0.2.2"));
        assertEquals("option 'slp-directory-agent' (78) needs at least 2 values (boolean, ipv4-address) but got 1 in 'true'",
                error("slp-directory-agent", "true"));
    }

    @Test
    void trailingStringFieldKeepsTheRestOfTheText() {
        byte[] scope = csv("slp-service-scope", "false, scope1,scope2");
        assertArrayEquals(concat(hex("00"), "scope1,scope2".getBytes()), scope);
    }

    @Test
    void binaryFieldInARecord() {
        assertArrayEquals(hex("00" + "0102030405"), csv("uuid-guid", "0, 0102030405"));
    }

    @Test
    void escapedCommaIsALiteralComma() {
        OptionDefinition strings = custom(OptionDataType.RECORD, false, OptionDataType.STRING, OptionDataType.UINT8);
        assertArrayEquals(concat("a,b".getBytes(), hex("07")), strings.encodeCsv("a\\,b, 7"));
    }

    // ---- payload to text ----

    @Test
    void textRendering() {
        assertEquals("192.0.2.1, 192.0.2.2", text("routers", hex("c0000201c0000202")));
        assertEquals("3600", text("dhcp-lease-time", hex("00000e10")));
        assertEquals("-1", text("time-offset", hex("ffffffff")));
        assertEquals("true", text("ip-forwarding", hex("01")));
        assertEquals("example.org", text("domain-name", "example.org".getBytes()));
        assertEquals("1, 3, 6", text("dhcp-parameter-request-list", hex("010306")));
        assertEquals("5, 0, 0, host.example.org.", text("fqdn", hex("050000" + "04686f7374076578616d706c65036f726700")));
        assertEquals("01:00:11", text("dhcp-client-identifier", hex("010011")));
        assertEquals("true, 192.0.2.1, 192.0.2.2", text("slp-directory-agent", hex("01c0000201c0000202")));
        assertEquals("2001:db8::/64", custom(OptionDataType.IPV6_PREFIX, false).toText(hex("4020010db800000000")));
        assertEquals("2001:db8::1", custom(OptionDataType.IPV6_ADDRESS, false).toText(hex("20010db8000000000000000000000001")));
        assertEquals("10/4", custom(OptionDataType.PSID, false).toText(hex("04a000")));
    }

    @Test
    void payloadThatDoesNotFitFallsBackToHex() {
        assertEquals("c0:00:02", text("routers", hex("c00002")));
        assertEquals("00:00:0e:10:00", text("dhcp-lease-time", hex("00000e1000")));
        assertEquals("07", text("ip-forwarding", hex("07")));
        assertEquals("68:6f:00", text("host-name", hex("686f00")));
    }

    @Test
    void renderedTextEncodesBackToTheSamePayload() {
        for (String[] c : new String[][] {{"routers", "c0000201c0000202"}, {"fqdn", "05000004686f737400"},
                {"slp-directory-agent", "00c0000201"}, {"dhcp-client-identifier", "01aabbcc"}, {"client-system", "00070009"}}) {
            OptionDefinition def = dhcp4.byName(c[0]).orElseThrow();
            byte[] payload = hex(c[1]);
            assertArrayEquals(payload, def.encodeCsv(def.toText(payload)), c[0]);
        }
    }

    private String text(String name, byte[] payload) {
        return dhcp4.byName(name).orElseThrow().toText(payload);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
