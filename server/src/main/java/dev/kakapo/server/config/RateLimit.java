package dev.kakapo.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rate, written as Kea's limits hook writes it: {@code "10 packets per second"} (or per
 * {@code minute}, per {@code hour}). Up to {@code packets} may come at once; after that they are
 * admitted at the sustained rate of {@code packets} per {@code per}.
 */
public record RateLimit(long packets, Duration per) {
    private static final Pattern PHRASE = Pattern.compile("\\s*(\\d{1,10})\\s+packets?\\s+per\\s+(second|minute|hour)\\s*");

    public RateLimit {
        if (packets < 1) {
            throw new IllegalArgumentException("a rate limit admits at least 1 packet, not " + packets);
        }
        if (per.isNegative() || per.isZero() || packets > per.toNanos()) {
            throw new IllegalArgumentException(packets + " packets per " + per + " is finer than a nanosecond");
        }
    }

    /** Reads {@code "N packets per second|minute|hour"}; null when {@code phrase} is not that. */
    static RateLimit parse(String phrase) {
        Matcher m = PHRASE.matcher(phrase.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long packets = Long.parseLong(m.group(1));
        if (packets < 1) {
            return null;
        }
        Duration per = switch (m.group(2)) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return new RateLimit(packets, per);
    }

    /** Nanoseconds between two packets at the sustained rate (rounded down, at least 1). */
    public long intervalNanos() {
        return Math.max(1, per.toNanos() / packets);
    }

    @Override
    public String toString() {
        String unit = per.equals(Duration.ofSeconds(1)) ? "second" : per.equals(Duration.ofMinutes(1)) ? "minute"
                : per.equals(Duration.ofHours(1)) ? "hour" : per.toString();
        return packets + " packets per " + unit;
    }
}
