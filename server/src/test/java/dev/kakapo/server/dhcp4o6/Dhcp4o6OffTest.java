package dev.kakapo.server.dhcp4o6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v6.Dhcp4o6Message;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DHCPv6 server without dhcp4o6-port counts DHCPV4-QUERY messages and drops them. */
class Dhcp4o6OffTest {
    @TempDir
    Path dir;

    @Test
    void queriesAreCountedAndDropped() throws Exception {
        int serverPort = FreePorts.udp6();
        int clientPort = FreePorts.udp6();
        String json = """
                { "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "lo/::1" ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::/80" } ] } ]
                } }
                """;
        try (ServerNode node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(json, dir), new Ports(serverPort, clientPort));
             Dhcp4o6Client client = Dhcp4o6Client.direct(serverPort, clientPort)) {
            client.sendRaw(Dhcp4o6Message.query(0, Dhcp4o6Client.message(MessageType4.DISCOVER, Dhcp4o6Client.mac(1)).build())
                    .toMessage6().encode());
            PacketCounters counters = node.dhcp6().counters();
            Dhcp4o6ExchangeTest.awaitCount(counters, "pkt6-receive-drop[dhcp4o6-disabled]", 1);
            assertTrue(client.silentFor(300));
            assertEquals(1, counters.get("pkt6-dhcpv4-query-received"));
            assertEquals(0, counters.get("pkt6-sent"));
        }
    }
}
