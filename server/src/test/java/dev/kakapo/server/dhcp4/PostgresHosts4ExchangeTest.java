package dev.kakapo.server.dhcp4;

import dev.kakapo.server.testing.HostDatabases;

/** {@link HostDatabase4ExchangeTest} on a real PostgreSQL server. */
class PostgresHosts4ExchangeTest extends HostDatabase4ExchangeTest {
    @Override
    HostDatabases databases() throws Exception {
        return HostDatabases.postgres();
    }
}
