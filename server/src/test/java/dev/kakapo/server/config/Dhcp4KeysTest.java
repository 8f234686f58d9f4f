package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.BASE;
import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejects;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which keys are accepted, which are Kea keys not supported yet, and which are unknown. */
class Dhcp4KeysTest {

    @Test
    void missingDhcp4IsAnError() {
        rejects("{ \"Dhcp6\": { } }", "(top level)", "no mandatory 'Dhcp4' entry");
    }

    @Test
    void dhcp4MustBeAnObject() {
        rejects("{ \"Dhcp4\": [ ] }", "Dhcp4", "expected an object {...}, got a list");
    }

    @Test
    void otherDaemonsSectionsAreIgnored() throws ConfigException {
        Dhcp4Config config = Dhcp4ConfigParser.parse("""
                { "Dhcp4": { },
                  "Dhcp6": { "anything": 1 }, "DhcpDdns": { "x": 2 },
                  "Control-agent": { "y": 3 }, "Netconf": { "z": 4 } }
                """, BASE);
        assertEquals("INFO", config.logSeverity());
    }

    @Test
    void unknownTopLevelKeyIsAnError() {
        rejects("{ \"Dhcp4\": { }, \"Dhcp5\": { } }", "Dhcp5", "unknown top-level key 'Dhcp5'");
    }

    @Test
    void emptyKakapoSectionIsAccepted() throws ConfigException {
        Dhcp4ConfigParser.parse("{ \"Dhcp4\": { }, \"Kakapo\": { } }", BASE);
    }

    @Test
    void anUnknownKeyInTheKakapoSectionIsAnErrorNamingIt() {
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"clusters\": { } } }", "Kakapo/clusters", "unknown key 'clusters'");
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"cluster\": { \"name\": \"k\" } } }", "Kakapo/cluster",
                "a cluster needs \"members\"");
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"cluster\": { \"members\": [ \"2001:db8::11:5701\" ] } } }",
                "Kakapo/cluster/members[0]", "is not a member address");
        rejects("{ \"Dhcp4\": { }, \"Kakapo\": { \"cluster\": { \"members\": [ \"192.0.2.11\" ], \"quorum\": 2 } } }",
                "Kakapo/cluster/quorum", "quorum 2 is more than the 1 members listed");
    }

    @Test
    void theClusterSectionNamesTheCoordinators() throws Exception {
        KeaConfig c = KeaConfig.parse("{ \"Dhcp4\": { \"valid-lifetime\": 60, \"lease-database\": { \"type\": \"memfile\", \"persist\": false } },"
                + " \"Kakapo\": { \"cluster\": { \"name\": \"site-a\","
                + " \"members\": [ \"192.0.2.11\", \"192.0.2.12:5801\", \"[2001:db8::13]:5701\" ] } } }",
                java.nio.file.Path.of("/tmp"), KeaConfig.Families.DHCP4);
        dev.kakapo.coordinator.cluster.ClusterSettings cluster = c.kakapo().cluster();
        assertEquals("site-a", cluster.name());
        assertEquals(java.util.List.of("192.0.2.11:5701", "192.0.2.12:5801", "[2001:db8::13]:5701"), cluster.members());
        assertEquals(2, cluster.effectiveQuorum(), "a majority of three");
        ConfigException perNodeFile = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> KeaConfig.parse(
                "{ \"Dhcp4\": { \"valid-lifetime\": 60 }, \"Kakapo\": { \"cluster\": { \"members\": [ \"192.0.2.11\" ] } } }",
                java.nio.file.Path.of("/tmp"), KeaConfig.Families.DHCP4));
        assertEquals("Kakapo/cluster", perNodeFile.path());
        org.junit.jupiter.api.Assertions.assertTrue(perNodeFile.getMessage().contains("use a shared database"), perNodeFile.getMessage());
    }

    @Test
    void keaKeyNotSupportedYetIsNamed() {
        rejectsDhcp4("\"shared-networks\": [ ]", "Dhcp4/shared-networks",
                "'shared-networks' is a Kea key that Kakapo does not support yet in Dhcp4");
    }

    @Test
    void keyKeaDoesNotKnowIsUnknown() {
        rejectsDhcp4("\"valid-lifetme\": 4000", "Dhcp4/valid-lifetme", "unknown key 'valid-lifetme' in Dhcp4 (expected one of: valid-lifetime");
    }

    @Test
    void firstUnsupportedKeyInDocumentOrderIsReported() {
        rejectsDhcp4("""
                "subnet4": [ { "subnet": "192.0.2.0/24", "max-valid-lifetime": 9000 } ],
                "shared-networks": [ ]
                """, "Dhcp4/subnet4[0]/max-valid-lifetime", "'max-valid-lifetime' is a Kea key");
        rejectsDhcp4("""
                "shared-networks": [ ],
                "subnet4": [ { "subnet": "192.0.2.0/24", "max-valid-lifetime": 9000 } ]
                """, "Dhcp4/shared-networks", "'shared-networks' is a Kea key");
    }

    @Test
    void keysAreCheckedBeforeValues() {
        // the bad value comes first, but an unsupported key anywhere is reported first
        rejectsDhcp4("\"valid-lifetime\": \"4000\", \"sanity-checks\": { }", "Dhcp4/sanity-checks", "Kea key");
    }

    @Test
    void commentAndUserContextAreAcceptedOnEveryObject() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "comment": "global", "user-context": { "any": [ 1, { "x": "y" } ] },
                "valid-lifetime": 100,
                "interfaces-config": { "comment": "c", "interfaces": [ "*" ] },
                "lease-database": { "type": "memfile", "comment": "c", "user-context": { } },
                "option-def": [ { "name": "foo", "code": 222, "type": "uint8", "comment": "c" } ],
                "option-data": [ { "name": "foo", "data": "7", "user-context": { } } ],
                "subnet4": [ { "subnet": "192.0.2.0/24", "comment": "c", "user-context": { "site": 1 },
                               "pools": [ { "pool": "192.0.2.1 - 192.0.2.9", "comment": "p" } ],
                               "relay": { "ip-address": "192.0.2.254", "comment": "r" } } ],
                "expired-leases-processing": { "comment": "e" },
                "dhcp-ddns": { "enable-updates": false, "comment": "d" },
                "loggers": [ { "name": "kea-dhcp4", "comment": "l",
                               "output_options": [ { "output": "stdout", "comment": "o" } ] } ],
                "multi-threading": { "comment": "m" }
                """);
        assertEquals(1, config.subnets().size());
    }

    @Test
    void commentMustBeAString() {
        rejectsDhcp4("\"comment\": 5", "Dhcp4/comment", "expected a string, got the number 5");
    }

    @Test
    void userContextMustBeAnObject() {
        rejectsDhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"user-context\": \"x\" } ]",
                "Dhcp4/subnet4[0]/user-context", "expected an object");
    }

    @Test
    void reservationsAreCheckedAsKeaChecksThem() throws ConfigException {
        dhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"reservations\": [ ] } ]");
        String subnet = "\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"reservations\": [ ";
        rejectsDhcp4(subnet + "{ \"hw-address\": \"1a:1b:1c:1d:1e:1f\" } ] } ]",
                "Dhcp4/subnet4[0]/reservations[0]", "a reservation must reserve something");
        rejectsDhcp4(subnet + "{ \"ip-address\": \"192.0.2.9\" } ] } ]",
                "Dhcp4/subnet4[0]/reservations[0]", "one of the supported identifiers must be specified");
        rejectsDhcp4(subnet + "{ \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"client-id\": \"01:02\", \"hostname\": \"a\" } ] } ]",
                "Dhcp4/subnet4[0]/reservations[0]/client-id", "mutually exclusive");
        rejectsDhcp4(subnet + "{ \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"ip-address\": \"198.51.100.9\" } ] } ]",
                "Dhcp4/subnet4[0]/reservations[0]/ip-address", "outside the subnet");
        rejectsDhcp4(subnet + "{ \"hw-address\": \"1a:1b\", \"ip-address\": \"192.0.2.9\" },"
                + " { \"hw-address\": \"1a:1c\", \"ip-address\": \"192.0.2.9\" } ] } ]",
                "Dhcp4/subnet4[0]/reservations[1]/ip-address", "already a reservation for this address");
        rejectsDhcp4(subnet + "{ \"hw-address\": \"1a:1g\", \"hostname\": \"a\" } ] } ]",
                "Dhcp4/subnet4[0]/reservations[0]/hw-address", "is not an identifier");
        rejectsDhcp4("\"host-reservation-identifiers\": [ \"hw-address\", \"mac\" ], " + subnet + "] } ]",
                "Dhcp4/host-reservation-identifiers[1]", "unknown host reservation identifier 'mac'");
        Dhcp4Config c = dhcp4(subnet + "{ \"circuit-id\": \"'ge-0/0/1'\", \"hostname\": \"a\" },"
                + " { \"circuit-id\": \"'ge-0/0/1'\", \"hostname\": \"b\" } ] } ]");
        assertEquals("a", c.subnets().get(0).reservations().all().get(0).hostname());
        assertEquals(1, c.subnets().get(0).reservations().all().size(), "a second reservation of one identifier is never used");
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("already reserved")), c.notes().toString());
    }

    @Test
    void hooksLibrariesOnlyAsAnEmptyList() throws ConfigException {
        dhcp4("\"hooks-libraries\": [ ]");
        rejectsDhcp4("\"hooks-libraries\": [ { \"library\": \"/opt/lib/x.so\" } ]",
                "Dhcp4/hooks-libraries[0]/library", "hook library '/opt/lib/x.so' is a Kea feature Kakapo does not support yet");
    }

    @Test
    void dnsUpdatesAreAcceptedWithKea11AndTodaysKeys() throws ConfigException {
        assertFalse(dhcp4("\"dhcp-ddns\": { \"enable-updates\": false }").ddns().updatesEnabled());
        assertTrue(dhcp4("\"dhcp-ddns\": { \"enable-updates\": true, \"qualifying-suffix\": \"example.org\" }")
                .ddns().updatesEnabled());
        dhcp4("\"dhcp-ddns\": { \"enable-updates\": false, \"server-ip\": \"127.0.0.1\" }, \"ddns-send-updates\": true");
        rejectsDhcp4("\"dhcp-ddns\": { \"ddns-send-updates\": true }", "Dhcp4/dhcp-ddns/ddns-send-updates",
                "'ddns-send-updates' is a Kea key that Kakapo does not support yet in dhcp-ddns");
        rejectsDhcp4("\"dhcp-ddns\": { \"enable-update\": true }", "Dhcp4/dhcp-ddns/enable-update",
                "unknown key 'enable-update' in dhcp-ddns");
        rejectsDhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"ddns-send-updates\": false } ]",
                "Dhcp4/subnet4[0]/ddns-send-updates", "Kakapo does not support yet in a subnet4 entry");
    }

    @Test
    void leaseDatabasesAreMemfilePostgresqlMysqlOrCql() throws Exception {
        rejectsDhcp4("\"lease-database\": { \"type\": \"oracle\", \"name\": \"kea\" }", "Dhcp4/lease-database/type",
                "unknown lease-database type 'oracle'");
        rejectsDhcp4("\"lease-database\": { \"type\": \"mysql\", \"name\": \"kea\", \"user\": \"kea\", \"keyspace\": \"k\" }",
                "Dhcp4/lease-database/keyspace", "'keyspace' does not apply to a mysql lease-database");
        rejectsDhcp4("\"lease-database\": { \"type\": \"cql\", \"name\": \"kea\" }", "Dhcp4/lease-database/name",
                "'name' does not apply to a cql lease-database");
        rejectsDhcp4("\"lease-database\": { \"type\": \"cql\", \"contact-points\": \"192.0.2.7,\" }",
                "Dhcp4/lease-database/contact-points", "empty contact point");
        rejectsDhcp4("\"lease-database\": { \"type\": \"cql\", \"consistency\": \"MOST\" }",
                "Dhcp4/lease-database", "MOST");
        rejectsDhcp4("\"lease-database\": { \"type\": \"memfile\", \"host\": \"localhost\" }", "Dhcp4/lease-database/host",
                "'host' belongs to a database");
        rejectsDhcp4("\"lease-database\": { \"type\": \"postgresql\", \"user\": \"kea\" }", "Dhcp4/lease-database",
                "needs 'name'");
        rejectsDhcp4("\"lease-database\": { \"type\": \"postgresql\", \"name\": \"kea\" }", "Dhcp4/lease-database",
                "needs 'user'");
        rejectsDhcp4("\"lease-database\": { \"type\": \"postgresql\", \"name\": \"kea\", \"user\": \"kea\","
                + " \"password\": \"a\", \"password-env\": \"B\" }", "Dhcp4/lease-database", "give one of");
        rejectsDhcp4("\"lease-database\": { \"type\": \"postgresql\", \"name\": \"kea\", \"user\": \"kea\","
                + " \"password-env\": \"KAKAPO_TEST_UNSET_VARIABLE\" }", "Dhcp4/lease-database/password-env", "is not set");
        Dhcp4Config c = dhcp4("\"lease-database\": { \"type\": \"postgresql\", \"name\": \"leases\", \"host\": \"192.0.2.5\","
                + " \"port\": 6543, \"user\": \"kakapo\", \"password\": \"secret\", \"connect-timeout\": 9 }");
        dev.kakapo.coordinator.sql.SqlSettings pg = c.leaseDatabase().sql();
        assertEquals(dev.kakapo.coordinator.sql.SqlDialect.POSTGRESQL, pg.dialect());
        assertEquals("192.0.2.5", pg.host());
        assertEquals(6543, pg.port());
        assertEquals("leases", pg.databaseName());
        assertEquals("kakapo", pg.user());
        assertEquals("secret", pg.password());
        assertEquals(9, pg.connectTimeoutSeconds());
        org.junit.jupiter.api.Assertions.assertFalse(pg.toString().contains("secret"), "the password stays out of logs");

        dev.kakapo.coordinator.sql.SqlSettings my = dhcp4("\"lease-database\": { \"type\": \"mysql\", \"name\": \"kea\","
                + " \"user\": \"kea\" }").leaseDatabase().sql();
        assertEquals(dev.kakapo.coordinator.sql.SqlDialect.MYSQL, my.dialect());
        assertEquals(3306, my.port());
        assertEquals("localhost", my.host());

        LeaseDatabase cql = dhcp4("\"lease-database\": { \"type\": \"cql\", \"contact-points\": \"192.0.2.7, 192.0.2.8\","
                + " \"keyspace\": \"leases\", \"port\": 9142, \"user\": \"kakapo\", \"password\": \"secret\","
                + " \"consistency\": \"local-quorum\", \"request-timeout\": 3, \"local-datacenter\": \"dc2\" }").leaseDatabase();
        assertEquals("cql", cql.type());
        assertTrue(cql.shared());
        assertEquals(java.util.List.of("192.0.2.7", "192.0.2.8"), cql.cql().contactPoints());
        assertEquals("leases", cql.cql().keyspace());
        assertEquals(9142, cql.cql().port());
        assertEquals("LOCAL_QUORUM", cql.cql().consistency());
        assertEquals(3, cql.cql().requestTimeoutSeconds());
        assertEquals("dc2", cql.cql().localDatacenter());
        org.junit.jupiter.api.Assertions.assertFalse(cql.cql().toString().contains("secret"), "the password stays out of logs");
        assertEquals("QUORUM", dhcp4("\"lease-database\": { \"type\": \"cql\" }").leaseDatabase().cql().consistency(),
                "Kakapo writes at QUORUM unless told otherwise");
    }

    @Test
    void neverSendIsNotSupportedYet() {
        rejectsDhcp4("\"option-data\": [ { \"name\": \"routers\", \"data\": \"192.0.2.1\", \"never-send\": true } ]",
                "Dhcp4/option-data[0]/never-send", "'never-send' is a Kea key that Kakapo does not support yet in option-data");
    }

    @Test
    void interfacesConfigAcceptsReDetectOnly() {
        rejectsDhcp4("\"interfaces-config\": { \"interfaces\": [ ], \"service-sockets-max-retries\": 5 }",
                "Dhcp4/interfaces-config/service-sockets-max-retries", "Kea key that Kakapo does not support yet");
    }

    @Test
    void loggingLoggersAreCheckedLikeDhcp4Loggers() {
        rejects("{ \"Dhcp4\": { }, \"Logging\": { \"loggers\": [ { \"name\": \"kea-dhcp4\", \"colour\": true } ] } }",
                "Logging/loggers[0]/colour", "unknown key 'colour' in a logger");
    }
}
