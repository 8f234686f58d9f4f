package dev.kakapo.coordinator.hosts;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.sql.MysqlServer;
import dev.kakapo.coordinator.sql.SqlSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SqlHostStore} on a real MariaDB: the contract, read-only opening and rows Kea wrote. */
@Tag("e2e")
class MysqlHostStoreTest extends HostSourceContract {

    private static MysqlServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = MysqlServer.shared();
    }

    @Override
    protected HostSource openEmpty() throws Exception {
        return SqlHostStore.open(server.newDatabase(true), false);
    }

    @Test
    void servesRowsWrittenAsKeaWritesThemAndRefusesWritesWhenReadOnly() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        DataSource database = server.dataSource(settings.databaseName());
        // Kea's MySQL layout: unsigned columns hold the IAID and addresses as they are.
        execute(database, "INSERT INTO hosts (host_id, dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id,"
                + " dhcp6_subnet_id, ipv4_address, hostname, dhcp4_client_classes, dhcp6_client_classes,"
                + " dhcp4_next_server, dhcp4_server_hostname, dhcp4_boot_file_name) VALUES (1, X'1a1b1c1d1e1f', 0, 1, 0,"
                + " 3221226186, 'special', 'vip,lab', '', 3221225985, '', '/tmp/boot'),"
                + " (2, X'0102030405060a0b0c0d0e', 1, 0, 4000000000, 0, '', '', 'v6-vip', 0, '', '')");
        execute(database, "INSERT INTO dhcp4_options (code, value, formatted_value, space, persistent,"
                + " dhcp_client_class, dhcp4_subnet_id, host_id, scope_id) VALUES (6, X'c0000201', '', 'dhcp4', 0, '',"
                + " 1, 1, 3)");
        execute(database, "INSERT INTO ipv6_reservations (address, prefix_len, type, dhcp6_iaid, host_id) VALUES"
                + " ('2001:db8:2:abcd::', 64, 2, 4294967294, 2)");

        try (SqlHostStore hosts = SqlHostStore.open(settings, true)) {
            assertEquals(Optional.of(new Host(HostIdentifierType.HW_ADDRESS, Octets.parse("1a:1b:1c:1d:1e:1f"), 1, 0,
                            Ipv4.parse("192.0.2.202"), "special", List.of("vip", "lab"), List.of(),
                            Ipv4.parse("192.0.2.1"), "", "/tmp/boot", List.of(),
                            List.of(new ReservedOption(6, "dhcp4", Octets.parse("c0:00:02:01"), "", false)), List.of())),
                    await(hosts.get4ByAddress(1, Ipv4.parse("192.0.2.202"))));
            Host byPrefix = await(hosts.get6ByAddress((int) 4000000000L, Ipv6Address.parse("2001:db8:2:abcd::"), 64))
                    .orElseThrow();
            assertEquals(List.of(new Ipv6Reservation(Ipv6Address.parse("2001:db8:2:abcd::"), 64,
                    Ipv6Reservation.Type.PREFIX, 4294967294L)), byPrefix.ipv6Reservations());
            assertEquals(List.of(byPrefix), await(hosts.all6((int) 4000000000L)));
            String refused = refusedAsReadOnly(hosts.delete6((int) 4000000000L, HostIdentifierType.DUID,
                    byPrefix.identifier()));
            assertTrue(refused.contains(settings.databaseName()), refused);
        }
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
