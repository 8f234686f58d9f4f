package dev.kakapo.perf.report;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;

/**
 * Counts and round-trip times of one kind of exchange (DISCOVER-OFFER, REQUEST-ACK, ...). The
 * sending thread counts what it sends, the receiving thread records round trips, a reaper counts
 * drops, and the reporter reads snapshots — all without locks: counters are adders and latencies
 * go to an HdrHistogram {@link Recorder}, whose interval histograms also feed the time series.
 */
public final class ExchangeStats {
    /** Round trips are recorded in microseconds, from 1 µs to 1 hour, with 3 significant digits. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    private final String name;
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder drops = new LongAdder();
    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(1, HIGHEST_MICROS, 3);
    private Histogram interval;

    public ExchangeStats(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void sent() {
        sent.increment();
    }

    /** A reply matched its request after {@code rttNanos}. */
    public void received(long rttNanos) {
        received.increment();
        recorder.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, rttNanos / 1000)));
    }

    /** A request got no reply within the drop time. */
    public void dropped() {
        drops.increment();
    }

    /**
     * The counts so far and the latencies of everything recorded so far ({@code total}) and
     * since the previous call ({@code interval}). Call from one thread (the reporter).
     */
    public synchronized Snapshot snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return new Snapshot(name, sent.sum(), received.sum(), drops.sum(), Latency.of(total), Latency.of(interval));
    }

    /** An immutable reading of one exchange's figures. */
    public record Snapshot(String name, long sent, long received, long drops, Latency total, Latency interval) {
    }

    /**
     * Round-trip times in milliseconds; all 0 when nothing was recorded.
     *
     * @param count how many round trips these figures describe
     */
    public record Latency(long count, double min, double avg, double max, double stddev, double p50, double p90,
                          double p99, double p999) {

        /**
         * Every figure is read at the low edge of its histogram bucket, so round trips that fall on a
         * bucket edge (all of them below 2.048 ms, whole milliseconds below 32 ms) come back exactly as
         * recorded; others read at most 0.1 % low.
         */
        static Latency of(Histogram h) {
            long count = h.getTotalCount();
            if (count == 0) {
                return new Latency(0, 0, 0, 0, 0, 0, 0, 0, 0);
            }
            double sum = 0;
            for (HistogramIterationValue v : h.recordedValues()) {
                sum += (double) h.lowestEquivalentValue(v.getValueIteratedTo()) * v.getCountAtValueIteratedTo();
            }
            double mean = sum / count;
            double squaredDeviations = 0;
            for (HistogramIterationValue v : h.recordedValues()) {
                double deviation = h.lowestEquivalentValue(v.getValueIteratedTo()) - mean;
                squaredDeviations += deviation * deviation * v.getCountAtValueIteratedTo();
            }
            double variance = squaredDeviations / count;
            return new Latency(count, ms(h.lowestEquivalentValue(h.getMinValue())), mean / 1000.0,
                    ms(h.lowestEquivalentValue(h.getMaxValue())), Math.sqrt(variance) / 1000.0,
                    percentile(h, 50), percentile(h, 90), percentile(h, 99), percentile(h, 99.9));
        }

        private static double percentile(Histogram h, double percentile) {
            return ms(h.lowestEquivalentValue(h.getValueAtPercentile(percentile)));
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }
}
