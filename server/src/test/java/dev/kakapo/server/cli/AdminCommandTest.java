package dev.kakapo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kakapo admin} against a real PostgreSQL: init, version, upgrade, and the errors. */
class AdminCommandTest {
    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Kakapo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void initVersionAndUpgrade() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Path config = dir.resolve("kakapo.json");
            Files.writeString(config, """
                    { "Dhcp4": { "valid-lifetime": 60, "lease-database": { "type": "postgresql", "name": "postgres",
                                 "host": "localhost", "port": %d, "user": "postgres" } } }
                    """.formatted(pg.getPort()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, run(out, err, "admin", "db-version", "postgresql", "-c", config.toString()), err.toString());
            assertEquals(0, run(out, err, "admin", "db-init", "postgresql", "-c", config.toString()), err.toString());
            assertTrue(out.toString().contains("schema created"), out.toString());
            assertEquals(1, run(out, err, "admin", "db-init", "postgresql", "-c", config.toString()), "a second init refuses");
            assertEquals(0, run(out, err, "admin", "db-upgrade", "postgresql", "-c", config.toString()), err.toString());
            assertEquals(1, run(out, err, "admin", "db-init", "mysql", "-c", config.toString()));
            assertTrue(err.toString().contains("names no mysql lease-database"), err.toString());
            assertEquals(2, run(out, err, "admin", "db-init", "oracle", "-c", config.toString()));
            assertTrue(err.toString().contains("'oracle' is not a database Kakapo has a schema for"), err.toString());
            assertEquals(2, run(out, err, "admin", "db-init", "postgresql", "-c", config.toString(), "--replication-factor", "3"));
            assertTrue(err.toString().contains("applies to db-init cql only"), err.toString());
        }
    }

    @Test
    void aKeaLeaseFileMovesIntoPostgresAndBackOut() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            dev.kakapo.coordinator.sql.SqlSchema.init(pg.getPostgresDatabase());
            Path config = dir.resolve("kakapo.json");
            Files.writeString(config, """
                    { "Dhcp4": { "valid-lifetime": 60, "lease-database": { "type": "postgresql", "name": "postgres",
                                 "host": "localhost", "port": %d, "user": "postgres" } } }
                    """.formatted(pg.getPort()));
            // today's Kea columns, with an escaped host name
            Path kea = dir.resolve("kea-leases4.csv");
            String keaText = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id\n"
                    + "192.0.2.10,00:00:5e:00:53:01,01:02,3600,1800003600,1,0,0,host&#x2ca,0,,0\n"
                    + "192.0.2.11,00:00:5e:00:53:02,,3600,1800003600,1,0,0,,0,,0\n";
            Files.writeString(kea, keaText);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, run(out, err, "admin", "lease-import", "-4", "-c", config.toString(), kea.toString()), err.toString());
            assertTrue(out.toString().contains("2 lease(s) imported"), out.toString());
            assertEquals(keaText, Files.readString(kea), "the Kea file is left as it was");
            Path back = dir.resolve("exported.csv");
            assertEquals(0, run(out, err, "admin", "lease-export", "-4", "-c", config.toString(), back.toString()), err.toString());
            List<String> rows = Files.readAllLines(back);
            assertEquals("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state", rows.get(0));
            assertEquals(java.util.Set.of("192.0.2.10,00:00:5e:00:53:01,01:02,3600,1800003600,1,0,0,host&#x2ca,0",
                    "192.0.2.11,00:00:5e:00:53:02,,3600,1800003600,1,0,0,,0"), new java.util.HashSet<>(rows.subList(1, rows.size())));
            assertEquals(1, run(out, err, "admin", "lease-export", "-4", "-c", config.toString(), back.toString()),
                    "export does not overwrite a file");
        }
    }
}
