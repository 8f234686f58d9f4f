package dev.kakapo.server.dhcp6;

import dev.kakapo.server.testing.HostDatabases;

/** {@link HostDatabase6ExchangeTest} on a real PostgreSQL server. */
class PostgresHosts6ExchangeTest extends HostDatabase6ExchangeTest {
    @Override
    HostDatabases databases() throws Exception {
        return HostDatabases.postgres();
    }
}
