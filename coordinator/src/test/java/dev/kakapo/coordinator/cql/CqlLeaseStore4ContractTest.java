package dev.kakapo.coordinator.cql;

import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.lease.LeaseStoreContract4;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Cassandra DHCPv4 store meets the lease store contract, against a real Cassandra node.
 * The outage test stops the shared node and starts it again on the same data.
 */
class CqlLeaseStore4ContractTest extends LeaseStoreContract4 {

    private static CassandraServer server;
    private CqlSettings settings;

    @BeforeAll
    static void startServer() throws IOException {
        server = CassandraServer.shared();
    }

    @BeforeEach
    void createKeyspace() throws IOException {
        settings = server.newKeyspace(true);
    }

    @Override
    protected LeaseStore<Lease4> open() throws IOException {
        return CqlLeaseStore4.open(settings);
    }

    @Override
    protected WriteCount writeCount(LeaseStore<Lease4> store) {
        CqlLeaseStore.Stats stats = ((CqlLeaseStore<Lease4>) store).stats();
        return new WriteCount(stats.writes(), stats.writes());
    }

    /** At most 8 writes in flight, so the bound is what the test meets. */
    @Override
    protected LeaseStore<Lease4> openForConcurrentWriters() throws IOException {
        return CqlLeaseStore4.open(settings.withMaxInFlightWrites(8));
    }

    /**
     * Cassandra has no transactions to share: every change is a write of its own, and the node
     * groups them in its commit log. What the store bounds instead is how many are in flight.
     */
    @Override
    protected void checkSharedWrites(LeaseStore<Lease4> store, long changes, long commits) {
        CqlLeaseStore.Stats stats = ((CqlLeaseStore<Lease4>) store).stats();
        assertEquals(0, stats.failures());
        assertTrue(stats.peakInFlight() >= 1 && stats.peakInFlight() <= 8, "peak in flight " + stats.peakInFlight());
    }

    @Override
    protected Outage outage() {
        return new Outage() {
            @Override
            public void stop() throws IOException {
                server.stop();
            }

            @Override
            public void restart() throws IOException {
                server.restart();
            }
        };
    }
}
