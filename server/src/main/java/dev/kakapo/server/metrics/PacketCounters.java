package dev.kakapo.server.metrics;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Kea-named statistics ({@code pkt4-received}, {@code pkt4-ack-sent}, ...) counted on the packet
 * path, plus drop counters per reason. A drop reason is logged the first time it is seen, so a
 * flood of bad packets cannot flood the log.
 */
public final class PacketCounters {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.packets");

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public void increment(String name) {
        counter(name, null).increment();
    }

    /** The counter {@code name}, made on first use; {@code whenNew} and the listeners hear of a new name once. */
    private LongAdder counter(String name, Runnable whenNew) {
        LongAdder a = counters.get(name);
        if (a != null) {
            return a;
        }
        LongAdder fresh = new LongAdder();
        a = counters.putIfAbsent(name, fresh);
        if (a != null) {
            return a;
        }
        if (whenNew != null) {
            whenNew.run();
        }
        listeners.forEach(l -> l.accept(name));
        return fresh;
    }

    /**
     * Calls {@code listener} with every counter name there is and, from now on, with each new one
     * when it is first counted (how the Prometheus export learns of drop reasons as they appear).
     */
    public void eachName(Consumer<String> listener) {
        listeners.add(listener);
        counters.keySet().forEach(listener);
    }

    /**
     * Counts a dropped packet under {@code total} (e.g. {@code pkt4-parse-failed}) and under
     * {@code total[reason]}; logs the reason with its detail once.
     */
    public void drop(String total, String reason, String detail) {
        increment(total);
        String name = total + "[" + reason + "]";
        counter(name, () -> LOG.log(Level.WARNING,
                "event=packet-dropped counter={0} reason={1} detail=\"{2}\" (logged once per reason)", total, reason, detail))
                .increment();
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
