package dev.kakapo.server.limits;

import dev.kakapo.server.config.RateLimits;
import java.security.SecureRandom;

/**
 * Decides, before any classification or allocation, whether a packet is over its client's or its
 * relay's rate ({@code Kakapo/rate-limits}). One per family; kept across configuration reloads
 * while the limits stay the same. Memory: two tables of {@code max-tracked} senders (rounded up
 * to a power of two) at 16 bytes each, allocated when the limit is configured and never more.
 *
 * <p>Identities are hashed with a secret chosen at start, so nobody outside can make two clients
 * share a bucket on purpose.
 */
public final class RateLimiter {
    /** Limits nothing and holds no memory. */
    public static final RateLimiter NONE = new RateLimiter(RateLimits.OFF);

    /** Drop reasons, counted under {@code pkt4-receive-drop} / {@code pkt6-receive-drop}. */
    public static final String CLIENT_REASON = "rate-limit-client";
    public static final String RELAY_REASON = "rate-limit-relay";

    private final RateLimits limits;
    private final TokenBuckets clients;
    private final TokenBuckets relays;
    private final long secret = new SecureRandom().nextLong();

    private RateLimiter(RateLimits limits) {
        this.limits = limits;
        this.clients = limits.perClient() == null ? null : new TokenBuckets(limits.perClient(), limits.tracked());
        this.relays = limits.perRelay() == null ? null : new TokenBuckets(limits.perRelay(), limits.tracked());
    }

    /** A limiter for {@code limits}; {@link #NONE} when they limit nothing. */
    public static RateLimiter of(RateLimits limits) {
        return limits.on() ? new RateLimiter(limits) : NONE;
    }

    /** {@code previous} when it enforces {@code limits} already (its counts kept), else a new one. */
    public static RateLimiter of(RateLimits limits, RateLimiter previous) {
        return previous.limits.equals(limits) ? previous : of(limits);
    }

    public RateLimits limits() {
        return limits;
    }

    /** Whether a per-client limit is configured (callers skip working out the identity otherwise). */
    public boolean limitsClients() {
        return clients != null;
    }

    /** Whether a per-relay limit is configured. */
    public boolean limitsRelays() {
        return relays != null;
    }

    /**
     * Why the packet of client {@code client} through relay {@code relay} is dropped
     * ({@link #CLIENT_REASON} or {@link #RELAY_REASON}), or null to serve it. Keys come from
     * {@link #key}; {@code relay} is 0 for a client that is not relayed. The client is checked
     * first, so one flooding client is stopped before it uses up its relay's allowance.
     */
    public String refusal(long client, long relay) {
        if (clients == null && relays == null) {
            return null;
        }
        long now = System.nanoTime();
        if (clients != null && client != 0 && !clients.admit(client, now)) {
            return CLIENT_REASON;
        }
        if (relays != null && relay != 0 && !relays.admit(relay, now)) {
            return RELAY_REASON;
        }
        return null;
    }

    /** How many clients (and, separately, relays) are remembered at most; 0 when nothing is limited. */
    public int capacity() {
        return clients != null ? clients.capacity() : relays != null ? relays.capacity() : 0;
    }

    /**
     * The key of an identity: {@code kind} tells identities of different sorts apart (a client id
     * from a hardware address with the same bytes), {@code bytes} is the identity; never 0.
     */
    public long key(int kind, byte[] bytes) {
        long h = secret ^ (kind * 0x9E3779B97F4A7C15L);
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001B3L;
        }
        long k = mix(h ^ bytes.length);
        return k == 0 ? 1 : k;
    }

    /** The key of an identity that fits in a number (a giaddr); never 0. */
    public long key(int kind, long value) {
        long k = mix(secret ^ (kind * 0x9E3779B97F4A7C15L) ^ mix(value));
        return k == 0 ? 1 : k;
    }

    /** A 64-bit finaliser: every input bit moves about half the output bits. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
