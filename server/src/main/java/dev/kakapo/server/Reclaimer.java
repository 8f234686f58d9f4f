package dev.kakapo.server;

import dev.kakapo.server.config.ExpiredLeasesProcessing;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Kea's expired-leases-processing for one family: a reclamation cycle every reclaim-timer-wait-time seconds. */
public final class Reclaimer implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.reclaim");

    /** One reclamation cycle of an allocator: (leases per block, remove instead of keeping, hold seconds) to the leases reclaimed. */
    @FunctionalInterface
    public interface Cycle {
        CompletableFuture<? extends List<?>> reclaim(int maxPerBlock, boolean remove, long holdReclaimedSeconds);
    }

    private final ScheduledExecutorService timer;

    private Reclaimer(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static Reclaimer start(String family, ExpiredLeasesProcessing p, Cycle cycle) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kakapo-reclaim" + family);
            t.setDaemon(true);
            return t;
        });
        if (p.reclaimTimerWaitTime() > 0) {
            int max = p.maxReclaimLeases() == 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, p.maxReclaimLeases());
            boolean remove = p.flushReclaimedTimerWaitTime() == 0;
            timer.scheduleWithFixedDelay(() -> {
                try {
                    List<?> reclaimed = cycle.reclaim(max, remove, p.holdReclaimedTime()).get();
                    if (!reclaimed.isEmpty()) {
                        LOG.log(Level.INFO, "event=leases-reclaimed family={0} count={1}", family, reclaimed.size());
                    }
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "event=reclaim-failed family={0} error=\"{1}\"", family, e.toString());
                }
            }, p.reclaimTimerWaitTime(), p.reclaimTimerWaitTime(), TimeUnit.SECONDS);
        }
        return new Reclaimer(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
