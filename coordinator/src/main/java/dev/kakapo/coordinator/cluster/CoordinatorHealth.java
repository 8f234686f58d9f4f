package dev.kakapo.coordinator.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.core.LifecycleService;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a process can allocate now, as its Hazelcast instance sees the coordinator cluster: the
 * coordinators are reachable and at least {@code quorum} of them are members (below that the
 * allocator's split-brain protection refuses every call anyway). Kubernetes' readiness probe and
 * the {@code kakapo_coordinator_*} gauges both read it.
 */
public final class CoordinatorHealth implements AutoCloseable {
    private final HazelcastInstance instance;
    private final int quorum;
    private final AtomicBoolean connected;
    private final UUID listener;

    private CoordinatorHealth(HazelcastInstance instance, int quorum) {
        this.instance = instance;
        this.quorum = quorum;
        if (instance == null) {
            this.connected = new AtomicBoolean(true);
            this.listener = null;
            return;
        }
        LifecycleService lifecycle = instance.getLifecycleService();
        this.connected = new AtomicBoolean(lifecycle.isRunning());
        // A client stays "running" while it reconnects; only its lifecycle events say it lost the cluster.
        this.listener = lifecycle.addLifecycleListener(event -> {
            LifecycleState state = event.getState();
            if (state == LifecycleState.CLIENT_CONNECTED || state == LifecycleState.STARTED) {
                connected.set(true);
            } else if (state == LifecycleState.CLIENT_DISCONNECTED || state == LifecycleState.SHUTTING_DOWN
                    || state == LifecycleState.SHUTDOWN) {
                connected.set(false);
            }
        });
    }

    /** Watches {@code instance} (a member, embedded or not, or a client) against {@code quorum} members. */
    public static CoordinatorHealth watch(HazelcastInstance instance, int quorum) {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1, not " + quorum);
        }
        return new CoordinatorHealth(instance, quorum);
    }

    /**
     * The all-in-one server's: it holds its leases itself, so it is its own coordinator cluster of
     * one member, always reachable.
     */
    public static CoordinatorHealth inProcess() {
        return new CoordinatorHealth(null, 1);
    }

    /** True while this process reaches the coordinators. */
    public boolean connected() {
        return instance == null || connected.get() && instance.getLifecycleService().isRunning();
    }

    /** Members of the coordinator cluster as this process knows them; 0 when it reaches none. */
    public int members() {
        if (instance == null) {
            return 1;
        }
        try {
            return connected() ? instance.getCluster().getMembers().size() : 0;
        } catch (RuntimeException e) {
            return 0; // shut down between the check and the read
        }
    }

    public int quorum() {
        return quorum;
    }

    /** Empty when allocation can go on; otherwise why it cannot, in words for a probe's answer. */
    public Optional<String> notReadyBecause() {
        if (!connected()) {
            return Optional.of("the coordinators are not reachable");
        }
        int members = members();
        if (members < quorum) {
            return Optional.of(members + " coordinator member(s) reachable, " + quorum + " needed to allocate");
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (instance == null) {
            return;
        }
        LifecycleService lifecycle = instance.getLifecycleService();
        if (lifecycle.isRunning()) {
            lifecycle.removeLifecycleListener(listener);
        }
    }
}
