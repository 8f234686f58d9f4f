package dev.kakapo.server.dhcp6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running DHCPv6 server takes on a new configuration: new options at once, the same leases, restart-only keys refused. */
class Reconfigure6Test {
    /** {@code dns-servers} is {@code %1$s}; the lease file {@code %2$s}. */
    static final String TEMPLATE = """
            {
              "Dhcp6": {
                "interfaces-config": { "interfaces": [ "lo/::1" ] },
                "lease-database": { "type": "memfile", "name": "%2$s", "lfc-interval": 0 },
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "option-data": [ { "name": "dns-servers", "data": "%1$s" } ],
                "subnet6": [ {
                  "id": 1, "subnet": "2001:db8:1::/64",
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ]
                } ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode node;
    Relay6Client relay;

    private KeaConfig config(String dns, String leaseFile) throws ConfigException {
        return KeaConfig.parse(String.format(TEMPLATE, dns, leaseFile), dir, KeaConfig.Families.DHCP6);
    }

    @BeforeEach
    void start() throws Exception {
        int serverPort = FreePorts.udp6();
        node = ServerNode.start(null, null, config("2001:db8::53", "leases6.csv").dhcp6(), new Ports(serverPort, FreePorts.udp6()));
        relay = new Relay6Client(serverPort, "2001:db8:1::1");
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        node.close();
    }

    /** SOLICIT, ADVERTISE, REQUEST, REPLY for client {@code n}; returns the REPLY. */
    private Message6 sarr(int n) throws Exception {
        Message6 advertise = relay.exchange(Relay6Client.message(MessageType6.SOLICIT, n, Relay6Client.iaNa(1))).message();
        Message6 request = Relay6Client.message(MessageType6.REQUEST, n,
                Relay6Client.iaNa(1, Relay6Client.iaAddress(Dhcp6ExchangeTest.address(Dhcp6ExchangeTest.iaNa(advertise)))));
        List<Option6> all = new ArrayList<>(request.options().all());
        all.add(new Option6(OptionCode6.SERVERID, advertise.options().first(OptionCode6.SERVERID)));
        Message6 reply = relay.exchange(Message6.of(request.typeCode(), request.transactionId(),
                dev.kakapo.protocol.v6.Options6.of(all))).message();
        assertEquals(MessageType6.REPLY, reply.type());
        return reply;
    }

    private static byte[] dns(String address) {
        return Ipv6Address.parse(address).toBytes();
    }

    @Test
    void newOptionsAtOnceAndLeasesKept() throws Exception {
        Message6 first = sarr(1);
        assertArrayEquals(dns("2001:db8::53"), first.options().first(OptionCode6.DNS_SERVERS));
        Ipv6Address leased = Dhcp6ExchangeTest.address(Dhcp6ExchangeTest.iaNa(first));

        node.reconfigure(config("2001:db8::54", "leases6.csv"));
        Message6 again = sarr(1);
        assertArrayEquals(dns("2001:db8::54"), again.options().first(OptionCode6.DNS_SERVERS));
        assertEquals(leased, Dhcp6ExchangeTest.address(Dhcp6ExchangeTest.iaNa(again)));
        assertArrayEquals(node.dhcp6().serverDuid().bytes(), again.options().first(OptionCode6.SERVERID));
    }

    @Test
    void restartOnlyKeysAreRefusedAndTheRunningConfigurationKept() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> node.reconfigure(config("2001:db8::55", "other6.csv")));
        assertEquals("Dhcp6/lease-database", e.path());
        assertTrue(e.getMessage().contains("restart"), e.getMessage());
        ConfigException v4 = assertThrows(ConfigException.class, () -> node.reconfigure(KeaConfig.parse(
                "{\"Dhcp4\": {\"subnet4\": []}, " + String.format(TEMPLATE, "2001:db8::55", "leases6.csv").strip().substring(1),
                dir)));
        assertEquals("Dhcp4", v4.path());
        assertArrayEquals(dns("2001:db8::53"), sarr(2).options().first(OptionCode6.DNS_SERVERS));
    }
}
