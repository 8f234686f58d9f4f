package dev.kakapo.server;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.cluster.CallLatency;
import dev.kakapo.coordinator.cluster.ClusterSettings;
import dev.kakapo.coordinator.cluster.CoordinatorClient;
import dev.kakapo.coordinator.cluster.CoordinatorHealth;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.Dhcp6Config;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.dhcp4.Dhcp4Server;
import dev.kakapo.server.dhcp6.Dhcp6Server;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A server node: DHCPv4, DHCPv6 or both, allocating either in its own memory (the all-in-one
 * server: no other process shares its leases) or on the cluster's coordinators, reached as a
 * Hazelcast client. Stops in reverse order of starting: sockets and lease stores first, the
 * coordinator client last.
 */
public final class ServerNode implements AutoCloseable {
    /** Round trips measured when a node joins a cluster. */
    static final int LATENCY_PROBE_CALLS = 200;
    private static final Logger LOG = System.getLogger("dev.kakapo.server");

    private final HazelcastInstance coordinator;
    private final Dhcp4Server dhcp4;
    private final Dhcp6Server dhcp6;
    private final ClusterSettings cluster;
    private final CoordinatorHealth health;

    private ServerNode(HazelcastInstance coordinator, ClusterSettings cluster, Dhcp4Server dhcp4, Dhcp6Server dhcp6) {
        this.coordinator = coordinator;
        this.cluster = cluster;
        this.health = coordinator == null ? CoordinatorHealth.inProcess() : CoordinatorHealth.watch(coordinator, cluster.effectiveQuorum());
        this.dhcp4 = dhcp4;
        this.dhcp6 = dhcp6;
    }

    /** Starts an all-in-one node (leases in this process) for the families whose configuration is given (null = not served). */
    public static ServerNode start(Dhcp4Config v4, Ports ports4, Dhcp6Config v6, Ports ports6)
            throws IOException, InterruptedException {
        return start(v4, ports4, v6, ports6, null);
    }

    /** As {@link #start(Dhcp4Config, Ports, Dhcp6Config, Ports)}, joining {@code cluster}'s coordinators when it is not null. */
    public static ServerNode start(Dhcp4Config v4, Ports ports4, Dhcp6Config v6, Ports ports6, ClusterSettings cluster)
            throws IOException, InterruptedException {
        HazelcastInstance hz = null;
        try {
            if (cluster != null) {
                hz = CoordinatorClient.connect(cluster, cluster.connectTimeoutSeconds());
            }
        } catch (IllegalStateException e) {
            throw new IOException("cannot reach the coordinators " + cluster.members() + ": " + e.getMessage(), e);
        }
        Dhcp4Server dhcp4 = null;
        try {
            if (cluster != null) {
                // The floor of every reply's latency on this node: worth knowing before the first packet.
                LOG.log(Level.INFO, "event=coordinator-call-latency {0}", CallLatency.measure(hz, LATENCY_PROBE_CALLS));
            }
            // Serving both families with DHCPv4-over-DHCPv6 on, the DHCPv6 side hands queries to the
            // DHCPv4 side directly; the channel on ::1 is for servers in separate processes.
            boolean dhcp4o6InProcess = v4 != null && v6 != null && v4.dhcp4o6Port() != 0 && v6.dhcp4o6Port() != 0;
            dhcp4 = v4 == null ? null : Dhcp4Server.start(v4, ports4, hz, !dhcp4o6InProcess);
            Dhcp6Server dhcp6 = v6 == null ? null : Dhcp6Server.start(v6, ports6, hz, dhcp4o6InProcess ? dhcp4.dhcp4o6() : null);
            return new ServerNode(hz, cluster, dhcp4, dhcp6);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (dhcp4 != null) {
                dhcp4.close();
            }
            if (hz != null) {
                hz.shutdown();
            }
            throw e;
        }
    }

    /** The DHCPv4 server, or null when this process does not serve DHCPv4. */
    public Dhcp4Server dhcp4() {
        return dhcp4;
    }

    /** The DHCPv6 server, or null when this process does not serve DHCPv6. */
    public Dhcp6Server dhcp6() {
        return dhcp6;
    }

    /**
     * Serves {@code next} from now on, both families together: everything it needs is built and
     * checked first, and only when all of it succeeded are the processors switched, so a packet
     * is answered wholly by the old configuration or wholly by the new one. Leases, the lease
     * stores, the sockets and the coordinator stay. On failure nothing has changed.
     *
     * @throws ConfigException {@code next} changes what a running node cannot (the key is named)
     * @throws IOException     a host database or DNS update sender of {@code next} cannot be opened
     */
    public synchronized void reconfigure(KeaConfig next) throws ConfigException, IOException {
        if ((next.dhcp4() == null) != (dhcp4 == null)) {
            throw new ConfigException("Dhcp4", dhcp4 == null ? "this process does not serve DHCPv4; serving it needs a restart"
                    : "the configuration has no Dhcp4 section; this process serves DHCPv4 (stopping it needs a restart)");
        }
        if ((next.dhcp6() == null) != (dhcp6 == null)) {
            throw new ConfigException("Dhcp6", dhcp6 == null ? "this process does not serve DHCPv6; serving it needs a restart"
                    : "the configuration has no Dhcp6 section; this process serves DHCPv6 (stopping it needs a restart)");
        }
        if (!Objects.equals(cluster, next.kakapo().cluster())) {
            throw new ConfigException("Kakapo/cluster", "changes need a restart (the running configuration is kept)");
        }
        Dhcp4Server.Running next4 = dhcp4 == null ? null : dhcp4.prepare(next.dhcp4());
        Dhcp6Server.Running next6;
        try {
            next6 = dhcp6 == null ? null : dhcp6.prepare(next.dhcp6());
        } catch (ConfigException | IOException | RuntimeException e) {
            if (next4 != null) {
                dhcp4.discard(next4);
            }
            throw e;
        }
        if (next4 != null) {
            dhcp4.swapTo(next4);
        }
        if (next6 != null) {
            dhcp6.swapTo(next6);
        }
    }

    /** The Hazelcast client of the coordinator cluster leases are allocated on; null for the all-in-one server. */
    public HazelcastInstance coordinator() {
        return coordinator;
    }

    /** Whether this node can allocate now: the coordinators reachable, with their quorum. */
    public CoordinatorHealth health() {
        return health;
    }

    /** Whether this node allocates on separate coordinators (else in its own memory). */
    public boolean isClusterClient() {
        return cluster != null;
    }

    public List<String> links() {
        List<String> all = new ArrayList<>();
        if (dhcp4 != null) {
            all.addAll(dhcp4.links());
        }
        if (dhcp6 != null) {
            all.addAll(dhcp6.links());
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        try {
            if (dhcp4 != null) {
                dhcp4.close();
            }
        } finally {
            try {
                if (dhcp6 != null) {
                    dhcp6.close();
                }
            } finally {
                health.close();
                if (coordinator != null) {
                    coordinator.shutdown();
                }
            }
        }
    }
}
