package dev.kakapo.coordinator.allocator;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;

/**
 * A coordinator cluster of one for tests: a single Hazelcast member inside the test's process,
 * bound to loopback, with no discovery, so it never joins or reaches anything else.
 */
public final class EmbeddedCoordinator {
    private EmbeddedCoordinator() {
    }

    /** Starts a member of a cluster of one, named uniquely so it cannot merge with another process's. */
    public static HazelcastInstance start() {
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            // Hazelcast then starts a thread per completed async call: every allocation pays ~0.5 ms.
            System.getLogger("dev.kakapo.coordinator").log(System.Logger.Level.WARNING,
                    "event=slow-async-completions reason=\"the common ForkJoinPool has parallelism "
                    + ForkJoinPool.getCommonPoolParallelism() + "; start the JVM with"
                    + " -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 (bin/kakapo does)\"");
        }
        Config config = new Config()
                .setClusterName("kakapo-embedded-" + UUID.randomUUID())
                .setInstanceName("kakapo-embedded-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        // the embedded member serves this process only: listen on loopback, not on every address
        config.setProperty("hazelcast.socket.bind.any", "false");
        int port = freeLoopbackPort();
        NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        // Its own address as the only member: a cluster of one that never looks elsewhere.
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
        AllocatorMaps.addTo(config, null);
        return Hazelcast.newHazelcastInstance(config);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            return 5701;
        }
    }
}
