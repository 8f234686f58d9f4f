package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.metrics.PrometheusMetrics;
import dev.kakapo.server.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool starvation attack over real UDP: 20 clients hold leases in a pool of 50, then an
 * attacker behind the same relay asks for addresses from thousands of random MACs. The attacker
 * gets the rest of the pool and nothing more; the clients keep exactly their addresses; a new
 * client is refused only because the pool is full; and the metrics show it.
 */
class StarvationAttackTest {
    static final String CONFIG = """
            {
              %s
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "persist": false },
                "valid-lifetime": 4000,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                               "pools": [ { "pool": "192.0.2.100 - 192.0.2.149" } ] } ]
              }
            }
            """;
    static final int POOL_SIZE = 50;
    static final int ATTACKER_MACS = 3000;

    @TempDir
    Path dir;
    ServerNode node;
    Dhcp4Server server;
    Relay4Client relay;

    void start(String kakapo) throws Exception {
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(CONFIG.formatted(kakapo), dir), new Ports(port, FreePorts.udp()), null, null);
        server = node.dhcp4();
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theAttackerTakesTheFreeAddressesButNoClientLosesItsOwn() throws Exception {
        start("");
        Map<Integer, Integer> held = new HashMap<>();
        for (int n = 1; n <= 20; n++) {
            held.put(n, relay.dora(Relay4Client.mac(n)).yiaddr());
        }

        // the attack: a DISCOVER from each random MAC, then a REQUEST for every offer made
        Random random = new Random(0xA77AC4);
        Map<Integer, byte[]> macOfXid = new HashMap<>();
        for (int i = 0; i < ATTACKER_MACS; i++) {
            byte[] mac = new byte[6];
            random.nextBytes(mac);
            mac[0] = (byte) ((mac[0] & 0xfc) | 0x02); // locally administered, unicast
            Message4 discover = Relay4Client.message(MessageType4.DISCOVER, mac).giaddr(relay.giaddr).build();
            macOfXid.put(discover.xid(), mac);
            relay.sendRaw(discover.encode());
        }
        List<Message4> offers = repliesUntilSilent(macOfXid.keySet());
        Set<Integer> attackerAddresses = new HashSet<>();
        Set<Integer> requestXids = new HashSet<>();
        for (Message4 offer : offers) {
            assertTrue(!held.containsValue(offer.yiaddr()), "never offered an address a client holds: " + Ipv4.toText(offer.yiaddr()));
            Message4 request = Relay4Client.message(MessageType4.REQUEST, macOfXid.get(offer.xid())).giaddr(relay.giaddr)
                    .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                    .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID)).build();
            requestXids.add(request.xid());
            relay.sendRaw(request.encode());
        }
        for (Message4 ack : repliesUntilSilent(requestXids)) {
            assertEquals(MessageType4.ACK, ack.messageType());
            attackerAddresses.add(ack.yiaddr());
        }
        assertEquals(POOL_SIZE - held.size(), attackerAddresses.size(), "the attacker got what was free, and only that");
        assertEquals(POOL_SIZE, server.subnetStatistics().current().get("subnet[1].assigned-addresses"), "the pool is full");

        // the clients renew, rebind and start over, and keep exactly their addresses
        for (Map.Entry<Integer, Integer> client : held.entrySet()) {
            byte[] mac = Relay4Client.mac(client.getKey());
            int address = client.getValue();
            Message4 renewed = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac).ciaddr(address));
            assertEquals(MessageType4.ACK, renewed.messageType());
            assertEquals(address, renewed.yiaddr());
            Message4 rebound = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac).ciaddr(address).flags(0x8000));
            assertEquals(address, rebound.yiaddr());
            assertEquals(address, relay.dora(mac).yiaddr(), "a new DORA gives the same address back");
        }

        // a new client: no address, because the pool is full, and no address someone holds
        long refusedBefore = server.counters().get("pkt4-receive-drop[no-address-available]");
        relay.send(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(99)));
        assertTrue(relay.silentFor(500), "no offer from a full pool");
        assertEquals(refusedBefore + 1, server.counters().get("pkt4-receive-drop[no-address-available]"));
        // as if it had been offered a held address: REQUEST it from this server
        Message4 nak = relay.exchange(Relay4Client.message(MessageType4.REQUEST, Relay4Client.mac(99))
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(held.get(1)))
                .option(OptionCode4.SERVER_ID, Ipv4.toBytes(Ipv4.parse("127.0.0.1"))));
        assertEquals(MessageType4.NAK, nak.messageType(), "asking for a held address is refused");

        // the attack as the metrics show it
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            metrics.bindPacketCounters("4", server.counters());
            metrics.bindSubnets("4", server.subnetStatistics());
            String scraped = metrics.scrape();
            assertTrue(scraped.contains("kakapo_dhcp4_addresses_assigned{subnet=\"1\"} 50.0"), scraped);
            assertTrue(scraped.contains("kakapo_dhcp4_pool_addresses{subnet=\"1\"} 50.0"), scraped);
            assertTrue(scraped.contains("kakapo_dhcp4_packets_dropped_total{reason=\"no-address-available\"} "
                    + (ATTACKER_MACS - offers.size() + 1) + ".0"), scraped);
        }
    }

    @Test
    void withPerClientLimitsASingleMacFloodIsThrottled() throws Exception {
        start("\"Kakapo\": { \"rate-limits\": { \"per-client\": \"10 packets per minute\" } },");
        byte[] flooder = Relay4Client.mac(500);
        Set<Integer> xids = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Message4 discover = Relay4Client.message(MessageType4.DISCOVER, flooder).giaddr(relay.giaddr).build();
            xids.add(discover.xid());
            relay.sendRaw(discover.encode());
        }
        assertEquals(10, repliesUntilSilent(xids).size());
        assertEquals(490, server.counters().get("pkt4-receive-drop[rate-limit-client]"));
        assertEquals(MessageType4.ACK, relay.dora(Relay4Client.mac(501)).messageType(), "other clients are served");
        assertEquals(1, server.subnetStatistics().current().get("subnet[1].assigned-addresses"),
                "the flooder's offers are not leases: one address assigned");
    }

    /** The replies answering {@code xids} that arrive before the relay is silent for a second. */
    private List<Message4> repliesUntilSilent(Set<Integer> xids) throws Exception {
        List<Message4> out = new ArrayList<>();
        relay.socket.setSoTimeout(1000);
        try {
            byte[] buf = new byte[2048];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                relay.socket.receive(p);
                Message4 reply = Message4.decode(buf, 0, p.getLength());
                if (xids.contains(reply.xid())) {
                    out.add(reply);
                }
            }
        } catch (SocketTimeoutException silent) {
            return out;
        } finally {
            relay.socket.setSoTimeout(5000);
        }
    }
}
