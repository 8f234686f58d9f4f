package dev.kakapo.coordinator.cql;

import dev.kakapo.coordinator.lease.Lease6;

import java.io.IOException;

/**
 * DHCPv6 leases (addresses and delegated prefixes) in a Cassandra keyspace with Kea's
 * {@code lease6} table (Kakapo schema {@value CqlSchema#VERSION}): partitioned by the address, an
 * address and a delegated prefix with the same text are two rows. The work is done by
 * {@link CqlLeaseStore} over {@link Lease6CqlTable}.
 */
public final class CqlLeaseStore6 extends CqlLeaseStore<Lease6> {

    private CqlLeaseStore6(CqlLeaseStore<Lease6> opened) {
        super(opened);
    }

    /**
     * Connects and prepares the statements.
     *
     * @throws IOException when the cluster cannot be reached or the keyspace does not hold Kakapo's
     *                     schema; the message says which {@code kakapo admin} command to run
     */
    public static CqlLeaseStore6 open(CqlSettings settings) throws IOException {
        return new CqlLeaseStore6(CqlLeaseStore.open(settings, Lease6CqlTable.TABLE));
    }
}
