package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Lease4;

import java.io.IOException;

/**
 * DHCPv4 leases in a PostgreSQL database with Kea's {@code lease4} table (Kakapo schema
 * {@value SqlSchema#VERSION}), written with group commit. The work is done by
 * {@link SqlLeaseStore} over {@link Lease4Table}.
 */
public final class PostgresLeaseStore4 extends SqlLeaseStore<Lease4> {

    private PostgresLeaseStore4(SqlLeaseStore<Lease4> opened) {
        super(opened);
    }

    /**
     * Connects and starts the writers.
     *
     * @throws IOException when the database cannot be reached or does not hold Kakapo's schema;
     *                     the message says which {@code kakapo admin} command to run
     */
    public static PostgresLeaseStore4 open(SqlSettings settings) throws IOException {
        settings.require(SqlDialect.POSTGRESQL);
        return new PostgresLeaseStore4(SqlLeaseStore.open(settings, new Lease4Table(SqlDialect.POSTGRESQL)));
    }
}
