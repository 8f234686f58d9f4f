package dev.kakapo.server.config;

import dev.kakapo.coordinator.sql.PostgresSettings;
import java.nio.file.Path;

/**
 * {@code lease-database}: Kea's {@code memfile} lease file or a {@code postgresql} database.
 *
 * @param file        memfile: lease file path ({@code name}); relative paths resolve against the config file's folder
 * @param persist     memfile: false keeps leases in memory only (Kea's {@code persist})
 * @param lfcInterval memfile: seconds between lease file compactions, 0 = never
 * @param postgres    postgresql: where the database is and how to log in; null for memfile
 */
public record LeaseDatabase(String type, Path file, boolean persist, long lfcInterval, PostgresSettings postgres) {

    /** A memfile lease database. */
    public LeaseDatabase(String type, Path file, boolean persist, long lfcInterval) {
        this(type, file, persist, lfcInterval, null);
    }

    /** Where the leases go, for logs: the database, the lease file, or "(memory)". */
    public String describe() {
        return postgres != null ? "postgresql:" + postgres.describe() : persist ? file.toString() : "(memory)";
    }

    /** Whether the leases are in a database every node can reach (rather than in one node's file or memory). */
    public boolean shared() {
        return postgres != null;
    }
}
