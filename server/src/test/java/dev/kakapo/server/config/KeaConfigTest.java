package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.BASE;
import static dev.kakapo.server.config.ConfigAssertions.BOTH;
import static dev.kakapo.server.config.ConfigAssertions.rejectedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file carrying Dhcp4, Dhcp6 or both. */
class KeaConfigTest {

    private static final String DHCP4 = """
            "Dhcp4": { "valid-lifetime": 4000, "subnet4": [ { "subnet": "192.0.2.0/24" } ] }""";
    private static final String DHCP6 = """
            "Dhcp6": { "preferred-lifetime": 3000, "valid-lifetime": 4000, "subnet6": [ { "subnet": "2001:db8:1::/64" } ] }""";

    @Test
    void bothFamiliesFromOneFile(@TempDir Path dir) throws IOException, ConfigException {
        Path file = dir.resolve("kakapo.json");
        Files.writeString(file, "{ " + DHCP4 + ", " + DHCP6 + " }");
        KeaConfig config = KeaConfig.parseFile(file);
        assertEquals(1, config.dhcp4().subnets().size());
        assertEquals(1, config.dhcp6().subnets().size());
        assertEquals(Path.of("/var/lib/kakapo/kakapo-leases4.csv"), config.dhcp4().leaseDatabase().file());
        assertEquals(Path.of("/var/lib/kakapo/kakapo-leases6.csv"), config.dhcp6().leaseDatabase().file());
    }

    @Test
    void eitherFamilyAlone() throws ConfigException {
        KeaConfig v4 = KeaConfig.parse("{ " + DHCP4 + " }", BASE);
        assertNotNull(v4.dhcp4());
        assertNull(v4.dhcp6());
        KeaConfig v6 = KeaConfig.parse("{ " + DHCP6 + " }", BASE);
        assertNull(v6.dhcp4());
        assertNotNull(v6.dhcp6());
    }

    @Test
    void atLeastOneFamilyIsNeeded() {
        rejectedBy(BOTH, "{ \"Logging\": { } }", "(top level)", "no 'Dhcp4' or 'Dhcp6' entry");
        assertThrows(IllegalArgumentException.class, () -> new KeaConfig(null, null, null));
    }

    @Test
    void keysOfBothSectionsAreCheckedInDocumentOrder() {
        // the bad value in Dhcp4 comes first, but a key Kakapo cannot honour anywhere is named first
        rejectedBy(BOTH, "{ \"Dhcp4\": { \"valid-lifetime\": \"x\" }, \"Dhcp6\": { \"mac-sources\": [ ] } }",
                "Dhcp6/mac-sources", "not support");
        rejectedBy(BOTH, "{ \"Dhcp6\": { \"mac-sources\": [ ] }, \"Dhcp4\": { \"shared-networks\": [ ] } }",
                "Dhcp6/mac-sources", "not support");
        rejectedBy(BOTH, "{ \"Dhcp4\": { \"shared-networks\": [ ] }, \"Dhcp6\": { \"mac-sources\": [ ] } }",
                "Dhcp4/shared-networks", "not support");
    }

    @Test
    void valuesAreReadSectionBySectionInDocumentOrder() {
        rejectedBy(BOTH, "{ \"Dhcp6\": { \"valid-lifetime\": -1 }, \"Dhcp4\": { \"valid-lifetime\": -1 } }",
                "Dhcp6/valid-lifetime", "must not be negative");
        rejectedBy(BOTH, "{ \"Dhcp4\": { \"valid-lifetime\": -1 }, \"Dhcp6\": { \"valid-lifetime\": -1 } }",
                "Dhcp4/valid-lifetime", "must not be negative");
    }

    @Test
    void eachFamilyKeepsItsOwnLoggers() throws ConfigException {
        KeaConfig config = KeaConfig.parse("""
                { "Dhcp4": { }, "Dhcp6": { },
                  "Logging": { "loggers": [ { "name": "kea-dhcp4", "severity": "DEBUG" },
                                            { "name": "kea-dhcp6", "severity": "ERROR" } ] } }
                """, BASE);
        assertEquals("DEBUG", config.dhcp4().logSeverity());
        assertEquals("ERROR", config.dhcp6().logSeverity());
    }

    @Test
    void theFamiliesCannotShareALeaseFile() throws ConfigException {
        rejectedBy(BOTH, """
                { "Dhcp4": { "lease-database": { "type": "memfile", "name": "leases.csv" } },
                  "Dhcp6": { "lease-database": { "type": "memfile", "name": "leases.csv" } } }
                """, "Dhcp6/lease-database/name", "is also the Dhcp4 lease file");
        // without persistence there is no file to share
        KeaConfig.parse("""
                { "Dhcp4": { "lease-database": { "type": "memfile", "name": "leases.csv", "persist": false } },
                  "Dhcp6": { "lease-database": { "type": "memfile", "name": "leases.csv" } } }
                """, BASE);
    }

    @Test
    void syntaxNotesReachBothFamilies() throws ConfigException {
        KeaConfig config = KeaConfig.parse("{ \"Dhcp4\": { \"interfaces-config\": { \"interfaces\": [ \"eth0\", ] } }, \"Dhcp6\": { } }", BASE);
        assertEquals(config.dhcp4().notes(), config.dhcp6().notes());
        assertEquals(1, config.dhcp6().notes().size());
    }
}
