package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Lease6;

import java.io.IOException;

/**
 * DHCPv6 leases (addresses and delegated prefixes) in a PostgreSQL database with Kea's
 * {@code lease6} table (Kakapo schema {@value SqlSchema#VERSION}), written with group commit. An
 * address and a delegated prefix with the same text are two rows. The work is done by
 * {@link SqlLeaseStore} over {@link Lease6Table}.
 */
public final class PostgresLeaseStore6 extends SqlLeaseStore<Lease6> {

    private PostgresLeaseStore6(SqlLeaseStore<Lease6> opened) {
        super(opened);
    }

    /**
     * Connects and starts the writers.
     *
     * @throws IOException when the database cannot be reached or does not hold Kakapo's schema;
     *                     the message says which {@code kakapo admin} command to run
     */
    public static PostgresLeaseStore6 open(SqlSettings settings) throws IOException {
        settings.require(SqlDialect.POSTGRESQL);
        return new PostgresLeaseStore6(SqlLeaseStore.open(settings, new Lease6Table(SqlDialect.POSTGRESQL)));
    }
}
