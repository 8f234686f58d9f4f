package dev.kakapo.perf;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests awaiting a reply, in a table indexed by transaction id, shared by every sending
 * and receiving thread without locks. A slot is claimed exactly once — by the receiver that
 * matches the reply, or by the reaper that declares it dropped — with a compare-and-set on its
 * transaction id. Transaction ids come from one sequence, so the oldest requests are found by
 * walking the sequence from the last reaped one.
 */
final class InFlight {
    static final int SIZE = 1 << 20;
    private static final int MASK = SIZE - 1;
    private static final int FREE = -1;

    private final int xidMask;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicIntegerArray xids = new AtomicIntegerArray(SIZE);
    private final long[] sentAt = new long[SIZE];
    private final int[] clients = new int[SIZE];
    private final byte[] kinds = new byte[SIZE];
    private final java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
    private long reaped;

    /** @param xidMask the transaction id's width: 0x7fffffff for DHCPv4, 0xffffff for DHCPv6 */
    InFlight(int xidMask) {
        this.xidMask = xidMask;
        for (int i = 0; i < SIZE; i++) {
            xids.set(i, FREE);
        }
    }

    /** A fresh transaction id, or -1 when its slot still holds an unanswered request (the table is full). */
    int nextXid() {
        long seq = sequence.getAndIncrement();
        int xid = (int) (seq & xidMask);
        return xids.get(xid & MASK) == FREE ? xid : -1;
    }

    /** Records a request about to be sent. Its fields are written before the id that publishes them. */
    void begin(int xid, int client, int kind, long nowNanos) {
        int slot = xid & MASK;
        sentAt[slot] = nowNanos;
        clients[slot] = client;
        kinds[slot] = (byte) kind;
        outstanding.incrementAndGet();
        xids.lazySet(slot, xid);
    }

    /** Requests sent and neither answered nor dropped yet (kept as a counter, cheap to read). */
    int outstanding() {
        return outstanding.get();
    }

    /** What a claimed request was. */
    record Request(int kind, int client, long sentAt) {
    }

    /** Claims the request a reply answers; null when none is waiting (late, duplicate or foreign: an orphan). */
    Request claim(int xid) {
        int slot = xid & MASK;
        if (xids.get(slot) != xid) {
            return null;
        }
        Request r = new Request(kinds[slot], clients[slot], sentAt[slot]);
        if (!xids.compareAndSet(slot, xid, FREE)) {
            return null;
        }
        outstanding.decrementAndGet();
        return r;
    }

    /** Claims every request older than {@code dropNanos}; calls {@code dropped} with each one's kind. Reaper thread only. */
    void reap(long nowNanos, long dropNanos, java.util.function.IntConsumer dropped) {
        long head = sequence.get();
        if (head - reaped > SIZE) {
            reaped = head - SIZE; // slots this old have been reused: their requests were counted then
        }
        for (; reaped < head; reaped++) {
            int xid = (int) (reaped & xidMask);
            int slot = xid & MASK;
            int held = xids.get(slot);
            if (held != xid) {
                continue; // answered (FREE), or the slot already serves a newer request
            }
            if (nowNanos - sentAt[slot] < dropNanos) {
                return; // this one and everything after it is younger than the drop time
            }
            int kind = kinds[slot];
            if (xids.compareAndSet(slot, xid, FREE)) {
                outstanding.decrementAndGet();
                dropped.accept(kind);
            }
        }
    }

    /** Requests still waiting for a reply. */
    int waiting() {
        int n = 0;
        long head = sequence.get();
        for (long s = Math.max(reaped, head - SIZE); s < head; s++) {
            int xid = (int) (s & xidMask);
            if (xids.get(xid & MASK) == xid) {
                n++;
            }
        }
        return n;
    }
}
