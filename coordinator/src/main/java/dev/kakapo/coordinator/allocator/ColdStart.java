package dev.kakapo.coordinator.allocator;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Loads the lease store into the coordinators once per life of the cluster. The first node to
 * claim the flag loads; every other node waits until the flag says loaded, and a node joining a
 * running cluster finds it loaded and loads nothing — its store may lag the live state, which must
 * never be overwritten by older rows.
 */
final class ColdStart {
    static final String META_MAP = "kakapo.meta";
    private static final String LOADED = "loaded";
    private static final long WAIT_MINUTES = 30;

    private ColdStart() {
    }

    /** What loading does: puts the store's leases into the blocks and returns how many. */
    @FunctionalInterface
    interface Load {
        int run() throws IOException;
    }

    /**
     * Runs {@code load} if this node is the first of the cluster's life to get here; else waits
     * for the node that is loading. Returns the leases this node loaded (0 when another did).
     * Without a cluster ({@code hazelcast} null: the all-in-one server) this process is the
     * whole cluster and loads.
     */
    static int once(HazelcastInstance hazelcast, String family, Load load) throws IOException {
        if (hazelcast == null) {
            return load.run();
        }
        IMap<String, String> meta = hazelcast.getMap(META_MAP);
        String flag = "leases" + family;
        String claim = "loading by " + UUID.randomUUID();
        String found = meta.putIfAbsent(flag, claim);
        if (found == null) {
            try {
                int n = load.run();
                meta.set(flag, LOADED);
                return n;
            } catch (IOException | RuntimeException e) {
                meta.remove(flag, claim); // let another node try
                throw e;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(WAIT_MINUTES);
        while (!LOADED.equals(meta.get(flag))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the cluster's leases have not been loaded after " + WAIT_MINUTES + " minutes ("
                        + meta.get(flag) + "); restart the node that is loading, or clear " + META_MAP + "/" + flag);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the cluster's leases to load");
            }
            if (meta.get(flag) == null && meta.putIfAbsent(flag, claim) == null) {
                int n = load.run(); // the loading node gave up: this one loads instead
                meta.set(flag, LOADED);
                return n;
            }
        }
        return 0;
    }
}
