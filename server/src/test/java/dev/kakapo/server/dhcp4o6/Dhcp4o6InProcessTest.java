package dev.kakapo.server.dhcp4o6;

import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** One node serving both families: the DHCPv6 side hands the queries to the DHCPv4 side in the process. */
class Dhcp4o6InProcessTest extends Dhcp4o6ExchangeTest {
    ServerNode node;

    @BeforeEach
    void start() throws Exception {
        serverPort = FreePorts.udp6();
        clientPort = FreePorts.udp6();
        String json = config(channelPort());
        node = ServerNode.start(Dhcp4ConfigParser.parse(json, dir), new Ports(FreePorts.udp(), FreePorts.udp()),
                Dhcp6ConfigParser.parse(json, dir), new Ports(serverPort, clientPort));
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Override
    PacketCounters dhcp6Counters() {
        return node.dhcp6().counters();
    }

    @Override
    PacketCounters dhcp4Counters() {
        return node.dhcp4().counters();
    }
}
