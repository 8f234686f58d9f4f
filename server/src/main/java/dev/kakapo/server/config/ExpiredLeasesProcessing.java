package dev.kakapo.server.config;

/** {@code expired-leases-processing}, with Kea's defaults. Times are seconds except where named. */
public record ExpiredLeasesProcessing(long reclaimTimerWaitTime, long flushReclaimedTimerWaitTime,
                                      long holdReclaimedTime, long maxReclaimLeases, long maxReclaimTimeMillis,
                                      long unwarnedReclaimCycles) {

    public static final ExpiredLeasesProcessing DEFAULTS = new ExpiredLeasesProcessing(10, 25, 3600, 100, 250, 5);
}
