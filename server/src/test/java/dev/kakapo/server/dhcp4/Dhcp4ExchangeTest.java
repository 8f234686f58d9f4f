package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.Ports;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DHCPv4 server over real UDP on loopback, driven by a test relay agent. */
class Dhcp4ExchangeTest {
    static final String CONFIG = """
            {
              // a relayed site: the relay is 127.0.0.2, the server listens on 127.0.0.1
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                "decline-probation-period": 600,
                "option-data": [
                  { "name": "domain-name-servers", "data": "192.0.2.53, 192.0.2.54" },
                  { "name": "domain-name", "data": "example.org" },
                  { "name": "ntp-servers", "data": "192.0.2.123" }
                ],
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "relay": { "ip-addresses": [ "127.0.0.2" ] },
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.200",
                               "option-data": [ { "name": "ntp-servers", "data": "192.0.2.124", "always-send": true } ] } ],
                  "option-data": [ { "name": "routers", "data": "192.0.2.1" } ]
                } ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode node;
    Dhcp4Server server;
    Relay4Client relay;
    int port;

    @BeforeEach
    void start() throws Exception {
        Dhcp4Config config = Dhcp4ConfigParser.parse(CONFIG, dir);
        port = FreePorts.udp();
        node = ServerNode.start(config, new Ports(port, FreePorts.udp()), null, null);
        server = node.dhcp4();
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    private String leaseFile() throws Exception {
        return Files.readString(dir.resolve("leases4.csv"));
    }

    @Test
    void discoverOfferRequestAck() throws Exception {
        byte[] mac = Relay4Client.mac(1);
        Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, mac)
                .option(OptionCode4.RELAY_AGENT_INFO, new byte[] {1, 4, 'p', 'o', 'r', 't'}));
        assertEquals(MessageType4.OFFER, offer.messageType());
        assertEquals(2, offer.op());
        assertArrayEquals(mac, offer.chaddr());
        assertEquals(relay.giaddr, offer.giaddr());
        int address = offer.yiaddr();
        assertTrue(Ipv4.compare(address, Ipv4.parse("192.0.2.100")) >= 0 && Ipv4.compare(address, Ipv4.parse("192.0.2.200")) <= 0);
        assertArrayEquals(Ipv4.toBytes(Ipv4.parse("127.0.0.1")), offer.options().get(OptionCode4.SERVER_ID));
        assertArrayEquals(new byte[] {0, 0, 0x0f, (byte) 0xa0}, offer.options().get(OptionCode4.LEASE_TIME));
        assertArrayEquals(new byte[] {0, 0, 0x03, (byte) 0xe8}, offer.options().get(OptionCode4.RENEWAL_TIME));
        assertArrayEquals(new byte[] {0, 0, 0x07, (byte) 0xd0}, offer.options().get(OptionCode4.REBINDING_TIME));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0}, offer.options().get(OptionCode4.SUBNET_MASK));
        assertArrayEquals(Ipv4.toBytes(Ipv4.parse("192.0.2.1")), offer.options().get(OptionCode4.ROUTERS));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 53, (byte) 192, 0, 2, 54}, offer.options().get(OptionCode4.DOMAIN_NAME_SERVERS));
        assertArrayEquals("example.org".getBytes(), offer.options().get(OptionCode4.DOMAIN_NAME));
        assertArrayEquals(Ipv4.toBytes(Ipv4.parse("192.0.2.124")), offer.options().get(42),
                "ntp-servers was not asked for, but the pool's always-send one wins over the global one");
        assertArrayEquals(new byte[] {1, 4, 'p', 'o', 'r', 't'}, offer.options().get(OptionCode4.RELAY_AGENT_INFO),
                "option 82 goes back to the relay");
        assertFalse(leaseFile().contains(Ipv4.toText(address)), "an offer is not a lease");

        Message4 ack = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac)
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(address))
                .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID)));
        assertEquals(MessageType4.ACK, ack.messageType());
        assertEquals(address, ack.yiaddr());
        assertTrue(leaseFile().contains(Ipv4.toText(address) + ",02:00:5e:10:00:01,,4000,"), leaseFile());
        assertEquals(1, server.counters().get("pkt4-offer-sent"));
        assertEquals(1, server.counters().get("pkt4-ack-sent"));
        assertEquals(1, server.counters().get("pkt4-discover-received"));
    }

    @Test
    void renewAndRebindExtendTheSameLease() throws Exception {
        byte[] mac = Relay4Client.mac(2);
        Message4 ack = relay.dora(mac);
        int address = ack.yiaddr();
        // RENEWING: ciaddr set, no server id, no requested address.
        Message4 renewed = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac).ciaddr(address));
        assertEquals(MessageType4.ACK, renewed.messageType());
        assertEquals(address, renewed.yiaddr());
        // REBINDING is the same message broadcast; the answer is the same lease.
        Message4 rebound = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac).ciaddr(address).flags(0x8000));
        assertEquals(MessageType4.ACK, rebound.messageType());
        assertEquals(address, rebound.yiaddr());
        long rows = leaseFile().lines().filter(l -> l.startsWith(Ipv4.toText(address) + ",")).count();
        assertEquals(3, rows, "grant, renew and rebind are each written");
    }

    @Test
    void initRebootForAnAddressHeldByAnotherClientIsNakked() throws Exception {
        Message4 first = relay.dora(Relay4Client.mac(3));
        relay.dora(Relay4Client.mac(4));
        Message4 nak = relay.exchange(Relay4Client.message(MessageType4.REQUEST, Relay4Client.mac(4))
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(first.yiaddr())));
        assertEquals(MessageType4.NAK, nak.messageType());
        assertEquals(0, nak.yiaddr());
        Message4 elsewhere = relay.exchange(Relay4Client.message(MessageType4.REQUEST, Relay4Client.mac(4))
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(Ipv4.parse("198.51.100.7"))));
        assertEquals(MessageType4.NAK, elsewhere.messageType(), "an address from another network");
        // INIT-REBOOT for its own address: ACK.
        Message4 own = relay.exchange(Relay4Client.message(MessageType4.REQUEST, Relay4Client.mac(3))
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(first.yiaddr())));
        assertEquals(MessageType4.ACK, own.messageType());
        assertEquals(first.yiaddr(), own.yiaddr());
    }

    @Test
    void aNonAuthoritativeServerIsSilentToAnInitRebootClientItDoesNotKnow() throws Exception {
        relay.send(Relay4Client.message(MessageType4.REQUEST, Relay4Client.mac(9))
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(Ipv4.parse("192.0.2.150"))));
        assertTrue(relay.silentFor(500));
        assertEquals(1, server.counters().get("pkt4-receive-drop[unknown-client-not-authoritative]"));
    }

    @Test
    void releaseFreesTheLeaseAndAReturningClientGetsItsAddressBack() throws Exception {
        byte[] mac = Relay4Client.mac(5);
        int address = relay.dora(mac).yiaddr();
        Message4 again = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, mac));
        assertEquals(address, again.yiaddr(), "a returning client is offered its lease");
        relay.send(Relay4Client.message(MessageType4.RELEASE, mac).ciaddr(address));
        assertTrue(relay.silentFor(300), "RELEASE has no answer");
        List<String> rows = leaseFile().lines().filter(l -> l.startsWith(Ipv4.toText(address) + ",")).toList();
        assertEquals(",0,", rows.get(rows.size() - 1).replaceAll("^[^,]*,[^,]*,[^,]*(,0,).*$", "$1"),
                "the release is written as a row with valid lifetime 0: " + rows);
        assertTrue(server.allocator().findLease(1, new dev.kakapo.coordinator.allocator.ClientIdentity4(
                dev.kakapo.coordinator.lease.Octets.of(mac), dev.kakapo.coordinator.lease.Octets.EMPTY, true)).get().isEmpty());
    }

    @Test
    void aDeclinedAddressIsNotOfferedAgain() throws Exception {
        byte[] mac = Relay4Client.mac(6);
        int address = relay.dora(mac).yiaddr();
        relay.send(Relay4Client.message(MessageType4.DECLINE, mac).option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(address)));
        assertTrue(relay.silentFor(300), "DECLINE has no answer");
        assertEquals(1, server.counters().get("declined-addresses"));
        Message4 next = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, mac));
        assertNotEquals(address, next.yiaddr());
        assertTrue(leaseFile().lines().anyMatch(l -> l.startsWith(Ipv4.toText(address) + ",,,600,") && l.endsWith(",1")),
                "declined lease: no client, probation lifetime, state 1\n" + leaseFile());
    }

    @Test
    void informIsAnsweredWithConfigurationAndNoLease() throws Exception {
        Message4 ack = relay.exchange(Relay4Client.message(MessageType4.INFORM, Relay4Client.mac(7)).ciaddr(Ipv4.parse("192.0.2.20")));
        assertEquals(MessageType4.ACK, ack.messageType());
        assertEquals(0, ack.yiaddr());
        assertNull(ack.options().get(OptionCode4.LEASE_TIME));
        assertArrayEquals(Ipv4.toBytes(Ipv4.parse("192.0.2.1")), ack.options().get(OptionCode4.ROUTERS));
        assertFalse(leaseFile().contains("192.0.2.20"));
    }

    @Test
    void theHostNameIsReturnedWhenAskedForAndKnown() throws Exception {
        Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(10))
                .option(OptionCode4.HOST_NAME, "printer7".getBytes()));
        assertArrayEquals("printer7".getBytes(), offer.options().get(OptionCode4.HOST_NAME));
        Message4 unasked = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(11))
                .option(OptionCode4.HOST_NAME, "scanner".getBytes())
                .option(OptionCode4.PARAMETER_REQUEST_LIST, new byte[] {1, 3}));
        assertNull(unasked.options().get(OptionCode4.HOST_NAME));
    }

    @Test
    void echoesTheClientIdentifierAndMatchesLeasesByIt() throws Exception {
        byte[] clientId = {1, 2, 0, 0x5e, 0, 0, 9};
        Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(8))
                .option(OptionCode4.CLIENT_ID, clientId));
        assertArrayEquals(clientId, offer.options().get(OptionCode4.CLIENT_ID));
    }
}
