package dev.kakapo.server.dhcp4o6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.RelayMessage6;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.testing.FreePorts;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DHCPv4 carried in DHCPv6 over real UDP on loopback: full DORAs from a client on the link and
 * from one behind a relay, each placed by a 4o6 key of its own subnet. The subclasses run the two
 * servers in one node or in two connected by the ::1 channel.
 */
abstract class Dhcp4o6ExchangeTest {
    /** The relay's interface-id, which subnet 1 is keyed by. */
    static final String RELAY_INTERFACE_ID = "ge-0/0/7";

    /** Both sections, with {@code dhcp4o6-port} {@code port}. */
    static String config(int port) {
        return """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                    "valid-lifetime": 4000, "dhcp4o6-port": %1$d,
                    "subnet4": [ {
                      // an ordinary subnet: never one for DHCPv4-over-DHCPv6 clients
                      "id": 9, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ]
                    }, {
                      "id": 1, "subnet": "192.0.2.0/24", "4o6-interface-id": "%2$s",
                      "pools": [ { "pool": "192.0.2.100 - 192.0.2.200" } ]
                    }, {
                      "id": 2, "subnet": "203.0.113.0/24", "4o6-interface": "lo",
                      "pools": [ { "pool": "203.0.113.100 - 203.0.113.200" } ],
                      "option-data": [ { "name": "routers", "data": "203.0.113.1" } ]
                    } ]
                  },
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                    "dhcp4o6-port": %1$d,
                    "option-data": [ { "name": "dhcp4o6-server-addr", "data": "::1" } ],
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::/80" } ] } ]
                  }
                }
                """.formatted(port, RELAY_INTERFACE_ID);
    }

    @TempDir
    Path dir;
    int serverPort;
    int clientPort;

    /** The DHCPv6 side's counters. */
    abstract PacketCounters dhcp6Counters();

    /** The DHCPv4 side's counters. */
    abstract PacketCounters dhcp4Counters();

    @Test
    void directClientGetsAnAddressOfTheSubnetKeyedByItsInterface() throws Exception {
        try (Dhcp4o6Client client = Dhcp4o6Client.direct(serverPort, clientPort)) {
            byte[] mac = Dhcp4o6Client.mac(1);
            Message4 offer = client.exchange(0x000001, Dhcp4o6Client.message(MessageType4.DISCOVER, mac));
            assertEquals(MessageType4.OFFER, offer.messageType());
            assertTrue(client.lastResponse.relays().isEmpty());
            assertInPool(offer.yiaddr(), "203.0.113.100", "203.0.113.200");
            assertArrayEquals(Ipv4.toBytes(Ipv4.parse("203.0.113.1")), offer.options().get(OptionCode4.ROUTERS));
            assertArrayEquals(Ipv4.toBytes(Ipv4.parse("127.0.0.1")), offer.options().get(OptionCode4.SERVER_ID));

            Message4 ack = client.exchange(Dhcp4o6Client.UNICAST, Dhcp4o6Client.message(MessageType4.REQUEST, mac)
                    .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                    .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID)));
            assertEquals(MessageType4.ACK, ack.messageType());
            assertEquals(offer.yiaddr(), ack.yiaddr());
            assertTrue(Files.readString(dir.resolve("leases4.csv")).contains(Ipv4.toText(ack.yiaddr()) + ",02:00:5e:46:00:01,"));
        }
        assertEquals(2, dhcp6Counters().get("pkt6-dhcpv4-query-received"));
        assertEquals(2, dhcp6Counters().get("pkt6-dhcpv4-response-sent"));
        assertEquals(2, dhcp6Counters().get("pkt6-sent"));
        assertEquals(1, dhcp4Counters().get("pkt4-offer-sent"));
        assertEquals(1, dhcp4Counters().get("pkt4-ack-sent"));
    }

    @Test
    void relayedClientIsAnsweredThroughItsRelay() throws Exception {
        try (Dhcp4o6Client client = Dhcp4o6Client.relayed(serverPort, RELAY_INTERFACE_ID)) {
            Message4 ack = client.dora(Dhcp4o6Client.mac(2));
            assertEquals(MessageType4.ACK, ack.messageType());
            assertInPool(ack.yiaddr(), "192.0.2.100", "192.0.2.200");
            List<RelayMessage6> relays = client.lastResponse.relays();
            assertEquals(1, relays.size());
            assertEquals(MessageType6.RELAY_REPL, relays.get(0).type());
            assertArrayEquals(RELAY_INTERFACE_ID.getBytes(), relays.get(0).interfaceId(), "interface-id echoed");
        }
        assertEquals(2, dhcp6Counters().get("pkt6-dhcpv4-response-sent"));
    }

    @Test
    void aQueryWhoseOption87HoldsNoDhcpv4MessageIsCountedAndDropped() throws Exception {
        try (Dhcp4o6Client client = Dhcp4o6Client.direct(serverPort, clientPort)) {
            client.sendRaw(client.framed(Message6.of(MessageType6.DHCPV4_QUERY.code(), 0, Options6.of(List.of(
                    new Option6(OptionCode6.DHCPV4_MSG, new byte[] {1, 1, 6, 0, 1, 2, 3}))))));
            awaitCount(dhcp4Counters(), "pkt4-parse-failed", 1);
            assertTrue(client.silentFor(300));
            // the client's next query is served as usual
            assertEquals(MessageType4.ACK, client.dora(Dhcp4o6Client.mac(3)).messageType());
        }
        assertEquals(3, dhcp6Counters().get("pkt6-dhcpv4-query-received"));
        assertEquals(1, dhcp4Counters().get("pkt4-parse-failed[dhcp4o6-truncated]"));
    }

    @Test
    void aQueryWithoutOption87NeverReachesTheDhcpv4Side() throws Exception {
        try (Dhcp4o6Client client = Dhcp4o6Client.direct(serverPort, clientPort)) {
            client.sendRaw(Message6.of(MessageType6.DHCPV4_QUERY.code(), 0, Options6.none()).encode());
            awaitCount(dhcp6Counters(), "pkt6-receive-drop[no-single-dhcpv4-msg]", 1);
            assertTrue(client.silentFor(300));
        }
        assertEquals(0, dhcp4Counters().get("pkt4-received"));
    }

    /** A port P for the channel: P and P + 1 both free on ::1. */
    static int channelPort() throws Exception {
        while (true) {
            int port = FreePorts.udp6();
            if (port < 65535) {
                try (DatagramSocket next = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), port + 1))) {
                    return port;
                } catch (SocketException taken) {
                    // try another
                }
            }
        }
    }

    static void assertInPool(int address, String first, String last) {
        assertTrue(Ipv4.compare(address, Ipv4.parse(first)) >= 0 && Ipv4.compare(address, Ipv4.parse(last)) <= 0,
                Ipv4.toText(address) + " is not in " + first + " - " + last);
    }

    /** Waits (up to five seconds) for a counter the other side keeps to reach {@code expected}. */
    static void awaitCount(PacketCounters counters, String name, long expected) throws InterruptedException {
        for (int i = 0; i < 500 && counters.get(name) < expected; i++) {
            Thread.sleep(10);
        }
        assertEquals(expected, counters.get(name), name);
    }
}
