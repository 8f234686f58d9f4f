package dev.kakapo.coordinator.allocator;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
        String found = claimFlag(meta, flag, claim);
        if (found == null) {
            try {
                int n = load.run();
                markLoaded(meta, flag);
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
            if (meta.get(flag) == null && claimFlag(meta, flag, claim) == null) {
                int n = load.run(); // the loading node gave up: this one loads instead
                markLoaded(meta, flag);
                return n;
            }
        }
        return 0;
    }

    /** Indeterminate answers asked again at most this often: a new cluster settles within a few. */
    private static final int INDETERMINATE_RETRIES = 5;

    /**
     * putIfAbsent of this node's claim: null when the flag is this node's now, else what holds it.
     * Finding its own claim after an indeterminate answer means the first write did happen.
     */
    private static String claimFlag(IMap<String, String> meta, String flag, String claim) {
        String found = retried(() -> meta.putIfAbsent(flag, claim));
        return claim.equals(found) ? null : found;
    }

    private static void markLoaded(IMap<String, String> meta, String flag) {
        retried(() -> {
            meta.set(flag, LOADED);
            return null;
        });
    }

    /**
     * Runs a write that is safe to repeat until Hazelcast can say it happened: a new cluster still
     * spreading its partitions can fail to confirm a backup, and then cannot tell.
     */
    private static <T> T retried(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (IndeterminateOperationStateException e) {
                if (attempt >= INDETERMINATE_RETRIES) {
                    throw e;
                }
            }
        }
    }
}
