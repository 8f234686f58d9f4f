package dev.kakapo.perf.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The reports of a run: perfdhcp's end-of-run text (same headings and labels, so scripts written
 * for perfdhcp keep working) with Kakapo's extra figures, the same figures as JSON, and perfdhcp's
 * periodic line for -t.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Report() {
    }

    /**
     * perfdhcp's end-of-run text: the stop reason, the rate of completed conversations, the
     * malformed (too short) and orphan reply counters, then per exchange type the packet counts and
     * round-trip times (ms, 3 decimals) followed by Kakapo's rate and percentiles.
     */
    public static String text(RunSummary s) {
        StringBuilder out = new StringBuilder();
        if (s.stopReason() != null && !s.stopReason().isBlank()) {
            out.append(s.stopReason()).append('\n');
        }
        out.append("***Rate statistics***\n");
        out.append("Rate: ").append(decimal3(s.rate())).append(' ').append(rateUnit(s.exchanges())).append("/second");
        Double expected = s.expectedRate();
        if (expected != null) {
            out.append(", expected rate: ").append(plain(expected));
        }
        out.append('\n');
        out.append("Elapsed: ").append(decimal3(s.elapsedSeconds())).append(" s\n\n");
        out.append("***Malformed Packets***\n");
        out.append("Malformed packets: ").append(s.tooShort()).append('\n');
        out.append("***Orphans***\n");
        out.append("orphans: ").append(s.orphans()).append('\n');
        for (ExchangeStats.Snapshot x : s.exchanges()) {
            appendExchange(out, x, s.elapsedSeconds());
        }
        return out.toString();
    }

    private static void appendExchange(StringBuilder out, ExchangeStats.Snapshot x, double elapsedSeconds) {
        ExchangeStats.Latency rtt = x.total();
        out.append("***Statistics for: ").append(x.name()).append("***\n");
        out.append("sent packets: ").append(x.sent()).append('\n');
        out.append("received packets: ").append(x.received()).append('\n');
        out.append("drops: ").append(x.drops()).append('\n');
        Double ratio = dropsPercent(x);
        out.append("drops ratio: ").append(ratio == null ? "n/a" : decimal3(ratio) + " %").append('\n');
        out.append("rate: ").append(decimal3(RunSummary.perSecond(x.received(), elapsedSeconds)))
                .append(" exchanges/second\n\n");
        appendDelay(out, "min delay", rtt, rtt.min());
        appendDelay(out, "avg delay", rtt, rtt.avg());
        appendDelay(out, "max delay", rtt, rtt.max());
        appendDelay(out, "std deviation", rtt, rtt.stddev());
        appendDelay(out, "p50 delay", rtt, rtt.p50());
        appendDelay(out, "p90 delay", rtt, rtt.p90());
        appendDelay(out, "p99 delay", rtt, rtt.p99());
        appendDelay(out, "p99.9 delay", rtt, rtt.p999());
        out.append("collected packets: ").append(outstanding(x)).append("\n\n");
    }

    private static void appendDelay(StringBuilder out, String label, ExchangeStats.Latency rtt, double ms) {
        out.append(label).append(": ").append(rtt.count() == 0 ? "n/a" : decimal3(ms) + " ms").append('\n');
    }

    /**
     * The figures of {@link #text} as one JSON object with snake_case names: counts are integers,
     * times are milliseconds and rates per second (both rounded to 3 decimals); figures that do
     * not exist (the delays of an exchange with no replies, the drop ratio of one never sent) are
     * null.
     */
    public static String json(RunSummary s) {
        ObjectNode root = NODES.objectNode();
        root.put("family", s.family());
        root.put("elapsed_seconds", round3(s.elapsedSeconds()));
        root.put("stop_reason", s.stopReason());
        ExchangeStats.Snapshot completing = s.completing();
        root.put("completing_exchange", completing == null ? null : completing.name());
        root.put("rate_per_s", round3(s.rate()));
        root.put("expected_rate_per_s", s.expectedRate());
        root.put("orphans", s.orphans());
        root.put("too_short", s.tooShort());
        ArrayNode exchanges = root.putArray("exchanges");
        for (ExchangeStats.Snapshot x : s.exchanges()) {
            ObjectNode e = exchanges.addObject();
            e.put("name", x.name());
            e.put("sent", x.sent());
            e.put("received", x.received());
            e.put("drops", x.drops());
            Double ratio = dropsPercent(x);
            e.put("drops_percent", ratio == null ? null : round3(ratio));
            e.put("collected", outstanding(x));
            e.put("rate_per_s", round3(RunSummary.perSecond(x.received(), s.elapsedSeconds())));
            e.set("latency_ms", latencyJson(x.total()));
        }
        ObjectNode settings = root.putObject("settings");
        s.settings().forEach((key, value) -> settings.set(key, toJson(value)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; reaching this is a bug, not bad input.
            throw new IllegalStateException("could not write the JSON report", e);
        }
    }

    private static ObjectNode latencyJson(ExchangeStats.Latency rtt) {
        ObjectNode n = NODES.objectNode();
        n.put("count", rtt.count());
        boolean none = rtt.count() == 0;
        n.put("min", none ? null : round3(rtt.min()));
        n.put("avg", none ? null : round3(rtt.avg()));
        n.put("max", none ? null : round3(rtt.max()));
        n.put("stddev", none ? null : round3(rtt.stddev()));
        n.put("p50", none ? null : round3(rtt.p50()));
        n.put("p90", none ? null : round3(rtt.p90()));
        n.put("p99", none ? null : round3(rtt.p99()));
        n.put("p999", none ? null : round3(rtt.p999()));
        return n;
    }

    /** Settings are whatever the command line held: keep numbers, flags and text, spell out the rest. */
    private static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal big) {
            return NODES.numberNode(big);
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return NODES.numberNode(n.doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            map.forEach((k, v) -> o.set(String.valueOf(k), toJson(v)));
            return o;
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode a = NODES.arrayNode();
            items.forEach(item -> a.add(toJson(item)));
            return a;
        }
        if (value.getClass().isArray() && !(value instanceof byte[])) {
            ArrayNode a = NODES.arrayNode();
            for (int i = 0; i < Array.getLength(value); i++) {
                a.add(toJson(Array.get(value, i)));
            }
            return a;
        }
        if (value instanceof byte[] bytes) {
            StringJoiner hex = new StringJoiner(":");
            for (byte b : bytes) {
                hex.add(String.format("%02x", b & 0xff));
            }
            return NODES.textNode(hex.toString());
        }
        return NODES.textNode(String.valueOf(value));
    }

    /**
     * perfdhcp's periodic (-t) line from the current reading: cumulative counts per exchange type,
     * separated by "/" in exchange order ("sent: 120/118; received: 118/117; drops: 0/0"), then
     * Kakapo's elapsed time and average completed rate since the start.
     */
    public static String periodic(List<ExchangeStats.Snapshot> now, double elapsedSeconds) {
        ExchangeStats.Snapshot completing = RunSummary.completing(now);
        long completed = completing == null ? 0 : completing.received();
        return counters(now) + "; elapsed: " + decimal3(elapsedSeconds) + " s; rate: "
                + decimal3(RunSummary.perSecond(completed, elapsedSeconds)) + "/s";
    }

    /** "sent: a/b; received: c/d; drops: e/f", one figure per exchange type in order. */
    static String counters(List<ExchangeStats.Snapshot> now) {
        StringJoiner sent = new StringJoiner("/");
        StringJoiner received = new StringJoiner("/");
        StringJoiner drops = new StringJoiner("/");
        for (ExchangeStats.Snapshot x : now) {
            sent.add(Long.toString(x.sent()));
            received.add(Long.toString(x.received()));
            drops.add(Long.toString(x.drops()));
        }
        return "sent: " + sent + "; received: " + received + "; drops: " + drops;
    }

    /** perfdhcp counts full DORA / SARR conversations as "4-way exchanges", a lone exchange by its name. */
    private static String rateUnit(List<ExchangeStats.Snapshot> exchanges) {
        return exchanges.size() == 1 ? exchanges.get(0).name() : "4-way exchanges";
    }

    private static Double dropsPercent(ExchangeStats.Snapshot x) {
        return x.sent() == 0 ? null : 100.0 * x.drops() / x.sent();
    }

    /**
     * perfdhcp's "collected packets": requests neither answered nor yet counted as dropped when the
     * report was made (perfdhcp's multi-threaded mode always shows 0 here).
     */
    private static long outstanding(ExchangeStats.Snapshot x) {
        return Math.max(0, x.sent() - x.received() - x.drops());
    }

    static String decimal3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static double round3(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
