package dev.kakapo.coordinator.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.allocator.AllocatorSerializers;

/**
 * A server node's connection to the coordinators: a Hazelcast smart client, which sends each
 * entry processor straight to the member that owns the block (one network hop).
 */
public final class CoordinatorClient {
    private CoordinatorClient() {
    }

    /** Connects, waiting up to {@code connectSeconds} for a member to answer. */
    public static HazelcastInstance connect(ClusterSettings settings, long connectSeconds) {
        ClientConfig config = new ClientConfig().setClusterName(settings.name());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        AllocatorSerializers.register(config.getSerializationConfig());
        if (settings.kubernetesDns() != null) {
            config.getNetworkConfig().getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", settings.kubernetesDns())
                    .setProperty("service-port", Integer.toString(settings.port()));
        } else {
            config.getNetworkConfig().setAddresses(settings.members());
        }
        config.getNetworkConfig().setSmartRouting(true);
        // A call in flight to a member that dies is sent again to the partition's new owner. The
        // allocator's processors may safely run twice: a repeated offer or grant for the same
        // client finds its own hold or lease and returns it again.
        config.getNetworkConfig().setRedoOperation(true);
        // Hazelcast waits a second between retries by default; a member's death then stalls every
        // node for that long after its partitions have already moved.
        config.setProperty("hazelcast.client.invocation.retry.pause.millis", "100");
        config.getConnectionStrategyConfig().setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ON)
                .getConnectionRetryConfig().setClusterConnectTimeoutMillis(connectSeconds * 1000);
        return HazelcastClient.newHazelcastClient(config);
    }
}
