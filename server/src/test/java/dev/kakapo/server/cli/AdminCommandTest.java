package dev.kakapo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            assertTrue(out.toString().contains("lease schema created"), out.toString());
            assertEquals(1, run(out, err, "admin", "db-init", "postgresql", "-c", config.toString()), "a second init refuses");
            assertEquals(0, run(out, err, "admin", "db-upgrade", "postgresql", "-c", config.toString()), err.toString());
            assertEquals(2, run(out, err, "admin", "db-init", "mysql", "-c", config.toString()));
            assertTrue(err.toString().contains("'mysql' is not a database Kakapo has a schema for yet"), err.toString());
        }
    }
}
