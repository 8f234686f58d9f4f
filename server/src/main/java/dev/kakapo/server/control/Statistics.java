package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.metrics.SubnetStatistics;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One family's statistics as Kea's statistic-* commands show them: every value a list of
 * {@code [value, "timestamp"]} samples (one sample, taken when asked).
 *
 * <p>Packet counters only ever grow (Prometheus reads them too), so a reset or a removal keeps
 * the counter's value at that moment as a baseline and shows the difference; a removed statistic
 * comes back, from zero, when it next counts something, as in Kea. The subnet statistics are
 * recomputed from the configuration and the allocator each time: a reset does not change them,
 * and a removal hides one until the next reset-all.
 */
final class Statistics {
    private static final DateTimeFormatter KEA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final PacketCounters counters;
    private final SubnetStatistics subnets;
    private final Clock clock;
    private final Map<String, Long> baseline = new ConcurrentHashMap<>();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();

    Statistics(PacketCounters counters, SubnetStatistics subnets, Clock clock) {
        this.counters = counters;
        this.subnets = subnets;
        this.clock = clock;
    }

    /** Every statistic shown now, by Kea name. */
    Map<String, Long> values() {
        Map<String, Long> out = new TreeMap<>();
        counters.snapshot().forEach((name, value) -> {
            long shown = value - baseline.getOrDefault(name, 0L);
            if (!removed.contains(name) || shown > 0) {
                out.put(name, shown);
            }
        });
        subnets.current().forEach((name, value) -> {
            if (!removed.contains(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    ObjectNode get(String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        Long v = values().get(name);
        if (v != null) {
            o.set(name, samples(v));
        }
        return o;
    }

    ObjectNode all() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        values().forEach((name, v) -> o.set(name, samples(v)));
        return o;
    }

    /** Sets a statistic back to zero; false when there is none by that name. */
    boolean reset(String name) {
        if (!values().containsKey(name)) {
            return false;
        }
        baseline.put(name, counters.get(name));
        removed.remove(name);
        return true;
    }

    void resetAll() {
        counters.snapshot().forEach(baseline::put);
        removed.clear();
    }

    /** Removes a statistic; false when there is none by that name. */
    boolean remove(String name) {
        if (!values().containsKey(name)) {
            return false;
        }
        baseline.put(name, counters.get(name));
        removed.add(name);
        return true;
    }

    void removeAll() {
        Map<String, Long> now = values();
        now.keySet().forEach(this::remove);
    }

    private JsonNode samples(long value) {
        ArrayNode sample = JsonNodeFactory.instance.arrayNode().add(value)
                .add(LocalDateTime.ofInstant(clock.instant(), ZoneId.systemDefault()).format(KEA_TIME));
        return JsonNodeFactory.instance.arrayNode().add(sample);
    }
}
