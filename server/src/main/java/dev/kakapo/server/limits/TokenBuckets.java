package dev.kakapo.server.limits;

import dev.kakapo.server.config.RateLimit;

/**
 * One token bucket per sender, in a table of fixed size: the memory is allocated once and never
 * grows, whatever the number of senders. A bucket is one number, the time its sender's allowance
 * is next back to full less one packet (the "theoretical arrival time" of the generic cell rate
 * algorithm): a sender may have {@code packets} admitted at once, then one per
 * {@link RateLimit#intervalNanos()}; a refused packet costs nothing.
 *
 * <p>A sender is keyed by a 64-bit hash of its identity. Each key has a window of
 * {@link #PROBES} slots; when all are taken by other senders, the one with the most allowance left
 * is forgotten. Forgetting only ever gives a sender back its full allowance, so an attacker with
 * many identities can push out other senders' state but never make a good sender wait.
 *
 * <p>Safe for several event loops at once: the table is cut into segments, each locked on its own
 * for a few array reads. No allocation per packet.
 */
final class TokenBuckets {
    /** Slots a key may occupy, from its home slot on. */
    static final int PROBES = 8;
    private static final int SEGMENTS = 16;
    /** Bytes one slot takes: its key and its time. */
    static final int BYTES_PER_SLOT = 16;

    private final long interval;
    /** How far ahead of now a bucket's time may run before a packet is refused: the burst less one packet. */
    private final long tolerance;
    private final Segment[] segments = new Segment[SEGMENTS];

    /** @param tracked how many senders to remember at most (rounded up to a power of two, at least {@link #PROBES} per segment) */
    TokenBuckets(RateLimit limit, int tracked) {
        this.interval = limit.intervalNanos();
        this.tolerance = limit.per().toNanos() - interval;
        int perSegment = Math.max(PROBES, Integer.highestOneBit(Math.max(1, (tracked + SEGMENTS - 1) / SEGMENTS - 1)) << 1);
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(perSegment);
        }
    }

    /** How many senders the table holds at most. */
    int capacity() {
        return segments[0].keys.length * SEGMENTS;
    }

    /** Whether the sender {@code key} may send one packet at {@code nanos} (a {@link System#nanoTime()}); counts it when so. */
    boolean admit(long key, long nanos) {
        long k = key == 0 ? 1 : key; // 0 marks an empty slot
        return segments[(int) (k >>> 60)].admit(k, nanos, interval, tolerance);
    }

    private static final class Segment {
        final long[] keys;
        /** Per slot: when the sender's allowance is full again but for one packet. */
        final long[] due;
        final int mask;

        Segment(int slots) {
            keys = new long[slots];
            due = new long[slots];
            mask = slots - 1;
        }

        synchronized boolean admit(long key, long now, long interval, long tolerance) {
            int home = (int) key & mask;
            int slot = -1;
            int emptiest = -1;
            for (int i = 0; i < PROBES; i++) {
                int s = (home + i) & mask;
                if (keys[s] == key) {
                    slot = s;
                    break;
                }
                // an empty slot, else the one with the most allowance left (the earliest time)
                if (emptiest < 0 || (keys[emptiest] != 0 && (keys[s] == 0 || due[s] - due[emptiest] < 0))) {
                    emptiest = s;
                }
            }
            long at;
            if (slot < 0) {
                slot = emptiest;
                keys[slot] = key;
                at = now;
            } else {
                at = due[slot] - now > 0 ? due[slot] : now;
            }
            if (at - now > tolerance) {
                return false;
            }
            due[slot] = at + interval;
            return true;
        }
    }
}
