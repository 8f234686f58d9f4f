package dev.kakapo.protocol.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandardOptions6Test {
    private final OptionCatalog catalog = OptionCatalog.dhcp6();

    @Test
    void namesAreUniqueAndCodesAppearAtMostOnceWithin1To65535() {
        Set<String> names = new HashSet<>();
        Set<Integer> codes = new HashSet<>();
        for (OptionDefinition d : StandardOptions6.DEFINITIONS) {
            assertTrue(names.add(d.name()), "duplicate name " + d.name());
            assertTrue(codes.add(d.code()), "duplicate code " + d.code());
            assertTrue(d.code() >= 1 && d.code() <= 65535, d.name() + " has code " + d.code());
            assertEquals("dhcp6", d.space(), d.name());
            assertFalse(d.name().contains(" "), d.name());
        }
        assertEquals(StandardOptions6.DEFINITIONS.size(), catalog.definitions().size());
        assertEquals("dhcp6", catalog.space());
    }

    @Test
    void recordLayoutsHaveFieldsAndOnlyRecordsDo() {
        for (OptionDefinition d : StandardOptions6.DEFINITIONS) {
            assertEquals(d.type() == OptionDataType.RECORD, !d.recordTypes().isEmpty(), d.name());
        }
    }

    @Test
    void everyKea11OptionHasKeasNameCodeAndType() {
        expect("clientid", 1, OptionDataType.BINARY, false);
        expect("serverid", 2, OptionDataType.BINARY, false);
        expect("ia-na", 3, OptionDataType.RECORD, false);
        expect("ia-ta", 4, OptionDataType.UINT32, false);
        expect("iaaddr", 5, OptionDataType.RECORD, false);
        expect("oro", 6, OptionDataType.UINT16, true);
        expect("preference", 7, OptionDataType.UINT8, false);
        expect("elapsed-time", 8, OptionDataType.UINT16, false);
        expect("relay-msg", 9, OptionDataType.BINARY, false);
        expect("auth", 11, OptionDataType.BINARY, false);
        expect("unicast", 12, OptionDataType.IPV6_ADDRESS, false);
        expect("status-code", 13, OptionDataType.RECORD, false);
        expect("rapid-commit", 14, OptionDataType.EMPTY, false);
        expect("user-class", 15, OptionDataType.BINARY, false);
        expect("vendor-class", 16, OptionDataType.RECORD, false);
        expect("vendor-opts", 17, OptionDataType.UINT32, false);
        expect("interface-id", 18, OptionDataType.BINARY, false);
        expect("reconf-msg", 19, OptionDataType.UINT8, false);
        expect("reconf-accept", 20, OptionDataType.EMPTY, false);
        expect("sip-server-dns", 21, OptionDataType.FQDN, true);
        expect("sip-server-addr", 22, OptionDataType.IPV6_ADDRESS, true);
        expect("dns-servers", 23, OptionDataType.IPV6_ADDRESS, true);
        expect("domain-search", 24, OptionDataType.FQDN, true);
        expect("ia-pd", 25, OptionDataType.RECORD, false);
        expect("iaprefix", 26, OptionDataType.RECORD, false);
        expect("nis-servers", 27, OptionDataType.IPV6_ADDRESS, true);
        expect("nisp-servers", 28, OptionDataType.IPV6_ADDRESS, true);
        expect("nis-domain-name", 29, OptionDataType.FQDN, true);
        expect("nisp-domain-name", 30, OptionDataType.FQDN, true);
        expect("sntp-servers", 31, OptionDataType.IPV6_ADDRESS, true);
        expect("information-refresh-time", 32, OptionDataType.UINT32, false);
        expect("bcmcs-server-dns", 33, OptionDataType.FQDN, true);
        expect("bcmcs-server-addr", 34, OptionDataType.IPV6_ADDRESS, true);
        expect("geoconf-civic", 36, OptionDataType.RECORD, false);
        expect("remote-id", 37, OptionDataType.RECORD, false);
        expect("subscriber-id", 38, OptionDataType.BINARY, false);
        expect("client-fqdn", 39, OptionDataType.RECORD, false);
        expect("pana-agent", 40, OptionDataType.IPV6_ADDRESS, true);
        expect("new-posix-timezone", 41, OptionDataType.STRING, false);
        expect("new-tzdb-timezone", 42, OptionDataType.STRING, false);
        expect("ero", 43, OptionDataType.UINT16, true);
        expect("lq-query", 44, OptionDataType.RECORD, false);
        expect("client-data", 45, OptionDataType.EMPTY, false);
        expect("clt-time", 46, OptionDataType.UINT32, false);
        expect("lq-relay-data", 47, OptionDataType.RECORD, false);
        expect("lq-client-link", 48, OptionDataType.IPV6_ADDRESS, true);
        expect("bootfile-url", 59, OptionDataType.STRING, false);
        expect("bootfile-param", 60, OptionDataType.TUPLE, true);
        expect("client-arch-type", 61, OptionDataType.UINT16, true);
        expect("nii", 62, OptionDataType.RECORD, false);
        expect("erp-local-domain-name", 65, OptionDataType.FQDN, false);
        expect("rsoo", 66, OptionDataType.EMPTY, false);
        expect("client-linklayer-addr", 79, OptionDataType.BINARY, false);
        expect("dhcpv4-message", 87, OptionDataType.BINARY, false);
        expect("dhcp4o6-server-addr", 88, OptionDataType.IPV6_ADDRESS, true);
    }

    @Test
    void recordFieldsAndEncapsulatedSpaces() {
        assertEquals(List.of(OptionDataType.UINT32, OptionDataType.UINT32, OptionDataType.UINT32),
                catalog.byName("ia-na").orElseThrow().recordTypes());
        assertEquals("dhcp6", catalog.byName("ia-na").orElseThrow().encapsulate());
        assertEquals("dhcp6", catalog.byName("ia-ta").orElseThrow().encapsulate());
        assertEquals("dhcp6", catalog.byName("ia-pd").orElseThrow().encapsulate());
        assertEquals(List.of(OptionDataType.IPV6_ADDRESS, OptionDataType.UINT32, OptionDataType.UINT32),
                catalog.byCode(5).orElseThrow().recordTypes());
        assertEquals(List.of(OptionDataType.UINT32, OptionDataType.UINT32, OptionDataType.UINT8,
                OptionDataType.IPV6_ADDRESS), catalog.byCode(26).orElseThrow().recordTypes());
        assertEquals(List.of(OptionDataType.UINT16, OptionDataType.STRING),
                catalog.byCode(13).orElseThrow().recordTypes());
        assertEquals(List.of(OptionDataType.UINT8, OptionDataType.FQDN),
                catalog.byCode(39).orElseThrow().recordTypes());
        assertEquals("vendor-opts-space", catalog.byCode(17).orElseThrow().encapsulate());
        assertNull(catalog.byCode(23).orElseThrow().encapsulate());
    }

    @Test
    void csvValuesEncodeToTheWireLayout() {
        assertArrayEquals(hex("20010db8000000000000000000000001" + "20010db8000000000000000000000002"),
                encode("dns-servers", "2001:db8::1, 2001:db8::2"));
        assertArrayEquals(hex("076578616d706c65036f726700" + "03666f6f00"),
                encode("domain-search", "example.org., foo"));
        assertArrayEquals(hex("00000e10"), encode("information-refresh-time", "3600"));
        assertArrayEquals(hex("0000000a0000003c00000078"), encode("ia-na", "10, 60, 120"));
        assertArrayEquals(hex("0000000100000002" + "40" + "20010db8000100000000000000000000"),
                encode("iaprefix", "1, 2, 64, 2001:db8:1::"));
        assertArrayEquals(hex("0000" + "6f6b2c20646f6e65"), encode("status-code", "0, ok, done"));
        assertArrayEquals(hex("01" + "0466717a6e00"), encode("client-fqdn", "1, fqzn"));
        assertArrayEquals(hex("000009bf"), encode("vendor-opts", "2495"));
        assertArrayEquals(new byte[0], encode("rapid-commit", ""));
        assertArrayEquals(hex("0017"), encode("oro", "23"));
        assertArrayEquals(hex("20010db8000000000000000000000003"), encode("dhcp4o6-server-addr", "2001:db8::3"));
    }

    @Test
    void tuplesCarryATwoByteLengthInDhcp6() {
        OptionDefinition bootfileParam = catalog.byName("bootfile-param").orElseThrow();
        byte[] wire = bootfileParam.encodeCsv("root=/dev/sda2, quiet");
        assertArrayEquals(hex("000e" + "726f6f743d2f6465762f73646132" + "0005" + "7175696574"), wire);
        assertEquals("root=/dev/sda2, quiet", bootfileParam.toText(wire));
        // a length running past the payload falls back to hex
        assertEquals("00:09:61", bootfileParam.toText(hex("000961")));
    }

    @Test
    void tuplesInDhcp4SpaceCarryAOneByteLength() {
        OptionDefinition v4 = new OptionDefinition("boot-args", 222, "dhcp4", OptionDataType.TUPLE, true,
                List.of(), null);
        assertArrayEquals(hex("026162" + "0163"), v4.encodeCsv("ab, c"));
        assertEquals("ab, c", v4.toText(hex("026162" + "0163")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v4.encodeCsv("x".repeat(256)));
        assertTrue(e.getMessage().contains("longer than 255 bytes"), e.getMessage());
        assertEquals(OptionDataType.TUPLE, OptionDataType.fromKeaName("tuple"));
    }

    @Test
    void payloadsRenderAsCsvText() {
        OptionDefinition iaaddr = catalog.byName("iaaddr").orElseThrow();
        assertEquals("2001:db8:1::5, 3000, 4000",
                iaaddr.toText(iaaddr.encodeCsv("2001:db8:1::5, 3000, 4000")));
        OptionDefinition ia = catalog.byName("ia-na").orElseThrow();
        assertEquals("1, 2, 3", ia.toText(hex("000000010000000200000003")));
    }

    @Test
    void badValuesNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encode("dns-servers", "2001:db8::1, 192.0.2.1"));
        assertTrue(e.getMessage().contains("'192.0.2.1'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encode("preference", "256"));
        assertThrows(IllegalArgumentException.class, () -> encode("rapid-commit", "1"));
    }

    private byte[] encode(String name, String csv) {
        return catalog.byName(name).orElseThrow().encodeCsv(csv);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private void expect(String name, int code, OptionDataType type, boolean array) {
        OptionDefinition d = catalog.byName(name).orElseThrow(() -> new AssertionError("no " + name));
        assertEquals(code, d.code(), name);
        assertEquals(type, d.type(), name);
        assertEquals(array, d.array(), name);
        assertEquals(d, catalog.byCode(code).orElseThrow());
    }
}
