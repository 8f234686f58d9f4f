package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client classes on the DHCPv4 packet path over real UDP on loopback: a class picks the subnet
 * and the pool, brings its options and boot fields, and the most specific scope's option wins.
 */
class Classes4ExchangeTest {
    static final String CONFIG = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "persist": false },
                "valid-lifetime": 4000,
                "client-classes": [
                  { "name": "pxe", "test": "substring(option[vendor-class-identifier].hex, 0, 9) == 'PXEClient'",
                    "next-server": "192.0.2.69", "server-hostname": "boot.example", "boot-file-name": "pxelinux.0",
                    "option-data": [ { "name": "domain-name", "data": "class.example" },
                                     { "name": "ntp-servers", "data": "203.0.113.42" },
                                     { "name": "time-servers", "data": "203.0.113.37" } ] },
                  { "name": "vip", "test": "substring(pkt4.mac, 0, 4) == 0x02005e77" },
                  { "name": "regular", "test": "not member('vip')" }
                ],
                "option-data": [
                  { "name": "domain-name", "data": "global.example" },
                  { "name": "ntp-servers", "data": "192.0.2.42" },
                  { "name": "time-servers", "data": "192.0.2.37" },
                  { "name": "log-servers", "data": "192.0.2.7" }
                ],
                "subnet4": [
                  { "id": 1, "subnet": "198.51.100.0/24", "client-class": "pxe",
                    "relay": { "ip-addresses": [ "127.0.0.2" ] },
                    "pools": [ { "pool": "198.51.100.10 - 198.51.100.20",
                                 "option-data": [ { "name": "domain-name", "data": "pool.example" } ] } ],
                    "option-data": [ { "name": "domain-name", "data": "subnet.example" },
                                     { "name": "ntp-servers", "data": "198.51.100.42" } ] },
                  { "id": 2, "subnet": "203.0.113.0/24", "comment": "the open subnet",
                    "relay": { "ip-addresses": [ "127.0.0.2" ] },
                    "pools": [ { "pool": "203.0.113.10 - 203.0.113.19", "client-class": "vip" },
                               { "pool": "203.0.113.100 - 203.0.113.199", "client-classes": [ "regular" ] } ] }
                ]
              }
            }
            """;
    static final byte[] PRL = {1, 3, 4, 6, 7, 15, 42};

    @TempDir
    Path dir;
    ServerNode node;
    Relay4Client relay;

    @BeforeEach
    void start() throws Exception {
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(CONFIG, dir), new Ports(port, FreePorts.udp()), null, null);
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    private Message4 offer(byte[] mac, String vendorClass) throws Exception {
        Message4.Builder discover = Relay4Client.message(MessageType4.DISCOVER, mac)
                .option(OptionCode4.PARAMETER_REQUEST_LIST, PRL);
        if (vendorClass != null) {
            discover.option(OptionCode4.VENDOR_CLASS_ID, vendorClass.getBytes(StandardCharsets.US_ASCII));
        }
        Message4 offer = relay.exchange(discover);
        assertEquals(MessageType4.OFFER, offer.messageType());
        return offer;
    }

    private static String text(Message4 m, int code) {
        byte[] value = m.options().get(code);
        return value == null ? null : new String(value, StandardCharsets.US_ASCII);
    }

    private static String address(Message4 m, int code) {
        byte[] value = m.options().get(code);
        return value == null ? null : Ipv4.toText(Ipv4.fromBytes(value, 0));
    }

    @Test
    void aClassPicksTheSubnetAndTheMostSpecificScopeWinsEachOption() throws Exception {
        Message4 pxe = offer(new byte[] {2, 0, 0x5e, 0x10, 0, 1}, "PXEClient:Arch:00000:UNDI:002001");
        assertTrue(Ipv4.toText(pxe.yiaddr()).startsWith("198.51.100."), "the pxe class's subnet: " + Ipv4.toText(pxe.yiaddr()));
        assertEquals("pool.example", text(pxe, OptionCode4.DOMAIN_NAME), "pool over subnet, class and global");
        assertEquals("198.51.100.42", address(pxe, 42), "subnet over class and global");
        assertEquals("203.0.113.37", address(pxe, 4), "class over global");
        assertEquals("192.0.2.7", address(pxe, 7), "global when nothing closer has it");
        assertEquals("192.0.2.69", Ipv4.toText(pxe.siaddr()), "the class's next-server");
        assertEquals("boot.example", cString(pxe.sname()));
        assertEquals("pxelinux.0", cString(pxe.file()));

        Message4 other = offer(new byte[] {2, 0, 0x5e, 0x10, 0, 2}, "MSFT 5.0");
        assertTrue(Ipv4.toText(other.yiaddr()).startsWith("203.0.113."), "not pxe: the open subnet " + Ipv4.toText(other.yiaddr()));
        assertEquals("global.example", text(other, OptionCode4.DOMAIN_NAME), "no class, subnet or pool sets it");
        assertEquals("192.0.2.37", address(other, 4));
        assertEquals(0, other.siaddr());
        assertEquals("", cString(other.file()));
    }

    @Test
    void classesPickThePoolWithinASubnet() throws Exception {
        for (int n = 0; n < 5; n++) {
            Message4 vip = offer(new byte[] {2, 0, 0x5e, 0x77, 0, (byte) n}, null);
            int last = vip.yiaddr() & 0xff;
            assertTrue(last >= 10 && last <= 19, "a vip client gets the vip pool: " + Ipv4.toText(vip.yiaddr()));
            Message4 regular = offer(new byte[] {2, 0, 0x5e, 0x10, 1, (byte) n}, null);
            last = regular.yiaddr() & 0xff;
            assertTrue(last >= 100 && last <= 199, "a regular client gets the other pool: " + Ipv4.toText(regular.yiaddr()));
        }
    }

    @Test
    void aClientNoSubnetAdmitsIsDropped() throws Exception {
        // the open subnet moves to another relay, so only the pxe subnet is on 127.0.0.2
        String config = CONFIG.replaceFirst("(\"the open subnet\",\\s*\"relay\": \\{ \"ip-addresses\": \\[ \")127.0.0.2", "$1127.0.0.9");
        assertTrue(config.contains("127.0.0.9"), config);
        relay.close();
        node.close();
        int port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(config, dir), new Ports(port, FreePorts.udp()), null, null);
        relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
        relay.send(Relay4Client.message(MessageType4.DISCOVER, new byte[] {2, 0, 0x5e, 0x10, 0, 3}));
        assertTrue(relay.silentFor(500), "only the pxe subnet is on this relay, and the client is not pxe");
        assertEquals(1, node.dhcp4().counters().get("pkt4-receive-drop"));
    }

    private static String cString(byte[] field) {
        int end = 0;
        while (end < field.length && field[end] != 0) {
            end++;
        }
        return new String(Arrays.copyOf(field, end), StandardCharsets.US_ASCII);
    }

    @Test
    void bootFieldsAreNulPadded() throws Exception {
        Message4 pxe = offer(new byte[] {2, 0, 0x5e, 0x10, 0, 9}, "PXEClient");
        assertEquals(64, pxe.sname().length);
        assertArrayEquals(new byte[64 - "boot.example".length()],
                Arrays.copyOfRange(pxe.sname(), "boot.example".length(), 64));
    }
}
