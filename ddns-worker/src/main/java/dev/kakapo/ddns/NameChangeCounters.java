package dev.kakapo.ddns;

import dev.kakapo.proto.ddns.NameChangeResult;
import java.util.concurrent.atomic.AtomicLong;

/** How many requests ended how, since the worker started. */
public final class NameChangeCounters {
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong conflict = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();

    public void count(NameChangeResult.Status status) {
        switch (status) {
            case APPLIED -> applied.incrementAndGet();
            case CONFLICT -> conflict.incrementAndGet();
            case REFUSED -> refused.incrementAndGet();
            default -> failed.incrementAndGet();
        }
    }

    /** A request refused at the boundary as malformed. */
    public void countInvalid() {
        invalid.incrementAndGet();
    }

    public long applied() {
        return applied.get();
    }

    public long conflict() {
        return conflict.get();
    }

    public long refused() {
        return refused.get();
    }

    public long failed() {
        return failed.get();
    }

    public long invalid() {
        return invalid.get();
    }

    @Override
    public String toString() {
        return "applied=" + applied + " conflict=" + conflict + " refused=" + refused + " failed=" + failed + " invalid=" + invalid;
    }
}
