package dev.kakapo.coordinator.lease;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers for the changes a store takes without a block's number (lease import and other tools,
 * whose write must win): the clock the blocks number their changes from, microseconds since the
 * epoch, strictly increasing, so such a change outranks every change a block made before it.
 */
public final class ToolChangeNumbers {
    private final AtomicLong last = new AtomicLong();

    public long next() {
        long now = System.currentTimeMillis() * 1000;
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
