package dev.kakapo.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.cluster.CoordinatorHealth;
import dev.kakapo.coordinator.cluster.CoordinatorMember;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /readyz} of a server node and of a coordinator follows the cluster: ready while the
 * coordinators have their quorum, not ready (503, with the reason) once a member is gone and the
 * rest are fewer than the quorum, ready again when a member is back.
 */
class ReadinessProbeTest {
    @TempDir
    Path dir;
    final List<HazelcastInstance> members = new ArrayList<>();
    final List<AutoCloseable> open = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    @Test
    void readyOnlyWithTheQuorum() throws Exception {
        int[] ports = {FreePorts.tcp(), FreePorts.tcp()};
        String text = """
                {
                  "Kakapo": { "cluster": { "name": "kakapo-readiness-%d", "members": [ "127.0.0.1:%d", "127.0.0.1:%d" ] },
                              "control": { "address": "127.0.0.1", "port": 0 } },
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "subnet4": [ { "id": 1, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                   "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ] } ]
                  }
                }
                """.formatted(System.nanoTime(), ports[0], ports[1]);
        KeaConfig kea = KeaConfig.parse(text, dir, KeaConfig.Families.DHCP4);
        assertEquals(2, kea.kakapo().cluster().effectiveQuorum(), "a majority of two members");
        List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
        for (int port : ports) {
            starting.add(CompletableFuture.supplyAsync(() -> CoordinatorMember.start(kea.kakapo().cluster(), "127.0.0.1", port)));
        }
        for (CompletableFuture<HazelcastInstance> m : starting) {
            members.add(m.get(120, TimeUnit.SECONDS));
        }
        ServerNode node = ServerNode.start(kea.dhcp4(), new Ports(FreePorts.udp(), FreePorts.udp()), null, null, kea.kakapo().cluster());
        open.add(node);
        NodeControl nodeControl = NodeControl.start(node, kea.control(), text, dir,
                new ControlApi.Process("kakapo test", Instant.now(), () -> { }));
        open.add(nodeControl);
        // the surviving coordinator's own probe, as `kakapo coordinator` serves it
        CoordinatorHealth memberHealth = CoordinatorHealth.watch(members.get(1), kea.kakapo().cluster().effectiveQuorum());
        open.add(memberHealth);
        NodeControl memberControl = NodeControl.startProcess(kea.control(), new ControlApi.Process("kakapo test", Instant.now(), () -> { }),
                metrics -> metrics.bindCoordinator(memberHealth, false), memberHealth::notReadyBecause);
        open.add(memberControl);

        assertEquals("200 ready", readyz(nodeControl));
        assertEquals("200 ready", readyz(memberControl));

        members.remove(0).getLifecycleService().terminate();
        String expected = "503 not ready: 1 coordinator member(s) reachable, 2 needed to allocate";
        assertEquals(expected, awaitReadyz(nodeControl, expected));
        assertEquals(expected, awaitReadyz(memberControl, expected));
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodeControl.port() + "/livez")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "not ready is not dead: the pod must not be restarted for it");

        members.add(CoordinatorMember.start(kea.kakapo().cluster(), "127.0.0.1", ports[0]));
        assertEquals("200 ready", awaitReadyz(nodeControl, "200 ready"));
        assertEquals("200 ready", awaitReadyz(memberControl, "200 ready"));
    }

    private String readyz(NodeControl control) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body().strip();
    }

    /** The probe's answer once it is {@code expected}, or the last one after 30 s. */
    private String awaitReadyz(NodeControl control, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = readyz(control);
        while (!last.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = readyz(control);
        }
        return last;
    }
}
