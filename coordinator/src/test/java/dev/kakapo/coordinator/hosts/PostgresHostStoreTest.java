package dev.kakapo.coordinator.hosts;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.sql.PostgresServer;
import dev.kakapo.coordinator.sql.SqlSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SqlHostStore} on a real PostgreSQL server: the contract, read-only roles and rows Kea wrote. */
class PostgresHostStoreTest extends HostSourceContract {

    private static PostgresServer server;
    private static int roles;

    @BeforeAll
    static void startServer() throws IOException {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Override
    protected HostSource openEmpty() throws Exception {
        return SqlHostStore.open(server.newDatabase(true), false);
    }

    @Test
    void readOnlyStoreReadsWithASelectOnlyRoleAndRefusesWrites() throws Exception {
        SqlSettings owner = server.newDatabase(true);
        Host host = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("1a:1b:1c:1d:1e:1f"), 1)
                .withIpv4Address(Ipv4.parse("192.0.2.202")).withHostname("special");
        try (SqlHostStore writable = SqlHostStore.open(owner, false)) {
            await(writable.add(host));
        }
        String reader = "host_reader_" + (++roles);
        DataSource database = server.dataSource(owner.databaseName());
        execute(database, "CREATE ROLE " + reader + " LOGIN");
        execute(database, "GRANT SELECT ON hosts, dhcp4_options, dhcp6_options, ipv6_reservations TO " + reader);
        SqlSettings readOnlyLogin = SqlSettings.of(owner.dialect(), owner.host(), owner.port(), owner.databaseName(),
                reader, "").withConnectTimeoutSeconds(2);

        IOException cannotWrite = assertThrows(IOException.class, () -> SqlHostStore.open(readOnlyLogin, false));
        assertTrue(cannotWrite.getMessage().contains("kakapo_schema_version") || cannotWrite.getMessage()
                .contains("permission denied"), cannotWrite.getMessage());

        try (SqlHostStore hosts = SqlHostStore.open(readOnlyLogin, true)) {
            assertTrue(hosts.isReadOnly());
            assertEquals(Optional.of(host), await(hosts.get4(1, HostIdentifierType.HW_ADDRESS, host.identifier())));
            assertEquals(List.of(host), await(hosts.all4(1)));
            String refused = refusedAsReadOnly(hosts.add(host.withSubnets(2, Host.NO_SUBNET)));
            assertTrue(refused.contains("read-only (readonly: true)"), refused);
            assertTrue(refused.contains(owner.databaseName()), refused);
            refusedAsReadOnly(hosts.delete4(1, Ipv4.parse("192.0.2.202")));
            refusedAsReadOnly(hosts.delete4(1, HostIdentifierType.HW_ADDRESS, host.identifier()));
            refusedAsReadOnly(new HostCache(hosts, 10, Duration.ofMinutes(1))
                    .delete6(1, HostIdentifierType.HW_ADDRESS, host.identifier()));
        }
        try (SqlHostStore hosts = SqlHostStore.open(owner, false)) {
            assertEquals(List.of(host), await(hosts.all4(1)), "nothing was written through the read-only store");
        }
    }

    @Test
    void readOnlyStoreNamesATableItCannotRead() throws Exception {
        SqlSettings owner = server.newDatabase(true);
        String reader = "host_reader_" + (++roles);
        DataSource database = server.dataSource(owner.databaseName());
        execute(database, "CREATE ROLE " + reader + " LOGIN");
        execute(database, "GRANT SELECT ON hosts, dhcp4_options, dhcp6_options TO " + reader);
        SqlSettings login = SqlSettings.of(owner.dialect(), owner.host(), owner.port(), owner.databaseName(), reader, "")
                .withConnectTimeoutSeconds(2);
        IOException refused = assertThrows(IOException.class, () -> SqlHostStore.open(login, true));
        assertTrue(refused.getMessage().contains("cannot read host reservations from ipv6_reservations"),
                refused.getMessage());
    }

    @Test
    void readOnlyStoreReadsViewsOfAnotherLayout() throws Exception {
        SqlSettings settings = server.newDatabase(false);
        DataSource database = server.dataSource(settings.databaseName());
        execute(database, "CREATE TABLE inventory (mac BYTEA, ip BIGINT, name TEXT)");
        execute(database, "INSERT INTO inventory VALUES ('\\x00163e000001', 3221225985, 'printer')");
        execute(database, "CREATE VIEW hosts AS SELECT row_number() OVER (ORDER BY mac) AS host_id,"
                + " mac AS dhcp_identifier, 0 AS dhcp_identifier_type, 1 AS dhcp4_subnet_id,"
                + " NULL::int AS dhcp6_subnet_id, ip AS ipv4_address, name AS hostname,"
                + " NULL::text AS dhcp4_client_classes, NULL::text AS dhcp6_client_classes,"
                + " NULL::bigint AS dhcp4_next_server, NULL::text AS dhcp4_server_hostname,"
                + " NULL::text AS dhcp4_boot_file_name FROM inventory");
        for (String options : List.of("dhcp4_options", "dhcp6_options")) {
            execute(database, "CREATE VIEW " + options + " AS SELECT 0::bigint AS option_id, 0::bigint AS host_id,"
                    + " 0 AS code, ''::bytea AS value, ''::text AS formatted_value, ''::text AS space,"
                    + " false AS persistent WHERE false");
        }
        execute(database, "CREATE VIEW ipv6_reservations AS SELECT 0::bigint AS reservation_id, 0::bigint AS host_id,"
                + " ''::text AS address, 128 AS prefix_len, 0 AS type, NULL::int AS dhcp6_iaid WHERE false");
        try (SqlHostStore hosts = SqlHostStore.open(settings, true)) {
            assertEquals(Optional.of(Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("00:16:3e:00:00:01"), 1)
                            .withIpv4Address(Ipv4.parse("192.0.2.1")).withHostname("printer")),
                    await(hosts.get4ByAddress(1, Ipv4.parse("192.0.2.1"))));
        }
    }

    @Test
    void servesRowsWrittenAsKeaWritesThem() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        DataSource database = server.dataSource(settings.databaseName());
        // Kea 1.1's layout: 0 in the subnet id of the family a host is not for, empty text, options
        // in scope 3 (host) with the payload in value and the space named dhcp4 / dhcp6.
        execute(database, "INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, dhcp6_subnet_id,"
                + " ipv4_address, hostname, dhcp4_client_classes, dhcp6_client_classes, dhcp4_next_server,"
                + " dhcp4_server_hostname, dhcp4_boot_file_name) VALUES ('\\x1a1b1c1d1e1f', 0, 1, 0, 3221226186,"
                + " 'special', 'vip,lab', '', 3221225985, '', '/tmp/boot')");
        long v4 = hostId(database, "1a1b1c1d1e1f");
        execute(database, "INSERT INTO dhcp4_options (code, value, formatted_value, space, persistent,"
                + " dhcp_client_class, dhcp4_subnet_id, host_id, scope_id) VALUES (6, '\\xc0000201', '', 'dhcp4',"
                + " false, '', 1, " + v4 + ", 3)");
        execute(database, "INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, dhcp6_subnet_id,"
                + " ipv4_address, hostname, dhcp4_client_classes, dhcp6_client_classes) VALUES"
                + " ('\\x0102030405060a0b0c0d0e', 1, 0, 2, 0, '', '', 'v6-vip')");
        long v6 = hostId(database, "0102030405060a0b0c0d0e");
        execute(database, "INSERT INTO ipv6_reservations (address, prefix_len, type, dhcp6_iaid, host_id) VALUES"
                + " ('2001:db8:1::100', 128, 0, NULL, " + v6 + "), ('2001:db8:2:abcd::', 64, 2, -2, " + v6 + ")");
        execute(database, "INSERT INTO dhcp6_options (code, value, formatted_value, space, persistent,"
                + " dhcp_client_class, dhcp6_subnet_id, host_id, scope_id) VALUES (23,"
                + " '\\x20010db8000000000000000000000053', '2001:db8::53', 'dhcp6', true, '', 2, " + v6 + ", 3)");

        try (SqlHostStore hosts = SqlHostStore.open(settings, true)) {
            Host byMac = await(hosts.get4(1, HostIdentifierType.HW_ADDRESS, Octets.parse("1a:1b:1c:1d:1e:1f")))
                    .orElseThrow();
            assertEquals(new Host(HostIdentifierType.HW_ADDRESS, Octets.parse("1a:1b:1c:1d:1e:1f"), 1, 0,
                    Ipv4.parse("192.0.2.202"), "special", List.of("vip", "lab"), List.of(), Ipv4.parse("192.0.2.1"),
                    "", "/tmp/boot", List.of(),
                    List.of(new ReservedOption(6, "dhcp4", Octets.parse("c0:00:02:01"), "", false)), List.of()), byMac);
            assertEquals(Optional.of(byMac), await(hosts.get4ByAddress(1, Ipv4.parse("192.0.2.202"))));

            Host byDuid = await(hosts.get6ByAddress(2, Ipv6Address.parse("2001:db8:2:abcd::"), 64)).orElseThrow();
            assertEquals(0, byDuid.ipv4Address());
            assertEquals(List.of("v6-vip"), byDuid.dhcp6ClientClasses());
            assertEquals(List.of(Ipv6Reservation.address(Ipv6Address.parse("2001:db8:1::100")),
                    new Ipv6Reservation(Ipv6Address.parse("2001:db8:2:abcd::"), 64, Ipv6Reservation.Type.PREFIX,
                            4294967294L)), byDuid.ipv6Reservations());
            assertEquals(List.of(new ReservedOption(23, "dhcp6",
                    Octets.of(Ipv6Address.parse("2001:db8::53").toBytes()), "2001:db8::53", true)), byDuid.dhcp6Options());
            assertEquals(Optional.of(byDuid), await(hosts.get6(2, HostIdentifierType.DUID,
                    Octets.parse("01:02:03:04:05:06:0a:0b:0c:0d:0e"))));
        }
    }

    @Test
    void writableStoreNeedsTheCurrentSchema() throws Exception {
        SqlSettings empty = server.newDatabase(false);
        IOException refused = assertThrows(IOException.class, () -> SqlHostStore.open(empty, false));
        assertTrue(refused.getMessage().contains("kakapo admin db-init postgresql"), refused.getMessage());
        IOException noTables = assertThrows(IOException.class, () -> SqlHostStore.open(empty, true));
        assertTrue(noTables.getMessage().contains("cannot read host reservations from"), noTables.getMessage());
    }

    private static long hostId(DataSource database, String identifierHex) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT host_id FROM hosts WHERE dhcp_identifier = '\\x"
                     + identifierHex + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
