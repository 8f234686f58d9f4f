package dev.kakapo.protocol.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VendorOptionsTest {

    @Test
    void vendorSpaceNamesCarryTheEnterpriseNumber() {
        assertEquals("vendor-4491", VendorOptions.space(4491));
        assertEquals(OptionalLong.of(4491), VendorOptions.enterprise("vendor-4491"));
        assertEquals(OptionalLong.of(4294967295L), VendorOptions.enterprise("vendor-4294967295"));
        assertTrue(VendorOptions.enterprise("vendor-4294967296").isEmpty());
        assertTrue(VendorOptions.enterprise("vendor-").isEmpty());
        assertTrue(VendorOptions.enterprise("vendor-x1").isEmpty());
        assertTrue(VendorOptions.enterprise("vendor-encapsulated-options-space").isEmpty());
        assertTrue(VendorOptions.enterprise("dhcp4").isEmpty());
    }

    @Test
    void docsis3DefinitionsPerFamily() {
        OptionCatalog v4 = OptionCatalog.vendor4(4491);
        assertEquals("vendor-4491", v4.space());
        assertEquals(List.of(1, 2), v4.definitions().stream().map(OptionDefinition::code).sorted().toList());
        assertEquals(OptionDataType.IPV4_ADDRESS, v4.byName("tftp-servers").orElseThrow().type());
        OptionCatalog v6 = OptionCatalog.vendor6(4491);
        assertEquals(List.of(1, 2, 10, 32, 33, 34, 37, 38),
                v6.definitions().stream().map(OptionDefinition::code).sorted().toList());
        assertEquals(33, v6.byName("config-file").orElseThrow().code());
        assertEquals(OptionDataType.IPV6_ADDRESS, v6.byCode(32).orElseThrow().type());
        assertEquals(OptionDataType.INT32, v6.byName("time-offset").orElseThrow().type());
        assertTrue(OptionCatalog.vendor6(2495).definitions().isEmpty(), "only CableLabs has built-in definitions");
    }

    @Test
    void vivsoSuboptionsIsTheEnterpriseNumber() {
        OptionDefinition vivso = OptionCatalog.dhcp4().byCode(VendorOptions.VIVSO_SUBOPTIONS).orElseThrow();
        assertArrayEquals(new byte[] {0, 0, 0x11, (byte) 0x8b}, vivso.encodeCsv("4491"));
    }

    @Test
    void tupleLengthFollowsTheFamilyGivenForAnySpace() {
        OptionDefinition tuple = new OptionDefinition("t", 1, "vendor-4491", OptionDataType.TUPLE, false, List.of(), null);
        assertArrayEquals(new byte[] {1, 'a'}, tuple.encodeCsv("a", true));
        assertArrayEquals(new byte[] {0, 1, 'a'}, tuple.encodeCsv("a", false));
    }
}
