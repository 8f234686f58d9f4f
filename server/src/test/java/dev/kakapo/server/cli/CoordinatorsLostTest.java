package dev.kakapo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.cluster.CoordinatorMember;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.testing.FreePorts;
import dev.kakapo.server.testing.KakapoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server node whose coordinators are gone for longer than {@code Kakapo.cluster.connect-timeout}
 * can never allocate again: it says so and exits with status 1, for its supervisor to start it
 * again, rather than live on unable to serve.
 */
class CoordinatorsLostTest {
    @TempDir
    Path dir;

    @Test
    void aNodeExitsWhenItsCoordinatorsStayAwayLongerThanTheConnectTimeout() throws Exception {
        int memberPort = FreePorts.tcp();
        String text = """
                { "Kakapo": { "cluster": { "name": "kakapo-lost-%d", "members": [ "127.0.0.1:%d" ], "connect-timeout": 3 } },
                  "Dhcp4": { "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                             "lease-database": { "type": "memfile", "persist": false },
                             "subnet4": [ { "id": 1, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                            "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ] } ] } }
                """.formatted(System.nanoTime(), memberPort);
        Path file = Files.writeString(dir.resolve("kakapo.json"), text);
        KeaConfig kea = KeaConfig.parse(text, dir, KeaConfig.Families.DHCP4);
        assertEquals(3, kea.kakapo().cluster().connectTimeoutSeconds());
        HazelcastInstance member = CoordinatorMember.start(kea.kakapo().cluster(), "127.0.0.1", memberPort);
        try (KakapoProcess node = KakapoProcess.start(KakapoProcess.onTestClassPath("dhcp4", "-c", file.toString(),
                "-p", Integer.toString(FreePorts.udp()), "-P", Integer.toString(FreePorts.udp())),
                dir.resolve("node.log"), Duration.ofSeconds(60))) {
            member.getLifecycleService().terminate();
            // the client notices within its 5 s heartbeat timeout, then tries for 3 s
            assertEquals(1, node.awaitExit(Duration.ofSeconds(60)), node.logText());
            assertTrue(node.logText().contains("event=coordinators-lost"), node.logText());
        } finally {
            member.getLifecycleService().terminate();
        }
    }
}
