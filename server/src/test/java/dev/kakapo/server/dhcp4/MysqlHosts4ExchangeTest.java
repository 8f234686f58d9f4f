package dev.kakapo.server.dhcp4;

import dev.kakapo.server.testing.HostDatabases;
import org.junit.jupiter.api.Tag;

/** {@link HostDatabase4ExchangeTest} on a real MariaDB server (Debian's; the e2e profile). */
@Tag("e2e")
class MysqlHosts4ExchangeTest extends HostDatabase4ExchangeTest {
    @Override
    HostDatabases databases() throws Exception {
        return HostDatabases.mysql();
    }
}
