package dev.kakapo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code Kakapo/rate-limits}: Kea's limits-hook phrasing, off by default, errors naming the key. */
class RateLimitsConfigTest {
    private static final String DHCP4 = """
            "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" } ] }""";
    private static final String DHCP6 = """
            "Dhcp6": { "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64" } ] }""";

    private static String config(String limits) {
        return "{ \"Kakapo\": { \"rate-limits\": " + limits + " }, " + DHCP4 + ", " + DHCP6 + " }";
    }

    @Test
    void offWhenNotGiven() throws Exception {
        assertEquals(RateLimits.OFF, ConfigAssertions.dhcp4("\"subnet4\": []").rateLimits());
        assertEquals(false, RateLimits.OFF.on());
    }

    @Test
    void bothFamiliesReadTheSameLimits() throws Exception {
        KeaConfig both = KeaConfig.parse(config("""
                { "per-client": "10 packets per second", "per-relay": "2000 Packets per minute", "max-tracked": 5000 }"""),
                ConfigAssertions.BASE);
        RateLimits limits = both.dhcp4().rateLimits();
        assertEquals(new RateLimit(10, Duration.ofSeconds(1)), limits.perClient());
        assertEquals(new RateLimit(2000, Duration.ofMinutes(1)), limits.perRelay());
        assertEquals(5000, limits.tracked());
        assertEquals(limits, both.dhcp6().rateLimits());
        assertEquals(limits, both.kakapo().rateLimits());
        assertEquals("10 packets per second", limits.perClient().toString());
        assertEquals(100_000_000L, limits.perClient().intervalNanos());
    }

    @Test
    void oneRateAloneLimitsOnlyThat() throws Exception {
        RateLimits limits = KeaConfig.parse(config("{ \"per-relay\": \"1 packet per hour\" }"), ConfigAssertions.BASE)
                .dhcp4().rateLimits();
        assertNull(limits.perClient());
        assertEquals(new RateLimit(1, Duration.ofHours(1)), limits.perRelay());
        assertEquals(RateLimits.DEFAULT_TRACKED, limits.tracked());
    }

    @Test
    void errorsNameTheKey() {
        ConfigAssertions.rejects(config("{ \"per-client\": \"10 packets per fortnight\" }"),
                "Kakapo/rate-limits/per-client", "is not a rate");
        ConfigAssertions.rejects(config("{ \"per-relay\": \"0 packets per second\" }"),
                "Kakapo/rate-limits/per-relay", "N at least 1");
        ConfigAssertions.rejects(config("{ \"per-client\": 10 }"), "Kakapo/rate-limits/per-client", "expected a string");
        ConfigAssertions.rejects(config("{ \"per-client\": \"2000000000 packets per second\" }"),
                "Kakapo/rate-limits/per-client", "finer than a nanosecond");
        ConfigAssertions.rejects(config("{ \"per-subnet\": \"10 packets per second\" }"),
                "Kakapo/rate-limits/per-subnet", "unknown key 'per-subnet'");
        ConfigAssertions.rejects(config("{ \"max-tracked\": 0 }"), "Kakapo/rate-limits/max-tracked", "at least 1");
        ConfigAssertions.rejects(config("{ \"max-tracked\": 100000000 }"), "Kakapo/rate-limits/max-tracked", "out of range");
        ConfigAssertions.rejects(config("\"fast\""), "Kakapo/rate-limits", "expected an object");
    }
}
