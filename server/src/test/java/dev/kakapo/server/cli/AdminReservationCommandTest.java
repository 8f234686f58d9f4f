package dev.kakapo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.coordinator.sql.PostgresServer;
import dev.kakapo.coordinator.sql.SqlSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kakapo admin reservation-add|-get|-del} against a real PostgreSQL, as an operator runs
 * them: db-init creates the hosts database's schema, the commands print Kea's answer and exit 0,
 * 3 or 1 by its result, 2 for a command line that is not one.
 */
class AdminReservationCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresServer server;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws IOException {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Kakapo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode answer() throws IOException {
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static String hostsDatabase(SqlSettings db, boolean readOnly) {
        return """
                { "type": "postgresql", "name": "%s", "host": "127.0.0.1", "port": %d, "user": "postgres", "readonly": %s }
                """.formatted(db.databaseName(), db.port(), readOnly).strip();
    }

    private Path config(String name, String dhcp4HostsDatabase, String dhcp6HostsDatabase) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, """
                { "Dhcp4": { "valid-lifetime": 4000, "hosts-database": %s,
                             "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" } ] },
                  "Dhcp6": { "preferred-lifetime": 3000, "valid-lifetime": 4000, "hosts-database": %s,
                             "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64" } ] } }
                """.formatted(dhcp4HostsDatabase, dhcp6HostsDatabase));
        return file;
    }

    @Test
    void dbInitPreparesTheHostsDatabaseAndTheCommandsManageItsReservations() throws Exception {
        SqlSettings db = server.newDatabase(false);
        String config = config("kakapo.json", hostsDatabase(db, false), hostsDatabase(db, false)).toString();

        assertEquals(1, run("admin", "reservation-get", "-4", "-c", config, "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.202\"}"));
        assertTrue(err.toString().contains("kakapo admin db-init postgresql"), err.toString());

        assertEquals(0, run("admin", "db-init", "postgresql", "-c", config), err.toString());
        assertEquals(1, out.toString().lines().count(), "one database named by both families is initialised once: " + out);
        assertTrue(out.toString().contains("schema created"), out.toString());

        String v4 = "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"ip-address\": \"192.0.2.202\","
                + " \"hostname\": \"special\", \"boot-file-name\": \"/tmp/boot\"}}";
        assertEquals(0, run("admin", "reservation-add", "-4", "-c", config, v4), err.toString());
        assertEquals(JSON.readTree("{\"result\": 0, \"text\": \"Host added.\"}"), answer());
        assertTrue(out.toString().contains("\n  \"text\""), "printed pretty: " + out);

        String byMac = "{\"subnet-id\": 1, \"identifier-type\": \"hw-address\", \"identifier\": \"1a:1b:1c:1d:1e:1f\"}";
        assertEquals(0, run("admin", "reservation-get", "-4", "-c", config, byMac), err.toString());
        assertEquals("special", answer().get("arguments").get("hostname").asText());
        assertEquals("/tmp/boot", answer().get("arguments").get("boot-file-name").asText());

        String v6 = "{\"reservation\": {\"subnet-id\": 1, \"duid\": \"01:02:03:04\", \"ip-addresses\": [\"2001:db8:1::100\"]}}";
        assertEquals(0, run("admin", "reservation-add", "-6", "-c", config, v6), err.toString());
        assertEquals(0, run("admin", "reservation-get", "-6", "-c", config, "{\"subnet-id\": 1, \"ip-address\": \"2001:db8:1::100\"}"));
        assertEquals("01:02:03:04", answer().get("arguments").get("duid").asText());
        assertEquals(0, run("admin", "reservation-del", "-6", "-c", config, "{\"subnet-id\": 1, \"ip-address\": \"2001:db8:1::100\"}"));
        assertEquals(3, run("admin", "reservation-get", "-6", "-c", config, "{\"subnet-id\": 1, \"ip-address\": \"2001:db8:1::100\"}"));
        assertEquals(JSON.readTree("{\"result\": 3, \"text\": \"Host not found.\"}"), answer());

        assertEquals(0, run("admin", "reservation-del", "-4", "-c", config, byMac), err.toString());
        assertEquals(JSON.readTree("{\"result\": 0, \"text\": \"Host deleted.\"}"), answer());
        assertEquals(3, run("admin", "reservation-get", "-4", "-c", config, byMac));
        assertEquals(1, run("admin", "reservation-del", "-4", "-c", config, byMac));
        assertEquals(JSON.readTree("{\"result\": 1, \"text\": \"Host not deleted (not found).\"}"), answer());

        assertEquals(1, run("admin", "reservation-add", "-4", "-c", config,
                "{\"reservation\": {\"subnet-id\": 7, \"hw-address\": \"01:02:03:04:05:06\", \"hostname\": \"x\"}}"));
        assertTrue(answer().get("text").asText().startsWith("reservation/subnet-id: no subnet with id 7"), out.toString());
    }

    @Test
    void commandLinesThatAreNotOneExitWithTwo() throws Exception {
        SqlSettings db = server.newDatabase(true);
        String config = config("kakapo.json", hostsDatabase(db, false), hostsDatabase(db, false)).toString();
        assertEquals(2, run("admin", "reservation-get", "-4", "-c", config, "{\"subnet-id\": 1,"));
        assertTrue(err.toString().contains("the arguments of reservation-get are not JSON"), err.toString());
        assertEquals(2, run("admin", "reservation-get", "-x", "-c", config, "{}"));
        assertTrue(err.toString().contains("reservation-add|reservation-get|reservation-del -4|-6 -c FILE"), err.toString());
        assertEquals(2, run("admin", "reservation-del", "-4", "-c", config));
        assertEquals(1, run("admin", "reservation-get", "-4", "-c", dir.resolve("missing.json").toString(), "{}"));
        assertTrue(err.toString().contains("cannot read"), err.toString());
    }

    @Test
    void aReadOnlyHostsDatabaseIsLeftAloneByDbInitAndRefusesChanges() throws Exception {
        SqlSettings db = server.newDatabase(true);
        String config = config("read-only.json", hostsDatabase(db, true), hostsDatabase(db, true)).toString();
        assertEquals(1, run("admin", "db-upgrade", "postgresql", "-c", config));
        assertTrue(err.toString().contains("names no postgresql lease-database or writable hosts-database"), err.toString());

        assertEquals(1, run("admin", "reservation-add", "-4", "-c", config,
                "{\"reservation\": {\"subnet-id\": 1, \"hw-address\": \"01:02:03:04:05:06\", \"hostname\": \"x\"}}"));
        assertTrue(answer().get("text").asText().contains("read-only (readonly: true)"), out.toString());
        assertEquals(3, run("admin", "reservation-get", "-4", "-c", config, "{\"subnet-id\": 1, \"ip-address\": \"192.0.2.9\"}"));
    }
}
