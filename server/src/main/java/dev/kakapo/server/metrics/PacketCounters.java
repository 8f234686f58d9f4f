package dev.kakapo.server.metrics;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Kea-named statistics ({@code pkt4-received}, {@code pkt4-ack-sent}, ...) counted on the packet
 * path, plus drop counters per reason. A drop reason is logged the first time it is seen, so a
 * flood of bad packets cannot flood the log.
 */
public final class PacketCounters {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.packets");

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    public void increment(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /**
     * Counts a dropped packet under {@code total} (e.g. {@code pkt4-parse-failed}) and under
     * {@code total[reason]}; logs the reason with its detail once.
     */
    public void drop(String total, String reason, String detail) {
        increment(total);
        String name = total + "[" + reason + "]";
        LongAdder perReason = counters.get(name);
        if (perReason == null) {
            LongAdder fresh = new LongAdder();
            perReason = counters.putIfAbsent(name, fresh);
            if (perReason == null) {
                perReason = fresh;
                LOG.log(Level.WARNING, "event=packet-dropped counter={0} reason={1} detail=\"{2}\" (logged once per reason)",
                        total, reason, detail);
            }
        }
        perReason.increment();
    }

    public long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    /** Every counter by name, sorted. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
