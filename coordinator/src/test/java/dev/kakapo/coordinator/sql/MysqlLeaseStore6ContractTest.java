package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.lease.LeaseStoreContract6;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.io.IOException;

/** The MySQL DHCPv6 store meets the lease store contract, against a real MariaDB. */
@Tag("e2e")
class MysqlLeaseStore6ContractTest extends LeaseStoreContract6 {

    private static MysqlServer server;
    private SqlSettings settings;

    @BeforeAll
    static void startServer() throws IOException {
        server = MysqlServer.shared();
    }

    @BeforeEach
    void createDatabase() throws IOException {
        settings = server.newDatabase(true);
    }

    @Override
    protected LeaseStore<Lease6> open() throws IOException {
        return MysqlLeaseStore6.open(settings);
    }

    @Override
    protected WriteCount writeCount(LeaseStore<Lease6> store) {
        SqlLeaseStore.Stats stats = ((SqlLeaseStore<Lease6>) store).stats();
        return new WriteCount(stats.changesCommitted(), stats.transactions());
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
