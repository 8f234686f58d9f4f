package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.dhcp6;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.sql.SqlDialect;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** hosts-database(s), global reservations, the reservations-* flags and flex_id, as configured. */
class HostReservationConfigTest {

    private static final String SUBNET4 = "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\","
            + " \"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.100\" } ] } ]";

    // ---- hosts databases ----

    @Test
    void oneHostsDatabaseWithKeaKeysAndKakapoCacheKeys() throws ConfigException {
        Dhcp4Config config = dhcp4("\"hosts-database\": { \"type\": \"postgresql\", \"name\": \"kea\", \"host\": \"db.example\","
                + " \"user\": \"kea\", \"password\": \"secret\", \"readonly\": true, \"cache-size\": 1000,"
                + " \"cache-lifetime\": 5 }, " + SUBNET4);
        assertEquals(1, config.hostsDatabases().size());
        HostDatabase db = config.hostsDatabases().get(0);
        assertEquals(SqlDialect.POSTGRESQL, db.sql().dialect());
        assertTrue(db.readOnly());
        assertEquals(1000, db.cacheSize());
        assertEquals(Duration.ofSeconds(5), db.cacheLifetime());
        assertTrue(db.describe().endsWith("(read-only)"), db.describe());
    }

    @Test
    void severalHostsDatabasesKeepTheirOrderAndDefaults() throws ConfigException {
        Dhcp6Config config = dhcp6("\"hosts-databases\": [ { \"type\": \"mysql\", \"name\": \"a\", \"user\": \"u\" },"
                + " { \"type\": \"postgresql\", \"name\": \"b\", \"user\": \"u\", \"max-reconnect-tries\": 3,"
                + " \"reconnect-wait-time\": 3000 } ]");
        List<HostDatabase> dbs = config.hostsDatabases();
        assertEquals(List.of(SqlDialect.MYSQL, SqlDialect.POSTGRESQL), dbs.stream().map(d -> d.sql().dialect()).toList());
        assertFalse(dbs.get(0).readOnly());
        assertEquals(HostDatabase.DEFAULT_CACHE_SIZE, dbs.get(0).cacheSize());
        assertEquals(HostDatabase.DEFAULT_CACHE_LIFETIME, dbs.get(0).cacheLifetime());
        assertTrue(config.notes().stream().anyMatch(n -> n.startsWith("Dhcp6/hosts-databases[1]: max-reconnect-tries")),
                config.notes().toString());
    }

    @Test
    void hostsDatabaseMistakesAreNamed() {
        rejectsDhcp4("\"hosts-database\": { \"type\": \"memfile\" }", "Dhcp4/hosts-database/type",
                "unknown hosts-database type 'memfile'");
        rejectsDhcp4("\"hosts-database\": { \"name\": \"kea\" }", "Dhcp4/hosts-database/type", "missing mandatory 'type'");
        rejectsDhcp4("\"hosts-database\": { \"type\": \"mysql\", \"user\": \"u\" }", "Dhcp4/hosts-database",
                "a mysql hosts-database needs 'name'");
        rejectsDhcp4("\"hosts-database\": { \"type\": \"mysql\", \"name\": \"k\", \"user\": \"u\", \"cache-lifetime\": 0 }",
                "Dhcp4/hosts-database/cache-lifetime", "would ask the database for every packet");
        rejectsDhcp4("\"hosts-database\": { \"type\": \"mysql\", \"name\": \"k\", \"user\": \"u\" },"
                + " \"hosts-databases\": [ ]", "Dhcp4/hosts-databases", "not both");
        rejectsDhcp4("\"hosts-database\": { \"type\": \"mysql\", \"name\": \"k\", \"user\": \"u\", \"keyspace\": \"x\" }",
                "Dhcp4/hosts-database/keyspace", "'keyspace'");
    }

    // ---- where reservations are looked for ----

    @Test
    void reservationModeMapsOntoTheFlags() throws ConfigException {
        assertEquals(ReservationFlags.DEFAULT, flagsOf("\"reservation-mode\": \"all\""));
        assertEquals(new ReservationFlags(false, true, true), flagsOf("\"reservation-mode\": \"out-of-pool\""));
        assertEquals(new ReservationFlags(false, false, false), flagsOf("\"reservation-mode\": \"off\""));
        assertEquals(new ReservationFlags(true, false, false), flagsOf("\"reservation-mode\": \"global\""));
        assertEquals(new ReservationFlags(true, true, false), flagsOf("\"reservations-global\": true"));
    }

    @Test
    void subnetsInheritTheGlobalFlagsAndMayOverrideThem() throws ConfigException {
        Dhcp4Config config = dhcp4("\"reservations-global\": true, \"reservations-in-subnet\": false,"
                + " \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\" },"
                + " { \"id\": 2, \"subnet\": \"198.51.100.0/24\", \"reservations-in-subnet\": true } ]");
        assertEquals(new ReservationFlags(true, false, false), config.subnets().get(0).reservations().flags());
        assertEquals(new ReservationFlags(true, true, false), config.subnets().get(1).reservations().flags());
    }

    @Test
    void modeAndFlagsTogetherAreRefused() {
        rejectsDhcp4("\"reservation-mode\": \"all\", \"reservations-global\": true", "Dhcp4/reservations-global",
                "not both");
        rejectsDhcp6("\"subnet6\": [ { \"subnet\": \"2001:db8::/64\", \"reservation-mode\": \"sometimes\" } ]",
                "Dhcp6/subnet6[0]/reservation-mode", "unknown reservation-mode 'sometimes'");
    }

    // ---- global reservations ----

    @Test
    void globalReservationsMayReserveAnyAddress() throws ConfigException {
        Dhcp4Config config = dhcp4("\"reservations-global\": true, \"reservations\": [ { \"hw-address\": \"1a:1b:1c:1d:1e:1f\","
                + " \"ip-address\": \"203.0.113.9\", \"client-classes\": [ \"vip\" ] } ], " + SUBNET4);
        Reservation4 r = config.globalReservations().find("hw-address",
                dev.kakapo.coordinator.lease.Octets.of(new byte[] {0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f}));
        assertNotNull(r);
        assertEquals(Ipv4.parse("203.0.113.9"), r.address());
        assertEquals(List.of("vip"), r.classes());
        // vip is not defined: the client joins it by name, which is said once
        assertTrue(config.notes().stream().anyMatch(n -> n.contains("client class 'vip' is not defined")), config.notes().toString());
    }

    @Test
    void globalReservationsOfDhcp6TakeFlexIdsToo() throws ConfigException {
        Dhcp6Config config = dhcp6("\"reservations\": [ { \"flex-id\": \"'port-7'\", \"ip-addresses\": [ \"2001:db8::7\" ] } ]");
        assertEquals(1, config.globalReservations().all().size());
        assertEquals("flex-id", config.globalReservations().all().get(0).identifierType());
    }

    // ---- hook libraries ----

    @Test
    void builtInBackendLibrariesAreAcceptedWithANote() throws ConfigException {
        Dhcp4Config config = dhcp4("\"hooks-libraries\": [ { \"library\": \"/usr/lib/kea/hooks/libdhcp_pgsql.so\" } ]");
        assertNull(config.flexId());
        assertTrue(config.notes().stream().anyMatch(n -> n.contains("libdhcp_pgsql.so is built into Kakapo")),
                config.notes().toString());
    }

    @Test
    void flexIdTakesItsIdentifierExpression() throws ConfigException {
        Dhcp4Config config = dhcp4("\"hooks-libraries\": [ { \"library\": \"libdhcp_flex_id.so\","
                + " \"parameters\": { \"identifier-expression\": \"substring(relay4[2].hex,0,8)\" } } ]");
        assertNotNull(config.flexId());
        assertEquals("substring(relay4[2].hex,0,8)", config.flexId().source());
    }

    @Test
    void flexIdMistakesAreNamed() {
        rejectsDhcp4("\"hooks-libraries\": [ { \"library\": \"libdhcp_flex_id.so\" } ]",
                "Dhcp4/hooks-libraries[0]/parameters/identifier-expression", "flex_id needs 'identifier-expression'");
        rejectsDhcp4("\"hooks-libraries\": [ { \"library\": \"libdhcp_flex_id.so\","
                + " \"parameters\": { \"identifier-expression\": \"option[61].hex ==\" } } ]",
                "Dhcp4/hooks-libraries[0]/parameters/identifier-expression", "at column");
        rejectsDhcp4("\"hooks-libraries\": [ { \"library\": \"libdhcp_flex_id.so\","
                + " \"parameters\": { \"identifier-expression\": \"pkt4.mac\", \"replace-client-id\": true } } ]",
                "Dhcp4/hooks-libraries[0]/parameters/replace-client-id", "not supported yet");
        rejectsDhcp6("\"hooks-libraries\": [ { \"library\": \"libdhcp_lease_cmds.so\" } ]",
                "Dhcp6/hooks-libraries[0]/library", "hook library 'libdhcp_lease_cmds.so'");
    }

    private static ReservationFlags flagsOf(String globals) throws ConfigException {
        return dhcp4(globals + ", " + SUBNET4).subnets().get(0).reservations().flags();
    }
}
