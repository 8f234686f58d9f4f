package dev.kakapo.perf.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the end-of-run report says about one run of {@code kakapo perf}.
 *
 * @param family         "4" or "6"
 * @param exchanges      the final reading of each exchange type, in the order the exchanges happen
 *                       (DISCOVER-OFFER before REQUEST-ACK, SOLICIT-ADVERTISE before REQUEST-REPLY, ...)
 * @param elapsedSeconds how long the run took
 * @param orphans        replies that matched no outstanding request
 * @param tooShort       replies that could not be decoded
 * @param stopReason     why the run ended, in perfdhcp's words (e.g. "Reached max requests limit."); may be null
 * @param settings       the command line as given, option to value (e.g. "-r" → "500"), echoed in the JSON
 *                       report; a "-r" entry also adds perfdhcp's "expected rate" to the text report
 */
public record RunSummary(String family, List<ExchangeStats.Snapshot> exchanges, double elapsedSeconds, long orphans,
                         long tooShort, String stopReason, Map<String, Object> settings) {

    public RunSummary {
        if (!"4".equals(family) && !"6".equals(family)) {
            throw new IllegalArgumentException("family must be \"4\" or \"6\", got " + family);
        }
        exchanges = List.copyOf(exchanges);
        if (!(elapsedSeconds >= 0) || Double.isInfinite(elapsedSeconds)) {
            throw new IllegalArgumentException("elapsedSeconds must be a finite number >= 0, got " + elapsedSeconds);
        }
        // Map.copyOf would refuse null values, and the caller's order is the order worth echoing.
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(settings, Map.of())));
    }

    /**
     * The exchange whose replies complete a client's conversation: the second of the sequence
     * (REQUEST-ACK, REQUEST-REPLY) when there is one, else the only one (-i, or rapid commit).
     * Null when there are no exchanges.
     */
    public ExchangeStats.Snapshot completing() {
        return completing(exchanges);
    }

    /** Completed conversations per second over the whole run (perfdhcp's "Rate:"). */
    public double rate() {
        ExchangeStats.Snapshot last = completing();
        return last == null ? 0 : perSecond(last.received(), elapsedSeconds);
    }

    /** perfdhcp's "expected rate": the -r setting, or null when there was none (or it is not a number). */
    public Double expectedRate() {
        Object r = settings.get("-r");
        if (r instanceof Number n) {
            return n.doubleValue();
        }
        if (r instanceof String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    static ExchangeStats.Snapshot completing(List<ExchangeStats.Snapshot> exchanges) {
        return switch (exchanges.size()) {
            case 0 -> null;
            case 1 -> exchanges.get(0);
            default -> exchanges.get(1);
        };
    }

    /** A count over a time span as a rate; 0 for an empty span rather than infinity. */
    static double perSecond(long count, double seconds) {
        return seconds > 0 ? count / seconds : 0;
    }
}
