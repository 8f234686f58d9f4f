package dev.kakapo.server.dhcp6;

import dev.kakapo.server.testing.HostDatabases;
import org.junit.jupiter.api.Tag;

/** {@link HostDatabase6ExchangeTest} on a real MariaDB server (Debian's; the e2e profile). */
@Tag("e2e")
class MysqlHosts6ExchangeTest extends HostDatabase6ExchangeTest {
    @Override
    HostDatabases databases() throws Exception {
        return HostDatabases.mysql();
    }
}
