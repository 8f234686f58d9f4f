package dev.kakapo.server.config;

/**
 * {@code Kakapo/rate-limits}: how many packets one client and one relay may send before the rest
 * are dropped, decided before any classification or allocation. Each family keeps its own counts.
 *
 * @param perClient {@code per-client}: per DHCPv4 client identifier (option 61, else hardware type
 *                  and address) or DHCPv6 DUID; null when not limited
 * @param perRelay  {@code per-relay}: per DHCPv4 giaddr or DHCPv6 relay (the link-address of the
 *                  relay that reached the server, else its source address); null when not limited
 * @param tracked   {@code max-tracked}: how many clients, and separately how many relays, are
 *                  remembered at once; beyond that the one with the most allowance left is forgotten
 */
public record RateLimits(RateLimit perClient, RateLimit perRelay, int tracked) {
    /** The default: no limit (the memory is not even allocated). */
    public static final RateLimits OFF = new RateLimits(null, null, RateLimits.DEFAULT_TRACKED);
    public static final int DEFAULT_TRACKED = 65_536;
    /** The largest {@code max-tracked}: 16 bytes each, so at most 256 MiB per table. */
    public static final int MAX_TRACKED = 1 << 24;

    public RateLimits {
        if (tracked < 1 || tracked > MAX_TRACKED) {
            throw new IllegalArgumentException("max-tracked " + tracked + " is out of range 1.." + MAX_TRACKED);
        }
    }

    /** Whether any packet can be limited. */
    public boolean on() {
        return perClient != null || perRelay != null;
    }
}
