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
        // A call is done only once its backup acknowledged it too. Hazelcast's default completes a
        // write whose backup never answered (after the backup timeout) as if it had succeeded: on
        // the minority side of a split, in the seconds before the member sees the others are gone,
        // a grant on the member that owns the block would then be ACKed although the majority,
        // which takes the block over from its backup, never saw it, and could give the address to
        // another client. Failing the call instead drops the request; the DHCP client sends again.
        config.setProperty("hazelcast.client.operation.fail.on.indeterminate.state", "true");
        // A member that stops answering is given up after 5 s, as the members give up on each
        // other (CoordinatorMember), not after Hazelcast's default 60 s: until then a node on
        // the majority side keeps sending the calls of the blocks the lost member owned into
        // the void, and a node on the minority side keeps the majority's view of the cluster.
        config.setProperty("hazelcast.client.heartbeat.interval", "1000");
        config.setProperty("hazelcast.client.heartbeat.timeout", "5000");
        config.getConnectionStrategyConfig().setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ON)
                .getConnectionRetryConfig().setClusterConnectTimeoutMillis(connectSeconds * 1000);
        return HazelcastClient.newHazelcastClient(config);
    }
}
