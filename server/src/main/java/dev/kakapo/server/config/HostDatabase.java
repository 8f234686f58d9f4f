package dev.kakapo.server.config;

import dev.kakapo.coordinator.sql.SqlSettings;
import java.time.Duration;

/**
 * One {@code hosts-database} (or entry of {@code hosts-databases}): Kea's host reservation tables
 * in PostgreSQL or MySQL.
 *
 * @param sql           where the database is and how to log in
 * @param readOnly      Kea's {@code readonly}: Kakapo never writes, so a role that may only SELECT will do
 * @param cacheSize     Kakapo's {@code cache-size}: how many answers are remembered, at most
 * @param cacheLifetime Kakapo's {@code cache-lifetime}: how long an answer is used before it is asked again
 */
public record HostDatabase(SqlSettings sql, boolean readOnly, int cacheSize, Duration cacheLifetime) {

    public static final int DEFAULT_CACHE_SIZE = 65536;
    public static final Duration DEFAULT_CACHE_LIFETIME = Duration.ofSeconds(30);

    /** For logs: {@code postgresql:kakapo@db.example:5432 (read-only)}. */
    public String describe() {
        return sql.dialect().typeName() + ":" + sql.describe() + (readOnly ? " (read-only)" : "");
    }
}
