package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Lease4;

import java.io.IOException;

/**
 * DHCPv4 leases in a MySQL or MariaDB database with Kea's {@code lease4} table (Kakapo schema
 * {@value SqlSchema#VERSION}), written with group commit. The work is done by
 * {@link SqlLeaseStore} over {@link Lease4Table}. A lease expiring after January 2038 does not fit
 * MySQL's TIMESTAMP: its write fails with IllegalArgumentException naming the lease.
 */
public final class MysqlLeaseStore4 extends SqlLeaseStore<Lease4> {

    private MysqlLeaseStore4(SqlLeaseStore<Lease4> opened) {
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
    public static MysqlLeaseStore4 open(SqlSettings settings) throws IOException {
        settings.require(SqlDialect.MYSQL);
        return new MysqlLeaseStore4(SqlLeaseStore.open(settings, new Lease4Table(SqlDialect.MYSQL)));
    }
}
