package dev.kakapo.protocol.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandardOptions4Test {
    private final OptionCatalog catalog = OptionCatalog.dhcp4();

    @Test
    void namesAreUniqueAndCodesAppearAtMostOnceWithin1To254() {
        Set<String> names = new HashSet<>();
        Set<Integer> codes = new HashSet<>();
        for (OptionDefinition d : StandardOptions4.DEFINITIONS) {
            assertTrue(names.add(d.name()), "duplicate name " + d.name());
            assertTrue(codes.add(d.code()), "duplicate code " + d.code());
            assertTrue(d.code() >= 1 && d.code() <= 254, d.name() + " has code " + d.code());
            assertEquals("dhcp4", d.space(), d.name());
            assertFalse(d.name().contains(" "), d.name());
        }
        assertEquals(StandardOptions4.DEFINITIONS.size(), catalog.definitions().size());
    }

    @Test
    void recordLayoutsHaveFieldsAndOnlyRecordsDo() {
        for (OptionDefinition d : StandardOptions4.DEFINITIONS) {
            assertEquals(d.type() == OptionDataType.RECORD, !d.recordTypes().isEmpty(), d.name());
        }
    }

    @Test
    void wellKnownOptionsHaveKeasNamesCodesAndTypes() {
        expect("subnet-mask", 1, OptionDataType.IPV4_ADDRESS, false);
        expect("time-offset", 2, OptionDataType.INT32, false);
        expect("routers", 3, OptionDataType.IPV4_ADDRESS, true);
        expect("domain-name-servers", 6, OptionDataType.IPV4_ADDRESS, true);
        expect("host-name", 12, OptionDataType.STRING, false);
        expect("boot-size", 13, OptionDataType.UINT16, false);
        expect("domain-name", 15, OptionDataType.STRING, false);
        expect("ip-forwarding", 19, OptionDataType.BOOLEAN, false);
        expect("ntp-servers", 42, OptionDataType.IPV4_ADDRESS, true);
        expect("dhcp-requested-address", 50, OptionDataType.IPV4_ADDRESS, false);
        expect("dhcp-lease-time", 51, OptionDataType.UINT32, false);
        expect("dhcp-message-type", 53, OptionDataType.UINT8, false);
        expect("dhcp-parameter-request-list", 55, OptionDataType.UINT8, true);
        expect("dhcp-max-message-size", 57, OptionDataType.UINT16, false);
        expect("vendor-class-identifier", 60, OptionDataType.BINARY, false);
        expect("dhcp-client-identifier", 61, OptionDataType.BINARY, false);
        expect("nisplus-domain-name", 64, OptionDataType.STRING, false);
        expect("tftp-server-name", 66, OptionDataType.STRING, false);
        expect("boot-file-name", 67, OptionDataType.STRING, false);
        expect("user-class", 77, OptionDataType.BINARY, false);
        expect("client-system", 93, OptionDataType.UINT16, true);
        expect("subnet-selection", 118, OptionDataType.IPV4_ADDRESS, false);
        expect("domain-search", 119, OptionDataType.FQDN, true);
        expect("vivco-suboptions", 124, OptionDataType.BINARY, false);
        expect("vivso-suboptions", 125, OptionDataType.UINT32, false);
    }

    @Test
    void recordsAndEncapsulatingOptions() {
        OptionDefinition fqdn = catalog.byName("fqdn").orElseThrow();
        assertEquals(81, fqdn.code());
        assertEquals(List.of(OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.FQDN),
                fqdn.recordTypes());
        OptionDefinition slp = catalog.byCode(78).orElseThrow();
        assertEquals("slp-directory-agent", slp.name());
        assertTrue(slp.array());
        assertEquals(List.of(OptionDataType.BOOLEAN, OptionDataType.IPV4_ADDRESS), slp.recordTypes());
        assertEquals(List.of(OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.UINT8),
                catalog.byName("client-ndi").orElseThrow().recordTypes());
        OptionDefinition agent = catalog.byCode(82).orElseThrow();
        assertEquals("dhcp-agent-options", agent.name());
        assertEquals(OptionDataType.EMPTY, agent.type());
        assertEquals("dhcp-agent-options-space", agent.encapsulate());
        assertEquals("vendor-encapsulated-options-space",
                catalog.byName("vendor-encapsulated-options").orElseThrow().encapsulate());
    }

    @Test
    void padAndEndAreNotOptions() {
        assertTrue(catalog.byCode(0).isEmpty());
        assertTrue(catalog.byCode(255).isEmpty());
    }

    private void expect(String name, int code, OptionDataType type, boolean array) {
        OptionDefinition d = catalog.byName(name).orElseThrow(() -> new AssertionError("no " + name));
        assertEquals(code, d.code(), name);
        assertEquals(type, d.type(), name);
        assertEquals(array, d.array(), name);
        assertEquals(d, catalog.byCode(code).orElseThrow());
    }
}
