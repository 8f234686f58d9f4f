package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Lease6;

import java.io.IOException;

/**
 * DHCPv6 leases (addresses and delegated prefixes) in a MySQL or MariaDB database with Kea's
 * {@code lease6} table (Kakapo schema {@value SqlSchema#VERSION}), written with group commit. An
 * address and a delegated prefix with the same text are two rows. The work is done by
 * {@link SqlLeaseStore} over {@link Lease6Table}. A lease expiring after January 2038 does not fit
 * MySQL's TIMESTAMP: its write fails with IllegalArgumentException naming the lease.
 */
public final class MysqlLeaseStore6 extends SqlLeaseStore<Lease6> {

    private MysqlLeaseStore6(SqlLeaseStore<Lease6> opened) {
        super(opened);
    }

    /**
     * Connects and starts the writers.
     *
     * @param settings settings for {@link SqlDialect#MYSQL}
     * @throws IOException when the database cannot be reached or does not hold Kakapo's schema;
     *                     the message says which {@code kakapo admin} command to run
     * @throws IllegalArgumentException when the settings are for another database
     */
    public static MysqlLeaseStore6 open(SqlSettings settings) throws IOException {
        settings.require(SqlDialect.MYSQL);
        return new MysqlLeaseStore6(SqlLeaseStore.open(settings, new Lease6Table(SqlDialect.MYSQL)));
    }
}
