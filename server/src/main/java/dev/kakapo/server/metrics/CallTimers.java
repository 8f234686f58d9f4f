package dev.kakapo.server.metrics;

import dev.kakapo.coordinator.lease.LeaseStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How long one DHCP server's calls to the allocator and writes to the lease store take, as
 * Micrometer timers with a histogram ({@code kakapo_allocator_call_seconds{family,operation}},
 * {@code kakapo_lease_store_write_seconds{family}}). The timers exist from the server's start, one
 * per operation, so timing a call looks nothing up and builds no tags; they record nothing until
 * {@link PrometheusMetrics#bindCallTimers} attaches a registry.
 */
public final class CallTimers {
    /** The allocator's operations a server calls, named as the {@code operation} label. */
    public enum Operation {
        OFFER, ASSIGN, COMMIT, EXTEND, FIND_LEASE, LEASE_AT, RELEASE, DECLINE, RECLAIM, ADD, UPDATE, REMOVE;

        /** {@code find-lease}: the label value. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Below a loopback round trip and above any call that did not time out: the histogram's range. */
    private static final Duration FASTEST = Duration.ofNanos(20_000);
    private static final Duration SLOWEST = Duration.ofSeconds(10);

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final Map<Operation, Timer> calls = new EnumMap<>(Operation.class);
    private final Timer storeWrites;

    public CallTimers(String family) {
        for (Operation op : Operation.values()) {
            calls.put(op, histogram(Timer.builder("kakapo.allocator.call")
                    .description("calls from the DHCP server to the allocator, until the answer (a grant once durable)")
                    .tag("family", family).tag("operation", op.label())));
        }
        storeWrites = histogram(Timer.builder("kakapo.lease.store.write")
                .description("lease store writes (persist or remove), until durable").tag("family", family));
    }

    private Timer histogram(Timer.Builder builder) {
        return builder.publishPercentileHistogram().minimumExpectedValue(FASTEST).maximumExpectedValue(SLOWEST).register(registry);
    }

    /** Makes {@code call} and records, when its future completes (either way), how long it took. */
    public <T> CompletableFuture<T> time(Operation operation, Supplier<CompletableFuture<T>> call) {
        return time(calls.get(operation), call);
    }

    /** {@code store} with every persist and remove timed until durable. */
    public <L> LeaseStore<L> timed(LeaseStore<L> store) {
        return new TimedLeaseStore<>(store, this);
    }

    <T> CompletableFuture<T> timeStoreWrite(Supplier<CompletableFuture<T>> write) {
        return time(storeWrites, write);
    }

    private static <T> CompletableFuture<T> time(Timer timer, Supplier<CompletableFuture<T>> call) {
        long start = System.nanoTime();
        CompletableFuture<T> future = call.get();
        future.whenComplete((result, failure) -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        return future;
    }

    /** Timed calls from now on are recorded in {@code target} too. */
    void attach(MeterRegistry target) {
        registry.add(target);
    }

    void detach(MeterRegistry target) {
        registry.remove(target);
    }
}
