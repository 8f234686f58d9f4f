package dev.kakapo.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.Ports;
import dev.kakapo.server.config.KeaConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kakapo perf} against a real Kakapo server on loopback, for a few seconds per family: the
 * counts add up (every request sent was answered or dropped) and the leases are in the lease files.
 */
class PerfLoopbackTest {
    static final String CONFIG = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "name": "leases4.csv", "lfc-interval": 0 },
                "valid-lifetime": 4000,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                               "pools": [ { "pool": "192.0.2.10 - 192.0.2.250" } ] } ]
              },
              "Dhcp6": {
                "interfaces-config": { "interfaces": [ "lo/::1" ] },
                "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "relay": { "ip-addresses": [ "::1" ] }, "rapid-commit": true,
                               "pools": [ { "pool": "2001:db8:1::/80" } ],
                               "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 64 } ] } ]
              }
            }
            """;

    @TempDir
    Path dir;
    ServerNode server;
    int port;

    static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void start() throws Exception {
        KeaConfig c = KeaConfig.parse(CONFIG, dir);
        port = freeUdpPort();
        server = ServerNode.start(c.dhcp4(), new Ports(port, freeUdpPort()), c.dhcp6(), new Ports(port, freeUdpPort()));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** Runs the generator; a generous drop time (-d 5) keeps a slow first second on a busy machine from counting as loss. */
    private JsonNode perf(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Perf.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, "exit status; stdout:\n" + text + "\nstderr:\n" + err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(text);
    }

    private static void countsAddUp(JsonNode report, String... exchanges) {
        assertEquals(exchanges.length, report.get("exchanges").size(), report.toPrettyString());
        for (int i = 0; i < exchanges.length; i++) {
            JsonNode x = report.get("exchanges").get(i);
            assertEquals(exchanges[i], x.get("name").asText());
            assertTrue(x.get("received").asLong() > 0, x.toString());
            assertEquals(x.get("sent").asLong(), x.get("received").asLong() + x.get("drops").asLong(), "sent = received + drops: " + x);
        }
    }

    @Test
    void doraAgainstKakapo() throws Exception {
        String p = Integer.toString(port);
        JsonNode r = perf("-4", "-d", "5", "-l", "127.0.0.2", "-L", p, "-N", p, "-R", "200", "-n", "400", "-r", "400", "--json", "127.0.0.1");
        countsAddUp(r, "DISCOVER-OFFER", "REQUEST-ACK");
        assertEquals(400, r.get("exchanges").get(0).get("sent").asLong());
        assertEquals("Reached max requests limit.", r.get("stop_reason").asText());
        long leases = Files.readAllLines(dir.resolve("leases4.csv")).stream().skip(1).map(l -> l.split(",")[0]).distinct().count();
        assertTrue(leases > 100 && leases <= 200, "up to 200 clients hold leases: " + leases);
    }

    @Test
    void sarrWithRenewsAndReleasesAgainstKakapo() throws Exception {
        String p = Integer.toString(port);
        JsonNode r = perf("-6", "-d", "5", "-A", "1", "-l", "::1", "-L", Integer.toString(freeUdpPort()), "-N", p, "-R", "100", "-p", "3",
                "-r", "300", "-f", "50", "-F", "20", "-e", "address-and-prefix", "--json", "::1");
        countsAddUp(r, "SOLICIT-ADVERTISE", "REQUEST-REPLY", "RENEW-REPLY", "RELEASE-REPLY");
        String leases = Files.readString(dir.resolve("leases6.csv"));
        assertTrue(leases.lines().anyMatch(l -> l.contains(",2,2,64,")), "delegated prefixes are written");
    }

    @Test
    void rapidCommitAgainstKakapo() throws Exception {
        String p = Integer.toString(port);
        JsonNode r = perf("-6", "-d", "5", "-A", "1", "-c", "-l", "::1", "-L", Integer.toString(freeUdpPort()), "-N", p, "-R", "50", "-n", "100",
                "-r", "200", "--json", "::1");
        countsAddUp(r, "SOLICIT-REPLY");
    }
}
