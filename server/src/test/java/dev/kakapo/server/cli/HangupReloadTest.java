package dev.kakapo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.control.RunningConfig;
import dev.kakapo.server.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP reads the configuration file again, as config-reload does (whose refusals ConfigReloadTest covers). */
class HangupReloadTest {
    static final String TEMPLATE = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                "lease-database": { "type": "memfile", "persist": false },
                "valid-lifetime": %s,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ]
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void hangupReloadsTheFile() throws Exception {
        Path file = dir.resolve("kakapo.json");
        Files.writeString(file, String.format(TEMPLATE, "4000"));
        KeaConfig config = KeaConfig.parseFile(file, KeaConfig.Families.DHCP4);
        try (ServerNode node = ServerNode.start(config.dhcp4(), new Ports(FreePorts.udp(), FreePorts.udp()), null, null)) {
            RunningConfig running = new RunningConfig(node, KeaConfig.Families.DHCP4, Files.readString(file), file, dir);
            Kakapo.reloadOnHangup(running, file);

            String next = String.format(TEMPLATE, "7000");
            Files.writeString(file, next);
            sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
            for (int i = 0; i < 200 && !next.equals(running.text()); i++) {
                Thread.sleep(50);
            }
            assertEquals(next, running.text());
            assertEquals(7000, node.dhcp4().config().subnets().get(0).validLifetime());
        }
    }
}
