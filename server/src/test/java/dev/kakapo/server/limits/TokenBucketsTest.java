package dev.kakapo.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.server.config.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounded table of token buckets, driven with explicit times. */
class TokenBucketsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSenderHasItsBurstThenTheSustainedRate() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(10, Duration.ofSeconds(1)), 1000);
        long t = 5 * SECOND;
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += buckets.admit(42, t) ? 1 : 0;
        }
        assertEquals(10, admitted, "the burst, all at once");
        assertFalse(buckets.admit(42, t + SECOND / 20), "half an interval later: still nothing");
        assertTrue(buckets.admit(42, t + SECOND / 10), "one interval later: one more");
        assertFalse(buckets.admit(42, t + SECOND / 10));
        int later = 0;
        for (int i = 0; i < 100; i++) {
            later += buckets.admit(42, t + 10 * SECOND) ? 1 : 0;
        }
        assertEquals(10, later, "idle long enough, the whole burst again, never more");
        assertTrue(buckets.admit(43, t), "another sender has its own bucket");
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfSenders() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, Duration.ofHours(1)), 1000);
        assertEquals(1024, buckets.capacity(), "max-tracked rounded up to a power of two");
        long t = SECOND;
        assertTrue(buckets.admit(7, t));
        assertFalse(buckets.admit(7, t), "sender 7 used its one packet");
        for (long key = 1_000; key < 1_001_000; key++) {
            buckets.admit(key * 0x9E3779B97F4A7C15L, t);
        }
        assertEquals(1024, buckets.capacity(), "a million senders later, the same table");
        // sender 7 was pushed out by the flood: forgetting it gives it its allowance back, never less
        assertTrue(buckets.admit(7, t + 1));
    }

    @Test
    void whenRoomIsNeededTheSenderWithTheMostAllowanceLeftIsForgotten() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, Duration.ofHours(1)), 1);
        long hour = 3600 * SECOND;
        long t = 10 * hour;
        // keys with the same segment and home slot share one window of PROBES slots
        assertTrue(buckets.admit(1L << 20, t - 2 * hour), "an old sender, idle since");
        for (long i = 2; i <= TokenBuckets.PROBES; i++) {
            assertTrue(buckets.admit(i << 20, t));
        }
        assertTrue(buckets.admit(99L << 20, t), "a newcomer takes the idle sender's slot");
        for (long i = 2; i <= TokenBuckets.PROBES; i++) {
            assertFalse(buckets.admit(i << 20, t + 1), "sender " + i + " is still remembered, and limited");
        }
        assertFalse(buckets.admit(99L << 20, t + 1));
    }
}
