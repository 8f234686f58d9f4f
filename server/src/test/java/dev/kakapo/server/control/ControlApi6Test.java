package dev.kakapo.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease6- commands and DHCPv6 statistics over real HTTP on loopback, against a running DHCPv6 server. */
class ControlApi6Test {
    static final String CONFIG = """
            {
              "Dhcp6": {
                "interfaces-config": { "interfaces": [ "lo/::1" ] },
                "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                "preferred-lifetime": 3000, "valid-lifetime": 4000,
                "subnet6": [ {
                  "id": 1, "subnet": "2001:db8:1::/64",
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                  "pd-pools": [ { "prefix": "2001:db8:8000::", "prefix-len": 48, "delegated-len": 56 } ]
                } ]
              },
              "Kakapo": { "control": { "address": "127.0.0.1", "port": 0 } }
            }
            """;
    @TempDir
    Path dir;
    ServerNode node;
    NodeControl control;

    @BeforeEach
    void start() throws Exception {
        KeaConfig config = KeaConfig.parse(CONFIG, dir, KeaConfig.Families.DHCP6);
        node = ServerNode.start(null, null, config.dhcp6(), new Ports(FreePorts.udp6(), FreePorts.udp6()));
        control = NodeControl.start(node, config.control(), CONFIG, dir,
                new ControlApi.Process("kakapo test", Instant.now(), () -> { }));
    }

    @AfterEach
    void stop() throws Exception {
        control.close();
        node.close();
    }

    private JsonNode command(String json) throws Exception {
        return new ControlClient(control.port()).command(json);
    }

    private int result(String json) throws Exception {
        return command(json).get("result").asInt();
    }

    @Test
    void addressAndPrefixLeasesAreAddedFoundUpdatedCountedAndRemoved() throws Exception {
        JsonNode na = command("{\"command\": \"lease6-add\", \"arguments\": {\"ip-address\": \"2001:db8:1::150\","
                + " \"duid\": \"00:03:00:01:02:00:5e:20:00:01\", \"iaid\": 7, \"hostname\": \"one.example.org\"}}");
        assertEquals(0, na.get("result").asInt(), na.toString());
        JsonNode pd = command("{\"command\": \"lease6-add\", \"arguments\": {\"ip-address\": \"2001:db8:8000:100::\","
                + " \"type\": \"IA_PD\", \"prefix-len\": 56, \"duid\": \"00:03:00:01:02:00:5e:20:00:01\", \"iaid\": 8}}");
        assertEquals(0, pd.get("result").asInt(), pd.toString());
        assertEquals(4, result("{\"command\": \"lease6-add\", \"arguments\": {\"ip-address\": \"2001:db8:1::150\","
                + " \"duid\": \"00:03:00:01:02:00:5e:20:00:02\", \"iaid\": 1}}"), "the address is taken");

        JsonNode byAddress = command("{\"command\": \"lease6-get\", \"arguments\": {\"ip-address\": \"2001:db8:1::150\"}}");
        assertEquals("one.example.org", byAddress.get("arguments").get("hostname").asText(), byAddress.toString());
        JsonNode byDuid = command("{\"command\": \"lease6-get\", \"arguments\": {\"identifier-type\": \"duid\","
                + " \"identifier\": \"00:03:00:01:02:00:5e:20:00:01\", \"iaid\": 8, \"subnet-id\": 1, \"type\": \"IA_PD\"}}");
        assertEquals(0, byDuid.get("result").asInt(), byDuid.toString());
        assertEquals(56, byDuid.get("arguments").get("prefix-len").asInt());
        assertEquals(2, command("{\"command\": \"lease6-get-all\"}").get("arguments").get("leases").size());
        assertEquals(2, command("{\"command\": \"lease6-get-by-duid\", \"arguments\": {\"duid\": \"00:03:00:01:02:00:5e:20:00:01\"}}")
                .get("arguments").get("leases").size());
        assertEquals(1, command("{\"command\": \"lease6-get-by-hostname\", \"arguments\": {\"hostname\": \"one.example.org\"}}")
                .get("arguments").get("leases").size());

        JsonNode updated = command("{\"command\": \"lease6-update\", \"arguments\": {\"ip-address\": \"2001:db8:1::150\","
                + " \"duid\": \"00:03:00:01:02:00:5e:20:00:01\", \"iaid\": 7, \"hostname\": \"renamed.example.org\"}}");
        assertEquals(0, updated.get("result").asInt(), updated.toString());
        assertTrue(Files.readString(dir.resolve("leases6.csv")).contains("renamed.example.org"));

        JsonNode stats = command("{\"command\": \"statistic-get-all\", \"service\": [ \"dhcp6\" ]}");
        String text = stats.toString();
        assertTrue(text.contains("subnet[1].assigned-nas") && text.contains("subnet[1].assigned-pds"), text);

        assertEquals(0, result("{\"command\": \"lease6-del\", \"arguments\": {\"ip-address\": \"2001:db8:1::150\"}}"));
        assertEquals(3, result("{\"command\": \"lease6-get\", \"arguments\": {\"ip-address\": \"2001:db8:1::150\"}}"));
        assertEquals(0, result("{\"command\": \"lease6-wipe\", \"arguments\": {\"subnet-id\": 1}}"));
        assertEquals(3, result("{\"command\": \"lease6-get-all\"}"));
    }
}
