package dev.kakapo.server.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.coordinator.hosts.HostSource;
import dev.kakapo.coordinator.hosts.SqlHostStore;
import dev.kakapo.coordinator.sql.MysqlServer;
import dev.kakapo.coordinator.sql.PostgresServer;
import dev.kakapo.coordinator.sql.SqlSettings;
import dev.kakapo.server.config.HostCommandArguments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * reservation-add, -get and -del on real host databases (PostgreSQL; MariaDB in the e2e tests):
 * reservations round-trip in the configuration's shape, and every refusal says why.
 */
class ReservationCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BASE = Path.of(".");

    private static final String DHCP4 = """
            { "Dhcp4": {
                "valid-lifetime": 4000,
                "option-def": [ { "name": "acs-url", "code": 1, "space": "vendor-encapsulated-options-space", "type": "string" },
                                { "name": "site-motd", "code": 224, "type": "string" } ],
                "client-classes": [ { "name": "vip", "test": "option[60].text == 'vip'" } ],
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                               "reservations": [ { "hw-address": "00:00:5e:00:53:99", "ip-address": "192.0.2.99" } ] } ]
            } }""";

    private static final String DHCP6 = """
            { "Dhcp6": {
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "client-classes": [ { "name": "lab", "test": "option[15].exists" } ],
                "subnet6": [ { "id": 2, "subnet": "2001:db8:1::/64" } ]
            } }""";

    private static PostgresServer server;
    private final List<HostSource> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @AfterEach
    void closeSources() {
        opened.forEach(HostSource::close);
    }

    private HostSource open(SqlSettings database, boolean readOnly) throws IOException {
        HostSource source = SqlHostStore.open(database, readOnly);
        opened.add(source);
        return source;
    }

    private static ReservationCommands dhcp4(HostSource... sources) throws Exception {
        return new ReservationCommands(HostCommandArguments.dhcp4(DHCP4, BASE), List.of(sources));
    }

    private static ReservationCommands dhcp6(HostSource... sources) throws Exception {
        return new ReservationCommands(HostCommandArguments.dhcp6(DHCP6, BASE), List.of(sources));
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static void assertAnswer(int result, String text, JsonNode answer) {
        assertEquals(result, answer.get("result").asInt(), answer.toString());
        assertEquals(text, answer.get("text").asText(), answer.toString());
    }

    /** The answer refuses with result 1 and a text that holds {@code reason}. */
    private static void assertRefused(String reason, JsonNode answer) {
        assertEquals(1, answer.get("result").asInt(), answer.toString());
        assertTrue(answer.get("text").asText().contains(reason), answer.toString());
    }

    private static final String RESERVATION4 = """
            { "reservation": { "subnet-id": 1, "hw-address": "1A:1B:1C:1D:1E:1F", "ip-address": "192.0.2.202",
                "hostname": "special", "next-server": "192.0.2.1", "server-hostname": "boot.example",
                "boot-file-name": "/tmp/boot", "client-classes": [ "vip" ],
                "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53, 192.0.2.54", "always-send": true },
                                 { "name": "site-motd", "data": "hello" },
                                 { "name": "acs-url", "space": "vendor-encapsulated-options-space", "data": "http://acs" } ] } }""";

    /** What reservation-get answers for {@link #RESERVATION4}: the configuration's shape, options as hex. */
    private static final String FOUND4 = """
            { "subnet-id": 1, "hw-address": "1a:1b:1c:1d:1e:1f", "ip-address": "192.0.2.202", "hostname": "special",
              "next-server": "192.0.2.1", "server-hostname": "boot.example", "boot-file-name": "/tmp/boot",
              "client-classes": [ "vip" ],
              "option-data": [
                { "code": 6, "name": "domain-name-servers", "space": "dhcp4", "data": "C0000235C0000236",
                  "csv-format": false, "always-send": true },
                { "code": 224, "name": "site-motd", "space": "dhcp4", "data": "68656C6C6F", "csv-format": false,
                  "always-send": false },
                { "code": 43, "name": "vendor-encapsulated-options", "space": "dhcp4", "data": "010A687474703A2F2F616373",
                  "csv-format": false, "always-send": false } ] }""";

    @Test
    void dhcp4ReservationIsAddedFoundByAddressAndIdentifierAndDeleted() throws Exception {
        ReservationCommands commands = dhcp4(open(server.newDatabase(true), false));
        String byAddress = "{ \"subnet-id\": 1, \"ip-address\": \"192.0.2.202\" }";
        String byMac = "{ \"subnet-id\": 1, \"identifier-type\": \"hw-address\", \"identifier\": \"1a:1b:1c:1d:1e:1f\" }";

        assertAnswer(0, "Host added.", commands.handle("reservation-add", json(RESERVATION4)));
        JsonNode found = commands.handle("reservation-get", json(byAddress));
        assertAnswer(0, "Host found.", found);
        assertEquals(json(FOUND4), found.get("arguments"));
        assertEquals(found, commands.handle("reservation-get", json(byMac)));

        assertAnswer(0, "Host deleted.", commands.handle("reservation-del", json(byMac)));
        assertAnswer(3, "Host not found.", commands.handle("reservation-get", json(byAddress)));
        assertAnswer(3, "Host not found.", commands.handle("reservation-get", json(byMac)));
        assertAnswer(1, "Host not deleted (not found).", commands.handle("reservation-del", json(byAddress)));

        // what reservation-get answers is a reservation-add argument, and comes back the same
        ObjectNode again = JSON.createObjectNode();
        again.set("reservation", found.get("arguments"));
        assertAnswer(0, "Host added.", commands.handle("reservation-add", again));
        assertEquals(json(FOUND4), commands.handle("reservation-get", json(byMac)).get("arguments"));
        assertAnswer(0, "Host deleted.", commands.handle("reservation-del", json(byAddress)));
        assertAnswer(3, "Host not found.", commands.handle("reservation-get", json(byMac)));
    }

    @Test
    void globalReservationsUseSubnetIdZeroAndMayReserveAnyAddress() throws Exception {
        ReservationCommands commands = dhcp4(open(server.newDatabase(true), false));
        assertAnswer(0, "Host added.", commands.handle("reservation-add", json("""
                { "reservation": { "subnet-id": 0, "client-id": "01:0a:0b:0c", "ip-address": "203.0.113.9" } }""")));
        JsonNode found = commands.handle("reservation-get", json("""
                { "subnet-id": 0, "identifier-type": "client-id", "identifier": "01:0a:0b:0c" }"""));
        assertEquals("203.0.113.9", found.get("arguments").get("ip-address").asText(), found.toString());
        assertEquals(0, found.get("arguments").get("subnet-id").asInt());
        assertAnswer(3, "Host not found.", commands.handle("reservation-get", json("""
                { "subnet-id": 1, "ip-address": "203.0.113.9" }""")));
    }

    @Test
    void dhcp6ReservationRoundTrips() throws Exception {
        ReservationCommands commands = dhcp6(open(server.newDatabase(true), false));
        assertAnswer(0, "Host added.", commands.handle("reservation-add", json("""
                { "reservation": { "subnet-id": 2, "duid": "01:02:03:04:05:0a:0b:0c:0d:0e",
                    "ip-addresses": [ "2001:db8:1::100" ], "prefixes": [ "2001:db8:2:abcd::/64" ],
                    "hostname": "six", "client-classes": [ "lab" ],
                    "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" } ] } }""")));
        String byAddress = "{ \"subnet-id\": 2, \"ip-address\": \"2001:db8:1::100\" }";
        String byDuid = "{ \"subnet-id\": 2, \"identifier-type\": \"duid\", \"identifier\": \"01:02:03:04:05:0a:0b:0c:0d:0e\" }";
        JsonNode found = commands.handle("reservation-get", json(byAddress));
        assertAnswer(0, "Host found.", found);
        assertEquals(json("""
                { "subnet-id": 2, "duid": "01:02:03:04:05:0a:0b:0c:0d:0e", "ip-addresses": [ "2001:db8:1::100" ],
                  "prefixes": [ "2001:db8:2:abcd::/64" ], "hostname": "six", "client-classes": [ "lab" ],
                  "option-data": [ { "code": 23, "name": "dns-servers", "space": "dhcp6",
                                     "data": "20010DB8000000000000000000000053", "csv-format": false,
                                     "always-send": false } ] }"""), found.get("arguments"));
        assertEquals(found, commands.handle("reservation-get", json(byDuid)));

        assertAnswer(0, "Host deleted.", commands.handle("reservation-del", json(byAddress)));
        assertAnswer(3, "Host not found.", commands.handle("reservation-get", json(byDuid)));
        assertAnswer(1, "Host not deleted (not found).", commands.handle("reservation-del", json(byDuid)));
    }

    @Test
    void reservationsAreCheckedAsTheConfigurationChecksThem() throws Exception {
        ReservationCommands commands = dhcp4(open(server.newDatabase(true), false));
        assertRefused("reservation/subnet-id: no subnet with id 9 in Dhcp4/subnet4", commands.handle("reservation-add",
                json("{ \"reservation\": { \"subnet-id\": 9, \"hw-address\": \"01:02:03:04:05:06\", \"hostname\": \"x\" } }")));
        assertRefused("reservation/ip-address: reserved address 198.51.100.7 is outside the subnet 192.0.2.0/24",
                commands.handle("reservation-add", json("""
                        { "reservation": { "subnet-id": 1, "hw-address": "01:02:03:04:05:06", "ip-address": "198.51.100.7" } }""")));
        assertRefused("reservation/hostnme: unknown key 'hostnme' in a reservation", commands.handle("reservation-add",
                json("{ \"reservation\": { \"subnet-id\": 1, \"hw-address\": \"01:02:03:04:05:06\", \"hostnme\": \"x\" } }")));
        assertRefused("reservation/subnet-id: missing mandatory 'subnet-id'", commands.handle("reservation-add",
                json("{ \"reservation\": { \"hw-address\": \"01:02:03:04:05:06\", \"hostname\": \"x\" } }")));
        assertRefused("reservation/subnet-id: expected a number", commands.handle("reservation-add",
                json("{ \"reservation\": { \"subnet-id\": \"1\", \"hw-address\": \"01:02:03:04:05:06\", \"hostname\": \"x\" } }")));
        assertRefused("reservation: one of the supported identifiers must be specified", commands.handle("reservation-add",
                json("{ \"reservation\": { \"subnet-id\": 1, \"hostname\": \"x\" } }")));
        assertRefused("reservation/client-classes[0]", commands.handle("reservation-add", json("""
                { "reservation": { "subnet-id": 1, "hw-address": "01:02:03:04:05:06", "client-classes": [ "a,b" ] } }""")));
        assertRefused("reservation/option-data[0]/name: unknown option name 'no-such-option'",
                commands.handle("reservation-add", json("""
                        { "reservation": { "subnet-id": 1, "hw-address": "01:02:03:04:05:06",
                          "option-data": [ { "name": "no-such-option", "data": "1" } ] } }""")));
        assertRefused("reservations: unknown key 'reservations' (expected only 'reservation')",
                commands.handle("reservation-add", json("{ \"reservations\": [] }")));
        assertRefused("reservation: missing mandatory 'reservation'", commands.handle("reservation-add", json("{}")));
        assertRefused("of the configuration file already reserves 192.0.2.99 for hw-address 00:00:5e:00:53:99",
                commands.handle("reservation-add", json("""
                        { "reservation": { "subnet-id": 1, "hw-address": "01:02:03:04:05:06", "ip-address": "192.0.2.99" } }""")));
        assertRefused("DHCPv6 reservation lists its addresses in 'ip-addresses'", dhcp6(open(server.newDatabase(true), false))
                .handle("reservation-add", json("""
                        { "reservation": { "subnet-id": 2, "duid": "01:02", "ip-address": "2001:db8:1::1" } }""")));
        assertEquals(List.of(), commandsFound(commands), "nothing refused was stored");
    }

    private static List<JsonNode> commandsFound(ReservationCommands commands) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String address : List.of("198.51.100.7", "192.0.2.99")) {
            JsonNode answer = commands.handle("reservation-get", json("{ \"subnet-id\": 1, \"ip-address\": \"" + address + "\" }"));
            if (answer.get("result").asInt() != 3) {
                found.add(answer);
            }
        }
        return found;
    }

    @Test
    void selectorsAreCheckedKeyByKey() throws Exception {
        ReservationCommands commands = dhcp4(open(server.newDatabase(true), false));
        assertRefused("ip-adress: unknown key 'ip-adress'", commands.handle("reservation-get",
                json("{ \"subnet-id\": 1, \"ip-adress\": \"192.0.2.1\" }")));
        assertRefused("ip-address: give 'ip-address' or 'identifier-type' with 'identifier', not both",
                commands.handle("reservation-del", json("""
                        { "subnet-id": 1, "ip-address": "192.0.2.1", "identifier-type": "hw-address", "identifier": "01:02" }""")));
        assertRefused("identifier-type: unknown identifier-type 'mac' (expected one of hw-address, duid, circuit-id,"
                + " client-id, flex-id)", commands.handle("reservation-get",
                json("{ \"subnet-id\": 1, \"identifier-type\": \"mac\", \"identifier\": \"01:02\" }")));
        assertRefused("identifier: missing 'identifier'", commands.handle("reservation-get",
                json("{ \"subnet-id\": 1, \"identifier-type\": \"hw-address\" }")));
        assertRefused("identifier: 'zz' is not an identifier", commands.handle("reservation-get",
                json("{ \"subnet-id\": 1, \"identifier-type\": \"hw-address\", \"identifier\": \"zz\" }")));
        assertRefused("subnet-id: missing mandatory 'subnet-id'", commands.handle("reservation-del",
                json("{ \"ip-address\": \"192.0.2.1\" }")));
        assertRefused("ip-address: '2001:db8::1' is not an IPv4 address", commands.handle("reservation-get",
                json("{ \"subnet-id\": 1, \"ip-address\": \"2001:db8::1\" }")));
        assertRefused("expected an object", commands.handle("reservation-get", json("[ 1 ]")));
        assertRefused("missing 'arguments' of reservation-get", commands.handle("reservation-get", null));
        assertEquals(2, commands.handle("reservation-list", json("{}")).get("result").asInt());
        assertRefused("identifier-type: unknown identifier-type 'client-id' (expected one of duid, hw-address, flex-id)",
                dhcp6(open(server.newDatabase(true), false)).handle("reservation-get",
                        json("{ \"subnet-id\": 2, \"identifier-type\": \"client-id\", \"identifier\": \"01:02\" }")));
    }

    @Test
    void aDuplicateIsRefusedWithTheDatabasesReason() throws Exception {
        ReservationCommands commands = dhcp4(open(server.newDatabase(true), false));
        assertAnswer(0, "Host added.", commands.handle("reservation-add", json(RESERVATION4)));
        assertRefused("already holds a reservation for that identifier or address in the subnet",
                commands.handle("reservation-add", json("""
                        { "reservation": { "subnet-id": 1, "hw-address": "1a:1b:1c:1d:1e:1f", "hostname": "again" } }""")));
        assertRefused("already holds a reservation for that identifier or address in the subnet",
                commands.handle("reservation-add", json("""
                        { "reservation": { "subnet-id": 1, "hw-address": "01:02:03:04:05:06", "ip-address": "192.0.2.202" } }""")));
    }

    @Test
    void readOnlyDatabasesServeLookupsAndRefuseChanges() throws Exception {
        SqlSettings database = server.newDatabase(true);
        assertAnswer(0, "Host added.", dhcp4(open(database, false)).handle("reservation-add", json(RESERVATION4)));
        ReservationCommands readOnly = dhcp4(open(database, true));

        assertAnswer(0, "Host found.", readOnly.handle("reservation-get", json("{ \"subnet-id\": 1, \"ip-address\": \"192.0.2.202\" }")));
        assertRefused("Host not added: the hosts-database is read-only (readonly: true)", readOnly.handle("reservation-add",
                json("{ \"reservation\": { \"subnet-id\": 1, \"hw-address\": \"01:02:03:04:05:06\", \"hostname\": \"x\" } }")));
        JsonNode refused = readOnly.handle("reservation-del", json("{ \"subnet-id\": 1, \"ip-address\": \"192.0.2.202\" }"));
        assertRefused("Host not deleted: cannot delete the reservation of hw-address 1a:1b:1c:1d:1e:1f", refused);
        assertRefused("is read-only (readonly: true)", refused);
        assertAnswer(0, "Host found.", readOnly.handle("reservation-get", json("{ \"subnet-id\": 1, \"ip-address\": \"192.0.2.202\" }")));
    }

    @Test
    void addGoesToTheFirstWritableDatabaseAndLookupsSearchThemAll() throws Exception {
        SqlSettings first = server.newDatabase(true);
        SqlSettings second = server.newDatabase(true);
        assertAnswer(0, "Host added.", dhcp4(open(first, false)).handle("reservation-add", json("""
                { "reservation": { "subnet-id": 1, "hw-address": "00:00:5e:00:53:01", "ip-address": "192.0.2.11" } }""")));
        ReservationCommands both = dhcp4(open(first, true), open(second, false));

        assertAnswer(0, "Host added.", both.handle("reservation-add", json("""
                { "reservation": { "subnet-id": 1, "hw-address": "00:00:5e:00:53:02", "ip-address": "192.0.2.12" } }""")));
        assertAnswer(3, "Host not found.", dhcp4(open(first, false)).handle("reservation-get",
                json("{ \"subnet-id\": 1, \"ip-address\": \"192.0.2.12\" }")));
        assertAnswer(0, "Host found.", both.handle("reservation-get", json("{ \"subnet-id\": 1, \"ip-address\": \"192.0.2.11\" }")));
        assertRefused("hosts database 1 of 2 already holds a reservation of 192.0.2.11 in subnet 1",
                both.handle("reservation-add", json("""
                        { "reservation": { "subnet-id": 1, "hw-address": "00:00:5e:00:53:03", "ip-address": "192.0.2.11" } }""")));
        assertAnswer(0, "Host deleted.", both.handle("reservation-del", json("{ \"subnet-id\": 1, \"ip-address\": \"192.0.2.12\" }")));
    }

    @Test
    void withoutAHostsDatabaseEveryCommandSaysSo() throws Exception {
        JsonNode answer = dhcp4().handle("reservation-get", json("{ \"subnet-id\": 1, \"ip-address\": \"192.0.2.1\" }"));
        assertRefused("the Dhcp4 section has no hosts-database", answer);
    }

    @Test
    @Tag("e2e")
    void mysqlRoundTrip() throws Exception {
        ReservationCommands commands = dhcp4(open(MysqlServer.shared().newDatabase(true), false));
        String byMac = "{ \"subnet-id\": 1, \"identifier-type\": \"hw-address\", \"identifier\": \"1a:1b:1c:1d:1e:1f\" }";
        assertAnswer(0, "Host added.", commands.handle("reservation-add", json(RESERVATION4)));
        JsonNode found = commands.handle("reservation-get", json(byMac));
        assertAnswer(0, "Host found.", found);
        assertEquals(json(FOUND4), found.get("arguments"));
        assertAnswer(0, "Host deleted.", commands.handle("reservation-del", json(byMac)));
        assertAnswer(3, "Host not found.", commands.handle("reservation-get", json(byMac)));
    }
}
