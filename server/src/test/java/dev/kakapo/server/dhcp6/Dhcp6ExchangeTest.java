package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.IaAddress;
import dev.kakapo.protocol.v6.IaPrefix;
import dev.kakapo.protocol.v6.IdentityAssociation;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.protocol.v6.StatusCode6;
import dev.kakapo.protocol.v6.StatusCode;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DHCPv6 server over real UDP on loopback, driven by a test relay agent. */
class Dhcp6ExchangeTest {
    static final String CONFIG = """
            {
              // a relayed site: the relay's link-address 2001:db8:1::1 is on the subnet
              "Dhcp6": {
                "interfaces-config": { "interfaces": [ "lo/::1" ] },
                "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                "decline-probation-period": 600,
                "option-data": [ { "name": "dns-servers", "data": "2001:db8::53, 2001:db8::54" } ],
                "subnet6": [ {
                  "id": 1, "subnet": "2001:db8:1::/64", "rapid-commit": true,
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                  "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64 } ]
                }, {
                  // no prefix delegation here; relays name it by their own address
                  "id": 2, "subnet": "2001:db8:2::/64", "relay": { "ip-addresses": [ "2001:db8:ffff::2" ] },
                  "pools": [ { "pool": "2001:db8:2::100 - 2001:db8:2::1ff" } ]
                }, {
                  // relays name this one by the interface-id they put in
                  "id": 3, "subnet": "2001:db8:3::/64", "interface-id": "ge-0/0/9",
                  "pools": [ { "pool": "2001:db8:3::100 - 2001:db8:3::1ff" } ]
                } ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode node;
    Dhcp6Server server;
    Relay6Client relay;
    int serverPort;
    int clientPort;

    @BeforeEach
    void start() throws Exception {
        serverPort = FreePorts.udp6();
        clientPort = FreePorts.udp6();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(CONFIG, dir), new Ports(serverPort, clientPort));
        server = node.dhcp6();
        relay = new Relay6Client(serverPort, "2001:db8:1::1");
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    private String leaseFile() throws Exception {
        return Files.readString(dir.resolve("leases6.csv"));
    }

    static IdentityAssociation iaNa(Message6 m) throws Exception {
        return IdentityAssociation.decodeIaNa(m.options().first(OptionCode6.IA_NA));
    }

    static Ipv6Address address(IdentityAssociation ia) throws Exception {
        return Ipv6Address.fromBytes(IaAddress.decode(ia.options().first(OptionCode6.IAADDR)).address(), 0);
    }

    static StatusCode6 status(byte[] payload) throws Exception {
        return payload == null ? StatusCode6.SUCCESS : StatusCode.decode(payload).status();
    }

    private Message6 withServerId(MessageType6 type, int client, Message6 fromServer, Option6... more) {
        Message6 m = Relay6Client.message(type, client, more);
        List<Option6> all = new java.util.ArrayList<>(m.options().all());
        all.add(new Option6(OptionCode6.SERVERID, fromServer.options().first(OptionCode6.SERVERID)));
        return Message6.of(m.typeCode(), m.transactionId(), dev.kakapo.protocol.v6.Options6.of(all));
    }

    /** SOLICIT, ADVERTISE, REQUEST, REPLY for client {@code n}; returns the REPLY. */
    private Message6 sarr(int n) throws Exception {
        Message6 advertise = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, n, Relay6Client.iaNa(1))).message();
        return relay.exchange(withServerId(MessageType6.REQUEST, n, advertise,
                Relay6Client.iaNa(1, Relay6Client.iaAddress(address(iaNa(advertise)))))).message();
    }

    @Test
    void solicitAdvertiseRequestReply() throws Exception {
        Packet6 advertisePacket = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 1, Relay6Client.iaNa(7)));
        Message6 advertise = advertisePacket.message();
        assertEquals(MessageType6.ADVERTISE, advertise.type());
        assertArrayEquals(Relay6Client.INTERFACE_ID, advertisePacket.relays().get(0).interfaceId(), "interface-id echoed");
        assertArrayEquals(Relay6Client.duid(1).bytes(), advertise.options().first(OptionCode6.CLIENTID));
        assertArrayEquals(server.serverDuid().bytes(), advertise.options().first(OptionCode6.SERVERID));
        assertArrayEquals(new byte[] {0}, advertise.options().first(OptionCode6.PREFERENCE));
        assertEquals(32, advertise.options().first(OptionCode6.DNS_SERVERS).length, "two DNS servers, as the ORO asked");
        IdentityAssociation ia = iaNa(advertise);
        assertEquals(7, ia.iaid());
        assertEquals(1000, ia.t1());
        assertEquals(2000, ia.t2());
        IaAddress offered = IaAddress.decode(ia.options().first(OptionCode6.IAADDR));
        Ipv6Address a = Ipv6Address.fromBytes(offered.address(), 0);
        assertTrue(a.compareTo(Ipv6Address.parse("2001:db8:1::100")) >= 0 && a.compareTo(Ipv6Address.parse("2001:db8:1::1ff")) <= 0, a.toText());
        assertEquals(3000, offered.preferredLifetime());
        assertEquals(4000, offered.validLifetime());
        assertFalse(leaseFile().contains(a.toText() + ","), "an ADVERTISE is not a lease");

        Message6 reply = relay.exchange(withServerId(MessageType6.REQUEST, 1, advertise,
                Relay6Client.iaNa(7, Relay6Client.iaAddress(a)))).message();
        assertEquals(MessageType6.REPLY, reply.type());
        assertEquals(a, address(iaNa(reply)));
        assertTrue(leaseFile().contains(a.toText() + ",00:03:00:01:02:00:5e:20:00:01,4000,"), leaseFile());
        assertEquals(1, server.counters().get("pkt6-advertise-sent"));
        assertEquals(1, server.counters().get("pkt6-reply-sent"));
    }

    @Test
    void severalIasAndPrefixDelegationInOneMessage() throws Exception {
        Message6 advertise = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 2,
                Relay6Client.iaNa(1), Relay6Client.iaNa(2), Relay6Client.iaPd(3))).message();
        List<byte[]> nas = advertise.options().all(OptionCode6.IA_NA);
        assertEquals(2, nas.size());
        Ipv6Address first = address(IdentityAssociation.decodeIaNa(nas.get(0)));
        Ipv6Address second = address(IdentityAssociation.decodeIaNa(nas.get(1)));
        assertNotEquals(first, second, "each IA gets its own address");
        IdentityAssociation pd = IdentityAssociation.decodeIaPd(advertise.options().first(OptionCode6.IA_PD));
        assertEquals(3, pd.iaid());
        IaPrefix prefix = IaPrefix.decode(pd.options().first(OptionCode6.IAPREFIX));
        assertEquals(64, prefix.prefixLength());
        assertTrue(Ipv6Address.fromBytes(prefix.prefix(), 0).within(Ipv6Address.parse("2001:db8:8::"), 56));

        Message6 reply = relay.exchange(withServerId(MessageType6.REQUEST, 2, advertise, Relay6Client.iaNa(1), Relay6Client.iaNa(2),
                Relay6Client.iaPd(3, Relay6Client.iaPrefix(Ipv6Address.fromBytes(prefix.prefix(), 0), 64)))).message();
        IdentityAssociation granted = IdentityAssociation.decodeIaPd(reply.options().first(OptionCode6.IA_PD));
        assertArrayEquals(prefix.prefix(), IaPrefix.decode(granted.options().first(OptionCode6.IAPREFIX)).prefix());
        String file = leaseFile();
        assertTrue(file.contains(Ipv6Address.fromBytes(prefix.prefix(), 0).toText() + ","), file);
        assertTrue(file.lines().anyMatch(l -> l.contains(",2,3,64,")), "a PD lease row (type 2, iaid 3, /64):\n" + file);
    }

    @Test
    void rapidCommitSolicitGetsAReplyWithCommittedLeases() throws Exception {
        Message6 reply = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 3, Relay6Client.iaNa(1),
                new Option6(OptionCode6.RAPID_COMMIT, new byte[0]))).message();
        assertEquals(MessageType6.REPLY, reply.type());
        assertNotNull(reply.options().first(OptionCode6.RAPID_COMMIT));
        assertTrue(leaseFile().contains(address(iaNa(reply)).toText() + ","), "rapid commit leases are on disk");
    }

    @Test
    void renewAndRebindExtendTheLeaseAndUnknownIasGetNoBinding() throws Exception {
        Message6 reply = sarr(4);
        Ipv6Address a = address(iaNa(reply));
        Message6 renewed = relay.exchange(withServerId(MessageType6.RENEW, 4, reply, Relay6Client.iaNa(1, Relay6Client.iaAddress(a)))).message();
        assertEquals(a, address(iaNa(renewed)));
        assertEquals(StatusCode6.SUCCESS, status(iaNa(renewed).options().first(OptionCode6.STATUS_CODE)));
        Message6 rebound = relay.exchange(Relay6Client.message(MessageType6.REBIND, 4, Relay6Client.iaNa(1, Relay6Client.iaAddress(a)))).message();
        assertEquals(a, address(iaNa(rebound)));
        Message6 unknown = relay.exchange(withServerId(MessageType6.RENEW, 5, reply, Relay6Client.iaNa(9))).message();
        assertEquals(StatusCode6.NO_BINDING, status(iaNa(unknown).options().first(OptionCode6.STATUS_CODE)));
        Message6 notTheirs = relay.exchange(withServerId(MessageType6.RENEW, 5, reply, Relay6Client.iaNa(9, Relay6Client.iaAddress(a)))).message();
        assertEquals(StatusCode6.NO_BINDING, status(iaNa(notTheirs).options().first(OptionCode6.STATUS_CODE)),
                "an address held by another client is no binding of this one");
    }

    @Test
    void releaseRemovesTheLease() throws Exception {
        Message6 reply = sarr(6);
        Ipv6Address a = address(iaNa(reply));
        Message6 released = relay.exchange(withServerId(MessageType6.RELEASE, 6, reply, Relay6Client.iaNa(1, Relay6Client.iaAddress(a)))).message();
        assertEquals(StatusCode6.SUCCESS, status(released.options().first(OptionCode6.STATUS_CODE)));
        List<String> rows = leaseFile().lines().filter(l -> l.startsWith(a.toText() + ",")).toList();
        assertTrue(rows.get(rows.size() - 1).contains(",0,"), "deletion row: " + rows);
        Message6 again = relay.exchange(withServerId(MessageType6.RELEASE, 6, reply, Relay6Client.iaNa(1, Relay6Client.iaAddress(a)))).message();
        assertEquals(StatusCode6.NO_BINDING, status(iaNa(again).options().first(OptionCode6.STATUS_CODE)));
    }

    @Test
    void aDeclinedAddressIsSetAside() throws Exception {
        Message6 reply = sarr(7);
        Ipv6Address a = address(iaNa(reply));
        Message6 declined = relay.exchange(withServerId(MessageType6.DECLINE, 7, reply, Relay6Client.iaNa(1, Relay6Client.iaAddress(a)))).message();
        assertEquals(StatusCode6.SUCCESS, status(declined.options().first(OptionCode6.STATUS_CODE)));
        assertEquals(1, server.counters().get("declined-addresses"));
        Message6 next = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 7, Relay6Client.iaNa(1))).message();
        assertNotEquals(a, address(iaNa(next)));
    }

    @Test
    void confirmSaysWhetherAddressesAreOnLink() throws Exception {
        Message6 onLink = relay.exchange(Relay6Client.message(MessageType6.CONFIRM, 8,
                Relay6Client.iaNa(1, Relay6Client.iaAddress(Ipv6Address.parse("2001:db8:1::1234"))))).message();
        assertEquals(StatusCode6.SUCCESS, status(onLink.options().first(OptionCode6.STATUS_CODE)));
        Message6 offLink = relay.exchange(Relay6Client.message(MessageType6.CONFIRM, 8,
                Relay6Client.iaNa(1, Relay6Client.iaAddress(Ipv6Address.parse("2001:db8:99::1"))))).message();
        assertEquals(StatusCode6.NOT_ON_LINK, status(offLink.options().first(OptionCode6.STATUS_CODE)));
    }

    @Test
    void informationRequestGetsConfigurationOnly() throws Exception {
        Message6 reply = relay.exchange(Relay6Client.message(MessageType6.INFORMATION_REQUEST, 9)).message();
        assertEquals(MessageType6.REPLY, reply.type());
        assertNull(reply.options().first(OptionCode6.IA_NA));
        assertArrayEquals(Ipv6Address.parse("2001:db8::53").toBytes(), java.util.Arrays.copyOf(reply.options().first(OptionCode6.DNS_SERVERS), 16));
    }

    @Test
    void aTwiceRelayedSolicitIsAnsweredThroughBothRelays() throws Exception {
        Message6 solicit = Relay6Client.message(MessageType6.SOLICIT, 10, Relay6Client.iaNa(1));
        byte[] inner = new dev.kakapo.protocol.v6.RelayMessage6(MessageType6.RELAY_FORW.code(), 0,
                Ipv6Address.parse("2001:db8:1::77").toBytes(), Ipv6Address.parse("fe80::99").toBytes(),
                dev.kakapo.protocol.v6.Options6.of(List.of(new Option6(OptionCode6.RELAY_MSG, solicit.encode())))).encode();
        relay.sendRaw(relay.relayed(inner, 1));
        Packet6 reply = relay.receive(solicit.transactionId());
        assertEquals(2, reply.relays().size());
        assertEquals(MessageType6.RELAY_REPL, reply.relays().get(0).type());
        assertArrayEquals(Ipv6Address.parse("2001:db8:1::77").toBytes(), reply.relays().get(1).linkAddress());
        assertEquals(MessageType6.ADVERTISE, reply.message().type());
    }

    @Test
    void aRequestForAnotherServerIsDropped() throws Exception {
        Message6 advertise = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 11, Relay6Client.iaNa(1))).message();
        Message6 other = Relay6Client.message(MessageType6.REQUEST, 11, Relay6Client.iaNa(1),
                new Option6(OptionCode6.SERVERID, Relay6Client.duid(999).bytes()));
        relay.sendRaw(relay.relayed(other.encode(), 0));
        assertTrue(relay.silentFor(300));
        assertEquals(1, server.counters().get("pkt6-receive-drop[not-our-server-id]"));
        assertNotNull(advertise);
    }

    @Test
    void relaysSelectSubnetsByTheirAddressAndInterfaceId() throws Exception {
        try (Relay6Client byAddress = new Relay6Client(serverPort, "2001:db8:ffff::2");
             Relay6Client byInterfaceId = new Relay6Client(serverPort, "::", "ge-0/0/9".getBytes())) {
            Message6 two = byAddress.exchange(Relay6Client.message(MessageType6.SOLICIT, 20, Relay6Client.iaNa(1))).message();
            assertTrue(address(iaNa(two)).within(Ipv6Address.parse("2001:db8:2::"), 64), "subnet 2 by its relay address");
            Message6 three = byInterfaceId.exchange(Relay6Client.message(MessageType6.SOLICIT, 21, Relay6Client.iaNa(1))).message();
            assertTrue(address(iaNa(three)).within(Ipv6Address.parse("2001:db8:3::"), 64), "subnet 3 by interface-id");
        }
    }

    @Test
    void anIaPdInASubnetWithoutPrefixesGetsNoPrefixAvail() throws Exception {
        try (Relay6Client subnet2 = new Relay6Client(serverPort, "2001:db8:ffff::2")) {
            Message6 advertise = subnet2.exchange(Relay6Client.message(MessageType6.SOLICIT, 22, Relay6Client.iaNa(1),
                    Relay6Client.iaPd(2))).message();
            assertEquals(StatusCode6.SUCCESS, status(iaNa(advertise).options().first(OptionCode6.STATUS_CODE)));
            IdentityAssociation pd = IdentityAssociation.decodeIaPd(advertise.options().first(OptionCode6.IA_PD));
            assertEquals(StatusCode6.NO_PREFIX_AVAIL, status(pd.options().first(OptionCode6.STATUS_CODE)));
            assertNull(pd.options().first(OptionCode6.IAPREFIX));
        }
    }

    @Test
    void aClientMayUnicastToTheAddressInterfacesConfigNamesAndIsToldItThere() throws Exception {
        Message6 advertise = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, 23, Relay6Client.iaNa(1))).message();
        try (DatagramSocket client = new DatagramSocket(new java.net.InetSocketAddress(InetAddress.getByName("::1"), clientPort))) {
            client.setSoTimeout(5000);
            byte[] request = withServerId(MessageType6.REQUEST, 23, advertise,
                    Relay6Client.iaNa(1, Relay6Client.iaAddress(address(iaNa(advertise))))).encode();
            client.send(new java.net.DatagramPacket(request, request.length, InetAddress.getByName("::1"), serverPort));
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[2048], 2048);
            client.receive(p);
            Message6 reply = Message6.decode(p.getData(), 0, p.getLength());
            assertEquals(MessageType6.REPLY, reply.type());
            // "lo/::1" names a unicast address: as in Kea, unicast is accepted there, not refused with UseMulticast
            byte[] status = reply.options().first(OptionCode6.STATUS_CODE);
            assertTrue(status == null || status(status) != StatusCode6.USE_MULTICAST, "not told to use multicast");
            assertNotNull(reply.options().first(OptionCode6.IA_NA), "the IA is answered");
            assertArrayEquals(Ipv6Address.parse("::1").toBytes(), reply.options().first(OptionCode6.UNICAST),
                    "the Server Unicast option names the configured address");
        }
        assertNull(advertise.options().first(OptionCode6.UNICAST), "a relayed client is not told to unicast");
    }

    @Test
    void theServerDuidIsKeptAcrossRestarts() throws Exception {
        byte[] before = server.serverDuid().bytes();
        assertTrue(Files.exists(dir.resolve(ServerDuid.FILE_NAME)));
        node.close();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(CONFIG, dir), new Ports(FreePorts.udp6(), FreePorts.udp6()));
        server = node.dhcp6();
        assertArrayEquals(before, server.serverDuid().bytes());
    }
}
