package dev.kakapo.coordinator.lease;

/**
 * splitmix64's finaliser: spreads every input bit over the whole word, for hash codes of keys that
 * differ in only a few bits (addresses of one pool, hardware addresses of one vendor) and that hash
 * tables of millions of leases must still tell apart by their low bits.
 */
final class SplitMix {
    /** 2^64 divided by the golden ratio: combining words with it keeps their bits apart. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SplitMix() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
