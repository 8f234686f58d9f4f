package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.hosts.Host;
import dev.kakapo.coordinator.hosts.HostIdentifierType;
import dev.kakapo.coordinator.hosts.Ipv6Reservation;
import dev.kakapo.coordinator.hosts.SqlHostStore;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.sql.SqlSettings;
import dev.kakapo.protocol.v6.IaAddress;
import dev.kakapo.protocol.v6.IaPrefix;
import dev.kakapo.protocol.v6.IdentityAssociation;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.StatusCode6;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import dev.kakapo.server.testing.HostDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHCPv6 server with its reservations in a real SQL host database, over real UDP on
 * loopback: rows as Kea 1.1 writes them (several addresses and a prefix, options, classes), each
 * identifier, a reserved pool address kept from everyone else, a reservation made while another
 * client holds the address, and a read-only database role. Subclasses name the database server.
 */
abstract class HostDatabase6ExchangeTest {
    static final String CONFIG = """
            {
              "Dhcp6": {
                "interfaces-config": { "interfaces": [ "lo/::1" ] },
                "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "host-reservation-identifiers": [ "hw-address", "duid", "flex-id" ],
                "hooks-libraries": [ { "library": "libdhcp_flex_id.so",
                                       "parameters": { "identifier-expression": "relay6[0].option[18].hex" } } ],
                "client-classes": [ { "name": "vip", "option-data": [ { "name": "sntp-servers", "data": "2001:db8:123::1" } ] } ],
                "option-data": [ { "name": "dns-servers", "data": "2001:db8:53::1" } ],
                "hosts-database": { %s, "cache-lifetime": 1 },
                "subnet6": [ {
                  "id": 1, "subnet": "2001:db8:1::/64", "relay": { "ip-addresses": [ "2001:db8:1::1" ] },
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::104" } ],
                  "pd-pools": [ { "prefix": "2001:db8:8000::", "prefix-len": 48, "delegated-len": 56 } ]
                } ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode node;
    Relay6Client relay;
    SqlSettings database;

    /** The SQL server the host databases are on. */
    abstract HostDatabases databases() throws Exception;

    private void start(SqlSettings login, boolean readOnly, byte[] interfaceId) throws Exception {
        int serverPort = FreePorts.udp6();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(String.format(CONFIG, HostDatabases.keys(login, readOnly)), dir),
                new Ports(serverPort, FreePorts.udp6()));
        relay = new Relay6Client(serverPort, "2001:db8:1::1", interfaceId);
    }

    private void start() throws Exception {
        database = databases().newDatabase();
        start(database, false, Relay6Client.INTERFACE_ID);
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

    private Message6 solicit(int client, Option6... ias) throws Exception {
        return relay.exchange(Relay6Client.message(MessageType6.SOLICIT, client, ias)).message();
    }

    private static List<String> addresses(Message6 m) throws Exception {
        IdentityAssociation na = IdentityAssociation.decodeIaNa(m.options().first(OptionCode6.IA_NA));
        List<String> out = new ArrayList<>();
        for (byte[] a : na.options().all(OptionCode6.IAADDR)) {
            out.add(Ipv6Address.fromBytes(IaAddress.decode(a).address(), 0).toString());
        }
        return out;
    }

    private static String address(Message6 m) throws Exception {
        List<String> all = addresses(m);
        return all.isEmpty() ? null : all.get(0);
    }

    /** REQUEST (or RENEW) naming {@code address}, with the server id of {@code fromServer}. */
    private Message6 send(MessageType6 type, int client, Message6 fromServer, Ipv6Address address) throws Exception {
        Message6 m = Relay6Client.message(type, client, Relay6Client.iaNa(1, Relay6Client.iaAddress(address)));
        List<Option6> all = new ArrayList<>(m.options().all());
        all.add(new Option6(OptionCode6.SERVERID, fromServer.options().first(OptionCode6.SERVERID)));
        return relay.exchange(Message6.of(m.typeCode(), m.transactionId(), Options6.of(all))).message();
    }

    @Test
    void rowsAsKea11WritesThemGiveAddressesPrefixOptionsAndClasses() throws Exception {
        start();
        try (Connection c = databases().dataSource(database).getConnection()) {
            try (PreparedStatement host = c.prepareStatement("INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type,"
                    + " dhcp4_subnet_id, dhcp6_subnet_id, ipv4_address, hostname, dhcp4_client_classes,"
                    + " dhcp6_client_classes) VALUES (?, 1, 0, 1, 0, 'router', '', 'vip')")) {
                host.setBytes(1, Relay6Client.duid(1).bytes());
                host.executeUpdate();
            }
            long hostId;
            try (ResultSet rows = c.createStatement().executeQuery("SELECT max(host_id) FROM hosts")) {
                rows.next();
                hostId = rows.getLong(1);
            }
            c.createStatement().execute("INSERT INTO ipv6_reservations (address, prefix_len, type, dhcp6_iaid, host_id)"
                    + " VALUES ('2001:db8:1::50', 128, 0, NULL, " + hostId + "), ('2001:db8:1::51', 128, 0, NULL, " + hostId
                    + "), ('2001:db8:8000:700::', 56, 2, NULL, " + hostId + ")");
            try (PreparedStatement option = c.prepareStatement("INSERT INTO dhcp6_options (code, value, formatted_value,"
                    + " space, persistent, dhcp_client_class, dhcp6_subnet_id, host_id, scope_id)"
                    + " VALUES (23, ?, '2001:db8:53::99', 'dhcp6', false, '', 1, ?, 3)")) {
                option.setBytes(1, Ipv6Address.parse("2001:db8:53::99").toBytes());
                option.setLong(2, hostId);
                option.executeUpdate();
            }
        }
        Message6 m = Relay6Client.message(MessageType6.SOLICIT, 1, Relay6Client.iaNa(1), Relay6Client.iaPd(2));
        List<Option6> withOro = new ArrayList<>(m.options().all());
        withOro.removeIf(o -> o.code() == OptionCode6.ORO);
        withOro.add(new Option6(OptionCode6.ORO, new byte[] {0, (byte) OptionCode6.DNS_SERVERS, 0, 31}));
        Message6 advertise = relay.exchange(Message6.of(m.typeCode(), m.transactionId(), Options6.of(withOro))).message();
        assertEquals(List.of("2001:db8:1::50", "2001:db8:1::51"), addresses(advertise), "both reserved addresses in the IA");
        IdentityAssociation pd = IdentityAssociation.decodeIaPd(advertise.options().first(OptionCode6.IA_PD));
        IaPrefix prefix = IaPrefix.decode(pd.options().first(OptionCode6.IAPREFIX));
        assertEquals("2001:db8:8000:700::", Ipv6Address.fromBytes(prefix.prefix(), 0).toString());
        assertEquals(56, prefix.prefixLength());
        assertEquals("2001:db8:53::99", Ipv6Address.fromBytes(advertise.options().first(OptionCode6.DNS_SERVERS), 0).toString(),
                "the host's option over the global one");
        assertEquals("2001:db8:123::1", Ipv6Address.fromBytes(advertise.options().first(31), 0).toString(),
                "the reservation's class vip");
    }

    @Test
    void aHardwareAddressAndAFlexibleIdentifierFindTheirHosts() throws Exception {
        start();
        add(Host.forSubnet6(HostIdentifierType.HW_ADDRESS, Octets.of(new byte[] {0x02, 0x00, 0x5e, 0x20, 0, 2}), 1)
                .withIpv6Reservations(List.of(Ipv6Reservation.address(Ipv6Address.parse("2001:db8:1::62")))));
        assertEquals("2001:db8:1::62", address(solicit(2, Relay6Client.iaNa(1))));
        stop();
        // flex_id reads the relay's interface-id
        start(database, false, "port-9".getBytes());
        add(Host.forSubnet6(HostIdentifierType.FLEX_ID, Octets.of("port-9".getBytes()), 1)
                .withIpv6Reservations(List.of(Ipv6Reservation.address(Ipv6Address.parse("2001:db8:1::63")))));
        assertEquals("2001:db8:1::63", address(solicit(3, Relay6Client.iaNa(1))));
    }

    @Test
    void aPoolAddressReservedInTheDatabaseGoesToNobodyElse() throws Exception {
        start();
        add(Host.forSubnet6(HostIdentifierType.DUID, Octets.of(Relay6Client.duid(1).bytes()), 1)
                .withIpv6Reservations(List.of(Ipv6Reservation.address(Ipv6Address.parse("2001:db8:1::100")))));
        Set<String> given = new HashSet<>();
        for (int client = 10; client < 14; client++) {
            Message6 advertise = solicit(client, Relay6Client.iaNa(1,
                    Relay6Client.iaAddress(Ipv6Address.parse("2001:db8:1::100"))));
            Message6 reply = send(MessageType6.REQUEST, client, advertise, Ipv6Address.parse(address(advertise)));
            given.add(address(reply));
        }
        assertEquals(4, given.size());
        assertFalse(given.contains("2001:db8:1::100"), given.toString());
        IdentityAssociation na = IdentityAssociation.decodeIaNa(solicit(14, Relay6Client.iaNa(1)).options()
                .first(OptionCode6.IA_NA));
        assertEquals(StatusCode6.NO_ADDRS_AVAIL, Dhcp6ExchangeTest.status(na.options().first(OptionCode6.STATUS_CODE)),
                "four pool addresses besides the reserved one, all taken");
        assertEquals("2001:db8:1::100", address(solicit(1, Relay6Client.iaNa(1))), "the owner gets it");
    }

    @Test
    void aReservationMadeWhileAnotherHoldsTheAddressEndsTheHoldersLifetimes() throws Exception {
        start();
        Ipv6Address reserved = Ipv6Address.parse("2001:db8:1::102");
        Message6 advertise = solicit(20, Relay6Client.iaNa(1, Relay6Client.iaAddress(reserved)));
        Message6 held = send(MessageType6.REQUEST, 20, advertise, reserved);
        assertEquals("2001:db8:1::102", address(held));

        add(Host.forSubnet6(HostIdentifierType.DUID, Octets.of(Relay6Client.duid(1).bytes()), 1)
                .withIpv6Reservations(List.of(Ipv6Reservation.address(reserved))));
        Thread.sleep(1_100); // the server's cache-lifetime of 1 s

        Message6 renewed = send(MessageType6.RENEW, 20, held, reserved);
        IdentityAssociation na = IdentityAssociation.decodeIaNa(renewed.options().first(OptionCode6.IA_NA));
        assertEquals(0, IaAddress.decode(na.options().first(OptionCode6.IAADDR)).validLifetime(),
                "the holder is moved off the reserved address");
        assertEquals("2001:db8:1::102", address(solicit(1, Relay6Client.iaNa(1))), "and the owner gets it");
        assertNotEquals("2001:db8:1::102", address(solicit(20, Relay6Client.iaNa(1))));
    }

    @Test
    void aReadOnlyDatabaseIsServedThroughASelectOnlyLogin() throws Exception {
        database = databases().newDatabase();
        add(Host.forSubnet6(HostIdentifierType.DUID, Octets.of(Relay6Client.duid(40).bytes()), 1)
                .withIpv6Reservations(List.of(Ipv6Reservation.prefix(Ipv6Address.parse("2001:db8:8000:4000::"), 56))));
        start(databases().selectOnlyLogin(database), true, Relay6Client.INTERFACE_ID);
        Message6 advertise = solicit(40, Relay6Client.iaPd(1));
        IdentityAssociation pd = IdentityAssociation.decodeIaPd(advertise.options().first(OptionCode6.IA_PD));
        assertEquals("2001:db8:8000:4000::",
                Ipv6Address.fromBytes(IaPrefix.decode(pd.options().first(OptionCode6.IAPREFIX)).prefix(), 0).toString());
        assertTrue(pd.options().first(OptionCode6.STATUS_CODE) == null
                || Dhcp6ExchangeTest.status(pd.options().first(OptionCode6.STATUS_CODE)) == StatusCode6.SUCCESS);
    }
}
