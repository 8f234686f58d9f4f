package dev.kakapo.server.dhcp4o6;

import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.config.Dhcp6ConfigParser;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A DHCPv6 node and a DHCPv4 node, as {@code kakapo dhcp6} and {@code kakapo dhcp4} would run:
 * the queries cross the UDP channel on ::1 between them.
 */
class Dhcp4o6ChannelTest extends Dhcp4o6ExchangeTest {
    ServerNode dhcp4Node;
    ServerNode dhcp6Node;

    @BeforeEach
    void start() throws Exception {
        serverPort = FreePorts.udp6();
        clientPort = FreePorts.udp6();
        String json = config(channelPort());
        dhcp4Node = ServerNode.start(Dhcp4ConfigParser.parse(json, dir), new Ports(FreePorts.udp(), FreePorts.udp()), null, null);
        dhcp6Node = ServerNode.start(null, null, Dhcp6ConfigParser.parse(json, dir), new Ports(serverPort, clientPort));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            dhcp6Node.close();
        } finally {
            dhcp4Node.close();
        }
    }

    @Override
    PacketCounters dhcp6Counters() {
        return dhcp6Node.dhcp6().counters();
    }

    @Override
    PacketCounters dhcp4Counters() {
        return dhcp4Node.dhcp4().counters();
    }
}
