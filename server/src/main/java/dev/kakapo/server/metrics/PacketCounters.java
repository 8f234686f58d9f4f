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
 * path, plus drop counters per reason and the reclamation counters ({@code reclaimed-leases}). A drop reason is logged the first time it is seen, so a
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
     * Counts one lease reclaimed on expiry under Kea's {@code reclaimed-leases} and
     * {@code subnet[ID].reclaimed-leases}; a declined address whose probation ended also under
     * {@code reclaimed-declined-addresses} and {@code subnet[ID].reclaimed-declined-addresses}.
     */
    public void reclaimed(int subnetId, boolean declined) {
        increment("reclaimed-leases");
        increment("subnet[" + subnetId + "].reclaimed-leases");
        if (declined) {
            increment("reclaimed-declined-addresses");
            increment("subnet[" + subnetId + "].reclaimed-declined-addresses");
        }
    }

    /**
     * Counts a dropped packet under {@code total} (e.g. {@code pkt4-parse-failed}) and under
     * {@code total[reason]}; logs the reason with its detail once.
     */
    public void drop(String total, String reason, String detail) {
        increment(total);
        if (LOG.isLoggable(Level.DEBUG)) {
            // every dropped packet, when kea-dhcp4.packets (or kea-dhcp6.packets) asks for DEBUG
            LOG.log(Level.DEBUG, "event=packet-dropped counter=" + total + " reason=" + reason + " " + asFields(detail));
        }
        String name = total + "[" + reason + "]";
        counter(name, () -> LOG.log(Level.WARNING,
                "event=packet-dropped counter={0} reason={1} {2} once-per-reason=true", total, reason, asFields(detail)))
                .increment();
    }

    /**
     * One drop reason that may be counted very often (a flood being limited): its counter names
     * are made once and its counters found once, and the detail is only worked out when logged.
     * Counts exactly as {@link #drop} does; nothing shows until the first drop.
     */
    public Drop dropReason(String total, String reason) {
        return new Drop(total, reason);
    }

    /** See {@link #dropReason}. */
    public final class Drop {
        private final String total;
        private final String reason;
        private final String name;
        private volatile LongAdder sum;
        private volatile LongAdder perReason;

        private Drop(String total, String reason) {
            this.total = total;
            this.reason = reason;
            this.name = total + "[" + reason + "]";
        }

        /** Counts one dropped packet; {@code detail} (key=value fields) is asked for only when it is logged. */
        public void count(java.util.function.Supplier<String> detail) {
            LongAdder s = sum;
            LongAdder r = perReason;
            if (s == null || r == null) {
                s = counter(total, null);
                r = counter(name, () -> LOG.log(Level.WARNING,
                        "event=packet-dropped counter={0} reason={1} {2} once-per-reason=true", total, reason, asFields(detail.get())));
                sum = s;
                perReason = r;
            }
            s.increment();
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "event=packet-dropped counter=" + total + " reason=" + reason + " " + asFields(detail.get()));
            }
            r.increment();
        }
    }

    /** A detail already in key=value form (a packet's xid, source, hwaddr) as it is, free text as one quoted field. */
    private static String asFields(String detail) {
        return KEY_VALUES.matcher(detail).matches() ? detail : "detail=\"" + detail.replace('"', '\'') + "\"";
    }

    private static final java.util.regex.Pattern KEY_VALUES = java.util.regex.Pattern.compile("[a-z-]+=\\S+( [a-z-]+=\\S+)*");

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
