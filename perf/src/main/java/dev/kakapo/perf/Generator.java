package dev.kakapo.perf;

import dev.kakapo.perf.report.ExchangeStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the exchanges: per socket one sending thread, which starts new exchanges at the
 * configured rate (and renewals and releases at theirs), and one receiving thread, which matches
 * replies, records round trips and sends each exchange's next message itself. A reaper (the
 * caller's thread, through {@link #reap}) turns requests unanswered past the drop time into drops.
 * Packets are stamped from templates; nothing on the hot path allocates more than a reply's decode.
 */
final class Generator implements AutoCloseable {
    private final Traffic traffic;
    private final ClientPool clients;
    private final PerfOptions options;
    private final List<DatagramChannel> channels;
    private final InFlight inFlight;
    private final ExchangeStats[] stats;
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicLong started = new AtomicLong();
    private final LongAdder orphans = new LongAdder();
    private final LongAdder tooShort = new LongAdder();
    private final LongAdder localLimit = new LongAdder();
    private final List<Thread> threads = new ArrayList<>();
    private volatile byte[] firstServerId;

    Generator(Traffic traffic, ClientPool clients, PerfOptions options, List<DatagramChannel> channels) {
        this.traffic = traffic;
        this.clients = clients;
        this.options = options;
        this.channels = List.copyOf(channels);
        this.inFlight = new InFlight(traffic.xidMask());
        String[] names = traffic.exchangeNames();
        this.stats = new ExchangeStats[names.length];
        for (int i = 0; i < names.length; i++) {
            stats[i] = new ExchangeStats(names[i]);
        }
    }

    /** The exchanges this run performs, in report order. */
    List<ExchangeStats> exchanges() {
        List<ExchangeStats> out = new ArrayList<>();
        out.add(stats[Traffic.FIRST]);
        if (!options.initialOnly() && !options.rapidCommit()) {
            out.add(stats[Traffic.SECOND]);
        }
        if (options.renewRate() > 0) {
            out.add(stats[Traffic.RENEW]);
        }
        if (options.releaseRate() > 0) {
            out.add(stats[Traffic.RELEASE]);
        }
        return out;
    }

    void start() {
        long seed = options.seed() != 0 ? options.seed() : System.nanoTime();
        int n = channels.size();
        for (int i = 0; i < n; i++) {
            DatagramChannel ch = channels.get(i);
            SplittableRandom random = new SplittableRandom(seed + i);
            Thread send = new Thread(() -> sendLoop(ch, random, n), "perf-send-" + i);
            Thread receive = new Thread(() -> receiveLoop(ch), "perf-receive-" + i);
            send.setDaemon(true);
            receive.setDaemon(true);
            threads.add(send);
            threads.add(receive);
        }
        threads.forEach(Thread::start);
    }

    /** First exchanges started so far. */
    long started() {
        return started.get();
    }

    long orphans() {
        return orphans.sum();
    }

    long tooShort() {
        return tooShort.sum();
    }

    long localLimit() {
        return localLimit.sum();
    }

    /** The server identifier of the first reply (for -x s), or null. */
    byte[] firstServerId() {
        return firstServerId;
    }

    /** Stops starting exchanges; replies are still read. */
    void stopSending() {
        sending.set(false);
    }

    /** Declares requests older than the drop time dropped. */
    void reap() {
        long dropNanos = (long) (options.dropSeconds() * 1e9);
        inFlight.reap(System.nanoTime(), dropNanos, kind -> stats[kind].dropped());
    }

    /** Declares every request still waiting dropped (end of run). */
    void reapAll() {
        inFlight.reap(Long.MAX_VALUE / 2, 0, kind -> stats[kind].dropped());
    }

    int waiting() {
        return inFlight.waiting();
    }

    /**
     * One schedule per message kind: new exchanges at -r (spread over the sending threads),
     * renewals at -f and releases at -F. Without -r, new exchanges go as fast as the socket and
     * the in-flight table allow.
     */
    private void sendLoop(DatagramChannel ch, SplittableRandom random, int senders) {
        byte[] out = new byte[2048];
        ByteBuffer buf = ByteBuffer.wrap(out);
        double rate = options.rate() / senders;
        long firstGap = rate > 0 ? (long) (1e9 / rate) : 0;
        long renewGap = options.renewRate() > 0 ? (long) (1e9 * senders / options.renewRate()) : Long.MAX_VALUE;
        long releaseGap = options.releaseRate() > 0 ? (long) (1e9 * senders / options.releaseRate()) : Long.MAX_VALUE;
        long t0 = System.nanoTime();
        long nextFirst = t0;
        long nextRenew = renewGap == Long.MAX_VALUE ? Long.MAX_VALUE : t0 + renewGap;
        long nextRelease = releaseGap == Long.MAX_VALUE ? Long.MAX_VALUE : t0 + releaseGap;
        long limit = options.numRequests();
        // Without a rate the generator is closed-loop: a window of requests in flight keeps the
        // server at its capacity instead of burying it (an open-loop flood measures the drops).
        int window = rate > 0 ? 0 : options.window();
        while (sending.get()) {
            if (window > 0 && inFlight.outstanding() >= window) {
                LockSupport.parkNanos(10_000); // a short nap, not a spin: the server may share this machine
                continue;
            }
            long next = Math.min(nextFirst, Math.min(nextRenew, nextRelease));
            long now = System.nanoTime();
            if (firstGap > 0 && now < next) {
                long wait = next - now;
                if (wait > 50_000) {
                    LockSupport.parkNanos(wait - 20_000);
                } else {
                    Thread.onSpinWait();
                }
                continue;
            }
            int kind;
            if (nextRenew <= now) {
                kind = Traffic.RENEW;
                nextRenew += renewGap;
            } else if (nextRelease <= now) {
                kind = Traffic.RELEASE;
                nextRelease += releaseGap;
            } else {
                if (limit > 0 && started.incrementAndGet() > limit) {
                    sending.set(false);
                    break;
                } else if (limit == 0) {
                    started.incrementAndGet();
                }
                kind = Traffic.FIRST;
                nextFirst += firstGap;
            }
            int xid = inFlight.nextXid();
            if (xid < 0) {
                localLimit.increment(); // every slot awaits a reply: wait for the reaper
                LockSupport.parkNanos(100_000);
                continue;
            }
            int client = random.nextInt(clients.size());
            int len = switch (kind) {
                case Traffic.RENEW -> traffic.renew(client, xid, out);
                case Traffic.RELEASE -> traffic.release(client, xid, out);
                default -> traffic.first(client, xid, out);
            };
            if (len < 0) {
                continue; // that client holds no lease to renew or release
            }
            send(ch, buf, len, xid, client, kind);
        }
    }

    private void send(DatagramChannel ch, ByteBuffer buf, int len, int xid, int client, int kind) {
        boolean answered = kind != Traffic.RELEASE || traffic.releaseIsAnswered();
        if (answered) {
            inFlight.begin(xid, client, kind, System.nanoTime());
        }
        buf.clear().limit(len);
        try {
            ch.send(buf, traffic.server());
            stats[kind].sent();
        } catch (ClosedChannelException e) {
            sending.set(false);
        } catch (IOException e) {
            localLimit.increment();
        }
    }

    private void receiveLoop(DatagramChannel ch) {
        byte[] in = new byte[65536];
        ByteBuffer inBuf = ByteBuffer.wrap(in);
        byte[] out = new byte[2048];
        ByteBuffer outBuf = ByteBuffer.wrap(out);
        while (true) {
            inBuf.clear();
            SocketAddress from;
            try {
                from = ch.receive(inBuf);
            } catch (IOException e) {
                return; // closed at the end of the run
            }
            if (from == null) {
                continue;
            }
            long now = System.nanoTime();
            Traffic.Reply reply = traffic.read(in, inBuf.position());
            if (reply == null) {
                tooShort.increment();
                continue;
            }
            InFlight.Request req = inFlight.claim(reply.xid());
            if (req == null) {
                orphans.increment();
                continue;
            }
            stats[req.kind()].received(now - req.sentAt());
            if (firstServerId == null) {
                firstServerId = serverIdOf(reply);
            }
            boolean more = req.kind() == Traffic.FIRST && !options.initialOnly();
            int xid = more ? inFlight.nextXid() : -1;
            int len = traffic.next(reply, req.kind(), req.client(), xid, out);
            if (len > 0 && xid >= 0) {
                send(ch, outBuf, len, xid, req.client(), Traffic.SECOND);
            }
        }
    }

    private static byte[] serverIdOf(Traffic.Reply reply) {
        Object m = reply.message();
        if (m instanceof dev.kakapo.protocol.v4.Message4 m4) {
            return m4.options().get(dev.kakapo.protocol.v4.OptionCode4.SERVER_ID);
        }
        if (m instanceof dev.kakapo.protocol.v6.Message6 m6) {
            return m6.options().first(dev.kakapo.protocol.v6.OptionCode6.SERVERID);
        }
        return null;
    }

    /** Closes the sockets, which ends the receiving threads. */
    @Override
    public void close() {
        sending.set(false);
        for (DatagramChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The server address as a socket address (for messages and reports). */
    InetSocketAddress server() {
        return traffic.server();
    }
}
