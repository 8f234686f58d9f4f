package dev.kakapo.coordinator.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.allocator.AllocatorMaps;

/**
 * A coordinator: a Hazelcast member that owns part of the lease state. Members find each other
 * by the configured addresses (bare metal) or by a Kubernetes headless Service's DNS records,
 * and refuse to allocate on a side of a network split with fewer members than the quorum.
 */
public final class CoordinatorMember {
    static final String QUORUM = "kakapo-allocation-quorum";

    private CoordinatorMember() {
    }

    /**
     * Starts a member listening on {@code bindAddress}:{@code port}.
     *
     * @param bindAddress the address to listen on and to announce, or null to let Hazelcast pick
     */
    public static HazelcastInstance start(ClusterSettings settings, String bindAddress, int port) {
        Config config = new Config().setClusterName(settings.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // A member that stops answering is taken out within seconds, so its partitions move on.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        // After a network split the two sides look for each other every few seconds and merge
        // (the smaller side joins the larger), rather than first after Hazelcast's 300 s and then
        // every 120 s: the side below the quorum refuses to allocate until it has merged.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        // As for the clients (CoordinatorClient): a write whose backup never acknowledged it fails
        // rather than passing for done.
        config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
        if (bindAddress != null) {
            config.setProperty("hazelcast.local.localAddress", bindAddress);
            // Without this Hazelcast announces the address but listens on every address of the host.
            config.setProperty("hazelcast.socket.bind.any", "false");
        }
        NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        if (bindAddress != null) {
            network.getInterfaces().setEnabled(true).addInterface(bindAddress);
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (settings.kubernetesDns() != null) {
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", settings.kubernetesDns())
                    .setProperty("service-port", Integer.toString(settings.port()));
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        }
        config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(QUORUM, true, settings.effectiveQuorum()));
        AllocatorMaps.addTo(config, QUORUM);
        return Hazelcast.newHazelcastInstance(config);
    }
}
