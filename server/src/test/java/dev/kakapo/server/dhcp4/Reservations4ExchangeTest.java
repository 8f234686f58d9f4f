package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DHCPv4 host reservations over real UDP on loopback: each identifier finds its host, the host's
 * fields and options reach the reply, a reserved address goes to nobody else, and a client
 * holding an address reserved for another is moved off it so the owner gets it.
 */
class Reservations4ExchangeTest {
    static final byte[] OWNER = {2, 0, 0x5e, 0x10, 0, 1};
    static final String CONFIG = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                "valid-lifetime": 4000,
                "client-classes": [ { "name": "vip", "option-data": [ { "name": "time-servers", "data": "192.0.2.37" } ] },
                                    { "name": "known-only", "test": "member('KNOWN')",
                                      "option-data": [ { "name": "log-servers", "data": "192.0.2.7" } ] } ],
                "option-data": [ { "name": "domain-name", "data": "global.example" } ],
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.110" } ],
                  "reservations": [
                    { "hw-address": "02:00:5e:10:00:01", "ip-address": "192.0.2.105", "hostname": "printer",
                      "next-server": "192.0.2.9", "server-hostname": "tftp.example", "boot-file-name": "printer.cfg",
                      "option-data": [ { "name": "domain-name", "data": "host.example" } ], "client-classes": [ "vip" ] },
                    { "client-id": "01:02:00:5e:10:00:02", "ip-address": "192.0.2.50" },
                    { "circuit-id": "'ge-0/0/3'", "hostname": "port-three" }
                  ]
                } ]
              }
            }
            """;
    static final byte[] PRL = {1, 3, 4, 6, 7, 12, 15};

    @TempDir
    Path dir;
    ServerNode node;
    Relay4Client relay;
    int port;

    private void start(String config) throws Exception {
        port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(config, dir), new Ports(port, FreePorts.udp()), null, null);
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

    private Message4 dora(Message4.Builder discover, byte[] mac) throws Exception {
        return relay.dora(discover, mac, PRL);
    }

    private static String text(Message4 m, int code) {
        byte[] v = m.options().get(code);
        return v == null ? null : new String(v, StandardCharsets.US_ASCII);
    }

    @Test
    void aReservationByHardwareAddressGivesItsAddressFieldsOptionsAndClasses() throws Exception {
        start(CONFIG);
        Message4 ack = dora(Relay4Client.message(MessageType4.DISCOVER, OWNER).option(OptionCode4.PARAMETER_REQUEST_LIST, PRL), OWNER);
        assertEquals("192.0.2.105", Ipv4.toText(ack.yiaddr()));
        assertEquals("printer", text(ack, OptionCode4.HOST_NAME));
        assertEquals("host.example", text(ack, OptionCode4.DOMAIN_NAME), "the host scope over global");
        assertEquals("192.0.2.9", Ipv4.toText(ack.siaddr()));
        assertTrue(new String(ack.file(), StandardCharsets.US_ASCII).startsWith("printer.cfg"));
        assertTrue(new String(ack.sname(), StandardCharsets.US_ASCII).startsWith("tftp.example"));
        assertEquals("192.0.2.37", Ipv4.toText(Ipv4.fromBytes(ack.options().get(4), 0)), "the reservation's class vip");
    }

    @Test
    void aReservationByClientIdMayLieOutsideThePools() throws Exception {
        start(CONFIG);
        byte[] mac = {2, 0, 0x5e, 0x10, 0, 2};
        Message4 ack = dora(Relay4Client.message(MessageType4.DISCOVER, mac)
                .option(OptionCode4.CLIENT_ID, new byte[] {1, 2, 0, 0x5e, 0x10, 0, 2}), mac);
        assertEquals("192.0.2.50", Ipv4.toText(ack.yiaddr()));
    }

    @Test
    void aReservationByCircuitIdNamesTheHostAndMakesItKnown() throws Exception {
        start(CONFIG);
        byte[] mac = {2, 0, 0x5e, 0x10, 0, 3};
        byte[] agent = {1, 8, 'g', 'e', '-', '0', '/', '0', '/', '3'};
        Message4 ack = dora(Relay4Client.message(MessageType4.DISCOVER, mac).option(OptionCode4.PARAMETER_REQUEST_LIST, PRL)
                .option(OptionCode4.RELAY_AGENT_INFO, agent), mac);
        assertEquals("port-three", text(ack, OptionCode4.HOST_NAME));
        assertEquals("192.0.2.7", Ipv4.toText(Ipv4.fromBytes(ack.options().get(7), 0)), "member('KNOWN') holds");

        Message4 stranger = dora(Relay4Client.message(MessageType4.DISCOVER, new byte[] {2, 0, 0x5e, 0x10, 0, 4})
                .option(OptionCode4.PARAMETER_REQUEST_LIST, PRL), new byte[] {2, 0, 0x5e, 0x10, 0, 4});
        assertEquals(null, stranger.options().get(7), "a client without a reservation is UNKNOWN");
    }

    @Test
    void aReservedAddressGoesToNobodyElse() throws Exception {
        start(CONFIG);
        Set<String> given = new HashSet<>();
        for (int n = 10; n < 20; n++) {
            byte[] mac = {2, 0, 0x5e, 0x11, 0, (byte) n};
            // every client asks for the reserved address: the hint must not win it
            Message4 ack = dora(Relay4Client.message(MessageType4.DISCOVER, mac)
                    .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(Ipv4.parse("192.0.2.105"))), mac);
            given.add(Ipv4.toText(ack.yiaddr()));
        }
        assertEquals(10, given.size());
        assertTrue(!given.contains("192.0.2.105"), given.toString());
        relay.send(Relay4Client.message(MessageType4.DISCOVER, new byte[] {2, 0, 0x5e, 0x11, 0, 99}));
        assertTrue(relay.silentFor(500), "ten pool addresses besides the reserved one, all taken: no offer");
    }

    @Test
    void theHolderOfAnAddressReservedForAnotherIsMovedOffAndTheOwnerGetsIt() throws Exception {
        String unreserved = CONFIG.replace("\"hw-address\": \"02:00:5e:10:00:01\", \"ip-address\": \"192.0.2.105\",",
                "\"hw-address\": \"02:00:5e:10:00:01\",");
        assertNotEquals(CONFIG, unreserved);
        start(unreserved);
        byte[] holder = {2, 0, 0x5e, 0x12, 0, 1};
        Message4 held = dora(Relay4Client.message(MessageType4.DISCOVER, holder)
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(Ipv4.parse("192.0.2.105"))), holder);
        assertEquals("192.0.2.105", Ipv4.toText(held.yiaddr()));
        stop();

        start(CONFIG); // the reservation for 192.0.2.105 arrives; the lease file keeps the holder's lease
        Message4 renew = relay.exchange(Relay4Client.message(MessageType4.REQUEST, holder).ciaddr(held.yiaddr()));
        assertEquals(MessageType4.NAK, renew.messageType(), "the holder is moved off the reserved address");
        Message4 owner = dora(Relay4Client.message(MessageType4.DISCOVER, OWNER), OWNER);
        assertEquals("192.0.2.105", Ipv4.toText(owner.yiaddr()), "and the owner gets it");
        Message4 again = dora(Relay4Client.message(MessageType4.DISCOVER, holder), holder);
        assertNotEquals("192.0.2.105", Ipv4.toText(again.yiaddr()));
    }
}
