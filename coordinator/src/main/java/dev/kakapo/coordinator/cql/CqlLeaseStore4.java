package dev.kakapo.coordinator.cql;

import dev.kakapo.coordinator.lease.Lease4;

import java.io.IOException;

/**
 * DHCPv4 leases in a Cassandra keyspace with Kea's {@code lease4} table (Kakapo schema {@value CqlSchema#VERSION}). The work is done by
 * {@link CqlLeaseStore} over {@link Lease4CqlTable}.
 */
public final class CqlLeaseStore4 extends CqlLeaseStore<Lease4> {

    private CqlLeaseStore4(CqlLeaseStore<Lease4> opened) {
        super(opened);
    }

    /**
     * Connects and prepares the statements.
     *
     * @throws IOException when the cluster cannot be reached or the keyspace does not hold Kakapo's
     *                     schema; the message says which {@code kakapo admin} command to run
     */
    public static CqlLeaseStore4 open(CqlSettings settings) throws IOException {
        return new CqlLeaseStore4(CqlLeaseStore.open(settings, Lease4CqlTable.TABLE));
    }
}
