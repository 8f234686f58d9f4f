package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.hosts.Host;
import dev.kakapo.coordinator.hosts.HostIdentifierType;
import dev.kakapo.coordinator.hosts.ReservedOption;
import dev.kakapo.coordinator.hosts.SqlHostStore;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.sql.SqlSettings;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import dev.kakapo.server.testing.HostDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHCPv4 server with its reservations in a real SQL host database ({@code hosts-database}),
 * over real UDP on loopback: every identifier and every reserved field, rows as Kea 1.1 writes
 * them, a reserved pool address kept from everyone else, a reservation added while another client
 * holds the address, global reservations, and a read-only database role. Subclasses name the
 * database server.
 */
abstract class HostDatabase4ExchangeTest {
    static final byte[] PRL = {1, 3, 4, 6, 7, 12, 15};
    static final String CONFIG = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                "valid-lifetime": 4000,
                "host-reservation-identifiers": [ "circuit-id", "hw-address", "duid", "client-id", "flex-id" ],
                "hooks-libraries": [ { "library": "/usr/lib/kea/hooks/libdhcp_flex_id.so",
                                       "parameters": { "identifier-expression": "relay4[2].hex" } } ],
                "client-classes": [ { "name": "vip", "option-data": [ { "name": "time-servers", "data": "192.0.2.37" } ] },
                                    { "name": "known-only", "test": "member('KNOWN')",
                                      "option-data": [ { "name": "log-servers", "data": "192.0.2.7" } ] } ],
                "option-data": [ { "name": "domain-name", "data": "global.example" } ],
                "hosts-database": { %s, "cache-lifetime": 1 },
                %s
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.110" } ]
                } ]
              }
            }
            """;
    static final int SUBNET = 1;

    @TempDir
    Path dir;
    ServerNode node;
    Relay4Client relay;
    SqlSettings database;

    /** The SQL server the host databases are on. */
    abstract HostDatabases databases() throws Exception;

    private void start(SqlSettings login, boolean readOnly, String globals) throws Exception {
        int port = FreePorts.udp();
        String config = String.format(CONFIG, HostDatabases.keys(login, readOnly), globals);
        node = ServerNode.start(Dhcp4ConfigParser.parse(config, dir), new Ports(port, FreePorts.udp()), null, null);
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    private void start() throws Exception {
        database = databases().newDatabase();
        start(database, false, "");
    }

    @AfterEach
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
            relay = null;
        }
        if (node != null) {
            node.close();
            node = null;
        }
    }

    private void add(Host host) throws Exception {
        try (SqlHostStore hosts = SqlHostStore.open(database, false)) {
            hosts.add(host).get(10, TimeUnit.SECONDS);
        }
    }

    private Message4 dora(Message4.Builder discover, byte[] mac) throws Exception {
        return relay.dora(discover, mac, PRL);
    }

    private static Message4.Builder discover(byte[] mac) {
        return Relay4Client.message(MessageType4.DISCOVER, mac).option(OptionCode4.PARAMETER_REQUEST_LIST, PRL);
    }

    private static String text(Message4 m, int code) {
        byte[] v = m.options().get(code);
        return v == null ? null : new String(v, StandardCharsets.US_ASCII);
    }

    private static byte[] mac(int n) {
        return new byte[] {2, 0, 0x5e, 0x30, 0, (byte) n};
    }

    @Test
    void rowsAsKea11WritesThemGiveEveryReservedField() throws Exception {
        start();
        // Kea 1.1's layout: the other family's subnet id 0, empty strings for nothing, options in
        // scope 3 (host) with the wire payload in value.
        try (Connection c = databases().dataSource(database).getConnection()) {
            try (PreparedStatement host = c.prepareStatement("INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type,"
                    + " dhcp4_subnet_id, dhcp6_subnet_id, ipv4_address, hostname, dhcp4_client_classes,"
                    + " dhcp6_client_classes, dhcp4_next_server, dhcp4_server_hostname, dhcp4_boot_file_name)"
                    + " VALUES (?, 0, 1, 0, ?, 'printer', 'vip', '', ?, 'tftp.example', 'printer.cfg')")) {
                host.setBytes(1, mac(1));
                host.setLong(2, Integer.toUnsignedLong(Ipv4.parse("192.0.2.105")));
                host.setLong(3, Integer.toUnsignedLong(Ipv4.parse("192.0.2.9")));
                host.executeUpdate();
            }
            long hostId;
            try (ResultSet rows = c.createStatement().executeQuery("SELECT max(host_id) FROM hosts")) {
                rows.next();
                hostId = rows.getLong(1);
            }
            try (PreparedStatement option = c.prepareStatement("INSERT INTO dhcp4_options (code, value, formatted_value,"
                    + " space, persistent, dhcp_client_class, dhcp4_subnet_id, host_id, scope_id)"
                    + " VALUES (15, ?, 'host.example', 'dhcp4', false, '', 1, ?, 3)")) {
                option.setBytes(1, "host.example".getBytes(StandardCharsets.US_ASCII));
                option.setLong(2, hostId);
                option.executeUpdate();
            }
        }
        Message4 ack = dora(discover(mac(1)), mac(1));
        assertEquals("192.0.2.105", Ipv4.toText(ack.yiaddr()));
        assertEquals("printer", text(ack, OptionCode4.HOST_NAME));
        assertEquals("host.example", text(ack, OptionCode4.DOMAIN_NAME), "the host scope over global");
        assertEquals("192.0.2.9", Ipv4.toText(ack.siaddr()));
        assertTrue(new String(ack.sname(), StandardCharsets.US_ASCII).startsWith("tftp.example"));
        assertTrue(new String(ack.file(), StandardCharsets.US_ASCII).startsWith("printer.cfg"));
        assertEquals("192.0.2.37", Ipv4.toText(Ipv4.fromBytes(ack.options().get(4), 0)), "the reservation's class vip");
        assertEquals("192.0.2.7", Ipv4.toText(Ipv4.fromBytes(ack.options().get(7), 0)), "member('KNOWN') holds");
    }

    @Test
    void everyIdentifierFindsItsHost() throws Exception {
        start();
        byte[] clientId = {1, 2, 0, 0x5e, 0x30, 0, 2};
        byte[] duid = {0, 3, 0, 1, 2, 0, 0x5e, 0x30, 0, 3};
        byte[] rfc4361 = new byte[5 + duid.length];
        rfc4361[0] = (byte) 255;
        rfc4361[4] = 7; // IAID
        System.arraycopy(duid, 0, rfc4361, 5, duid.length);
        byte[] circuit = "ge-0/0/4".getBytes(StandardCharsets.US_ASCII);
        byte[] remote = "cpe-5".getBytes(StandardCharsets.US_ASCII);
        add(reserve(HostIdentifierType.CLIENT_ID, clientId, "192.0.2.51"));
        add(reserve(HostIdentifierType.DUID, duid, "192.0.2.52"));
        add(reserve(HostIdentifierType.CIRCUIT_ID, circuit, "192.0.2.53"));
        add(reserve(HostIdentifierType.FLEX_ID, remote, "192.0.2.54"));

        assertEquals("192.0.2.51", Ipv4.toText(dora(discover(mac(2)).option(OptionCode4.CLIENT_ID, clientId), mac(2)).yiaddr()));
        assertEquals("192.0.2.52", Ipv4.toText(dora(discover(mac(3)).option(OptionCode4.CLIENT_ID, rfc4361), mac(3)).yiaddr()));
        assertEquals("192.0.2.53", Ipv4.toText(dora(discover(mac(4))
                .option(OptionCode4.RELAY_AGENT_INFO, agent(1, circuit)), mac(4)).yiaddr()));
        assertEquals("192.0.2.54", Ipv4.toText(dora(discover(mac(5))
                .option(OptionCode4.RELAY_AGENT_INFO, agent(2, remote)), mac(5)).yiaddr()), "flex_id: relay4[2].hex");
        Message4 stranger = dora(discover(mac(6)), mac(6));
        assertTrue(Ipv4.toText(stranger.yiaddr()).startsWith("192.0.2.1"), "a client without a reservation gets a pool address");
        assertNull(stranger.options().get(7), "and is UNKNOWN");
    }

    @Test
    void aPoolAddressReservedInTheDatabaseGoesToNobodyElse() throws Exception {
        start();
        add(reserve(HostIdentifierType.HW_ADDRESS, mac(1), "192.0.2.100")); // the first the allocator would pick
        Set<String> given = new HashSet<>();
        for (int n = 10; n < 20; n++) {
            given.add(Ipv4.toText(dora(discover(mac(n))
                    .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(Ipv4.parse("192.0.2.100"))), mac(n)).yiaddr()));
        }
        assertEquals(10, given.size());
        assertFalse(given.contains("192.0.2.100"), given.toString());
        relay.send(discover(mac(99)));
        assertTrue(relay.silentFor(500), "ten pool addresses besides the reserved one, all taken: no offer");
        assertEquals("192.0.2.100", Ipv4.toText(dora(discover(mac(1)), mac(1)).yiaddr()), "the owner gets it");
    }

    @Test
    void aReservationMadeWhileAnotherHoldsTheAddressMovesTheHolderOff() throws Exception {
        start();
        byte[] holder = mac(20);
        Message4 held = dora(discover(holder).option(OptionCode4.REQUESTED_ADDRESS,
                Ipv4.toBytes(Ipv4.parse("192.0.2.105"))), holder);
        assertEquals("192.0.2.105", Ipv4.toText(held.yiaddr()));

        add(reserve(HostIdentifierType.HW_ADDRESS, mac(1), "192.0.2.105"));
        Thread.sleep(1_100); // the server's cache-lifetime of 1 s: its earlier answers about the address expire

        Message4 renew = relay.exchange(Relay4Client.message(MessageType4.REQUEST, holder).ciaddr(held.yiaddr()));
        assertEquals(MessageType4.NAK, renew.messageType(), "the holder is moved off the reserved address");
        assertEquals("192.0.2.105", Ipv4.toText(dora(discover(mac(1)), mac(1)).yiaddr()), "and the owner gets it");
        assertNotEquals("192.0.2.105", Ipv4.toText(dora(discover(holder), holder).yiaddr()));
    }

    @Test
    void globalReservationsInTheDatabaseServeEverySubnet() throws Exception {
        database = databases().newDatabase();
        add(Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.of(mac(30)), Host.GLOBAL_SUBNET)
                .withIpv4Address(Ipv4.parse("192.0.2.60")).withHostname("everywhere")
                .withOptions(List.of(new ReservedOption(15, "dhcp4", Octets.of("global-host.example".getBytes(StandardCharsets.US_ASCII)),
                        "global-host.example", false)), List.of()));
        start(database, false, "\"reservations-global\": true, \"reservations-in-subnet\": true,");
        Message4 ack = dora(discover(mac(30)), mac(30));
        assertEquals("192.0.2.60", Ipv4.toText(ack.yiaddr()));
        assertEquals("everywhere", text(ack, OptionCode4.HOST_NAME));
        assertEquals("global-host.example", text(ack, OptionCode4.DOMAIN_NAME));
    }

    @Test
    void aReadOnlyDatabaseIsServedThroughASelectOnlyLogin() throws Exception {
        database = databases().newDatabase();
        add(reserve(HostIdentifierType.HW_ADDRESS, mac(40), "192.0.2.70").withHostname("read-only"));
        start(databases().selectOnlyLogin(database), true, "");
        Message4 ack = dora(discover(mac(40)), mac(40));
        assertEquals("192.0.2.70", Ipv4.toText(ack.yiaddr()));
        assertEquals("read-only", text(ack, OptionCode4.HOST_NAME));
    }

    private static Host reserve(HostIdentifierType type, byte[] identifier, String address) {
        return Host.forSubnet4(type, Octets.of(identifier), SUBNET).withIpv4Address(Ipv4.parse(address));
    }

    /** Relay agent information (option 82) with one sub-option. */
    private static byte[] agent(int subOption, byte[] value) {
        byte[] agent = new byte[2 + value.length];
        agent[0] = (byte) subOption;
        agent[1] = (byte) value.length;
        System.arraycopy(value, 0, agent, 2, value.length);
        return agent;
    }
}
