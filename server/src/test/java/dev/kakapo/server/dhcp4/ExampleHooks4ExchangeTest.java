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
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example hook libraries, from the jars their Maven modules build, in a server over real UDP
 * on loopback: user-check puts listed clients in KNOWN_USER, whose subnet then serves them;
 * lease-events writes a line per lease event.
 */
class ExampleHooks4ExchangeTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "hooks").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void knownClientsGetTheirSubnetAndLeaseEventsAreWritten() throws Exception {
        Files.writeString(dir.resolve("users.txt"), "02:00:5e:55:00:01\n");
        Path events = dir.resolve("events.log");
        String config = """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "valid-lifetime": 4000,
                    "client-classes": [ { "name": "KNOWN_USER" } ],
                    "subnet4": [
                      { "id": 1, "subnet": "198.51.100.0/24", "client-class": "KNOWN_USER",
                        "relay": { "ip-addresses": [ "127.0.0.2" ] }, "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ] },
                      { "id": 2, "subnet": "192.0.2.0/24",
                        "relay": { "ip-addresses": [ "127.0.0.2" ] }, "pools": [ { "pool": "192.0.2.10 - 192.0.2.200" } ] }
                    ],
                    "hooks-libraries": [
                      { "library": "%s", "parameters": { "user-file": "users.txt" } },
                      { "library": "%s", "parameters": { "file": "events.log" } }
                    ]
                } }
                """.formatted(EXAMPLES.resolve("user-check/target/kakapo-user-check.jar"),
                EXAMPLES.resolve("lease-events/target/kakapo-lease-events.jar"));
        int port = FreePorts.udp();
        byte[] known = {2, 0, 0x5e, 0x55, 0, 1};
        byte[] stranger = {2, 0, 0x5e, 0x55, 0, 2};
        try (ServerNode node = ServerNode.start(Dhcp4ConfigParser.parse(config, dir), new Ports(port, FreePorts.udp()), null, null);
             Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port)) {
            Message4 ack = relay.dora(known);
            assertTrue(Ipv4.toText(ack.yiaddr()).startsWith("198.51.100."), "a known user's subnet: " + Ipv4.toText(ack.yiaddr()));
            Message4 other = relay.dora(stranger);
            assertTrue(Ipv4.toText(other.yiaddr()).startsWith("192.0.2."), "others: the open subnet");
            relay.send(Relay4Client.message(MessageType4.RELEASE, known).ciaddr(ack.yiaddr())
                    .option(OptionCode4.SERVER_ID, ack.options().get(OptionCode4.SERVER_ID)));
            relay.silentFor(500);
        }
        List<String> lines = Files.readAllLines(events);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\S+Z select address=" + Ipv4.toText(ack(lines, 0)) + " client=hw:02005e550001 subnet=1 valid=4000"),
                lines.get(0));
        assertTrue(lines.get(1).contains(" select ") && lines.get(1).contains("client=hw:02005e550002 subnet=2"), lines.get(1));
        assertTrue(lines.get(2).contains(" release ") && lines.get(2).contains("client=hw:02005e550001"), lines.get(2));
    }

    /** The address a line names. */
    private static int ack(List<String> lines, int i) {
        String line = lines.get(i);
        int at = line.indexOf("address=") + "address=".length();
        return Ipv4.parse(line.substring(at, line.indexOf(' ', at)));
    }
}
