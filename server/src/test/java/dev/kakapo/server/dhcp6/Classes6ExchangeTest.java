package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client classes on the DHCPv6 packet path over real UDP on loopback: a vendor class picks the
 * subnet, and a class tested on the relay's interface-id brings its options.
 */
class Classes6ExchangeTest {
    static final String CONFIG = """
            {
              "Dhcp6": {
                "interfaces-config": { "interfaces": [ "lo/::1" ] },
                "lease-database": { "type": "memfile", "persist": false },
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "client-classes": [
                  { "name": "cable-modem", "test": "member('VENDOR_CLASS_docsis3.0')" },
                  { "name": "port-7", "test": "relay6[0].option[interface-id].hex == 'ge-0/0/7'",
                    "option-data": [ { "name": "dns-servers", "data": "2001:db8:53::7" } ] }
                ],
                "option-data": [ { "name": "dns-servers", "data": "2001:db8:53::1" } ],
                "subnet6": [
                  { "id": 1, "subnet": "2001:db8:1::/64", "client-class": "cable-modem",
                    "relay": { "ip-addresses": [ "2001:db8:1::1" ] },
                    "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ] },
                  { "id": 2, "subnet": "2001:db8:2::/64",
                    "relay": { "ip-addresses": [ "2001:db8:1::1" ] },
                    "pools": [ { "pool": "2001:db8:2::100 - 2001:db8:2::1ff" } ] }
                ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode node;
    int serverPort;

    @BeforeEach
    void start() throws Exception {
        serverPort = FreePorts.udp6();
        node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(CONFIG, dir), new Ports(serverPort, FreePorts.udp6()));
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    /** Option 16 with enterprise 4491 and one vendor class tuple. */
    private static Option6 vendorClass(String name) {
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[6 + text.length];
        data[2] = 0x11;
        data[3] = (byte) 0x8b;
        data[5] = (byte) text.length;
        System.arraycopy(text, 0, data, 6, text.length);
        return new Option6(OptionCode6.VENDOR_CLASS, data);
    }

    private Message6 advertise(Relay6Client relay, int client, Option6... more) throws Exception {
        Option6[] options = new Option6[more.length + 1];
        options[0] = Relay6Client.iaNa(1);
        System.arraycopy(more, 0, options, 1, more.length);
        Message6 advertise = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, client, options)).message();
        assertEquals(MessageType6.ADVERTISE.code(), advertise.typeCode());
        return advertise;
    }

    private static String dns(Message6 m) {
        return Ipv6Address.fromBytes(m.options().first(OptionCode6.DNS_SERVERS), 0).toString();
    }

    @Test
    void aVendorClassPicksTheSubnet() throws Exception {
        try (Relay6Client relay = new Relay6Client(serverPort, "2001:db8:1::1", "ge-0/0/1".getBytes(StandardCharsets.US_ASCII))) {
            Message6 modem = advertise(relay, 1, vendorClass("docsis3.0"));
            assertTrue(Dhcp6ExchangeTest.address(Dhcp6ExchangeTest.iaNa(modem)).toString().startsWith("2001:db8:1::"),
                    "a cable modem gets the cable-modem subnet");
            Message6 host = advertise(relay, 2, vendorClass("MSFT 5.0"));
            assertTrue(Dhcp6ExchangeTest.address(Dhcp6ExchangeTest.iaNa(host)).toString().startsWith("2001:db8:2::"),
                    "another client gets the open subnet");
            assertEquals("2001:db8:53::1", dns(host), "the global option: port-7 does not match ge-0/0/1");
        }
    }

    @Test
    void aClassOnTheRelaysInterfaceIdBringsItsOptions() throws Exception {
        try (Relay6Client relay = new Relay6Client(serverPort, "2001:db8:1::1")) { // interface-id ge-0/0/7
            Message6 host = advertise(relay, 3);
            assertEquals("2001:db8:53::7", dns(host), "the class's option over the global one");
        }
    }
}
