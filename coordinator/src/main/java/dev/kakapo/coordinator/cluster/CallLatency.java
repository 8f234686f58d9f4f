package dev.kakapo.coordinator.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How long one call from a server node to the coordinators takes: every lease operation is one
 * or a few of these, so this round trip is the floor of a cluster's reply latency. Measured
 * with reads of absent keys spread over all partitions, one at a time, so each is a bare round
 * trip to the member that owns the key.
 *
 * @param calls        round trips measured
 * @param p50Micros    median, in microseconds
 * @param p99Micros    99th percentile, in microseconds
 * @param maxMicros    slowest, in microseconds
 */
public record CallLatency(int calls, long p50Micros, long p99Micros, long maxMicros) {

    /** A map nothing writes, so the reads find nothing and cost only the trip. */
    private static final String PROBE_MAP = "kakapo.latency-probe";

    /**
     * Measures {@code calls} round trips after {@code calls / 4} unmeasured ones (connection set-up
     * and JIT warm-up would otherwise be the slowest figures).
     *
     * @throws IllegalStateException when a call fails or takes more than 10 s
     */
    public static CallLatency measure(HazelcastInstance coordinator, int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls " + calls + " is below 1");
        }
        IMap<Integer, Integer> probe = coordinator.getMap(PROBE_MAP);
        long[] micros = new long[calls];
        try {
            for (int i = -calls / 4; i < calls; i++) {
                long start = System.nanoTime();
                probe.getAsync(i).toCompletableFuture().get(10, TimeUnit.SECONDS);
                if (i >= 0) {
                    micros[i] = (System.nanoTime() - start) / 1000;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the call latency", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a call to the coordinators failed: " + e.getMessage(), e);
        }
        Arrays.sort(micros);
        return new CallLatency(calls, micros[(calls - 1) / 2], micros[(int) Math.ceil(calls * 0.99) - 1], micros[calls - 1]);
    }

    @Override
    public String toString() {
        return "p50=" + p50Micros + "us p99=" + p99Micros + "us max=" + maxMicros + "us over " + calls + " calls";
    }
}
