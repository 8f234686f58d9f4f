package dev.kakapo.server.ddns;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import dev.kakapo.ddns.tls.DdnsTls;
import dev.kakapo.proto.ddns.NameChangeRequest;
import dev.kakapo.proto.ddns.NameChangeResult;
import dev.kakapo.proto.ddns.NameChangeServiceGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends name change requests to the ddns-worker pool without ever holding up the packet path:
 * {@link #submit} queues and returns at once, and a full queue drops the request (counted,
 * logged) rather than wait.
 *
 * <p>Requests for one FQDN are sent one at a time, in the order they were submitted, so updates of
 * one name never race: each FQDN belongs to one of {@link #LANES} lanes, and a lane sends its next
 * request only when the one before has an answer. Each FQDN goes to the same worker while that
 * worker is healthy (rendezvous hashing over the workers' addresses); a worker that does not answer
 * is left out for a back-off time, and its requests go to the next worker in the FQDN's order. A
 * request is retried with exponential back-off while no worker answers; one a worker reports as
 * FAILED (its DNS servers did not answer) is retried {@link #FAILED_ATTEMPTS} times.
 *
 * <p>Worker endpoints are host:port; a host name may resolve to many addresses, all used, and is
 * resolved again every {@link #RESOLVE_EVERY}.
 *
 * <p>With {@link DdnsTls} the channels are TLS: each worker's certificate must chain to the trust
 * anchor and name the host of its endpoint (the name a channel was resolved from, not the address
 * it connects to; an IP address endpoint must be among the certificate's IP addresses).
 */
public final class NameChangeSender implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.ddns");
    static final int LANES = 64;
    static final int FAILED_ATTEMPTS = 10;
    static final Duration RESOLVE_EVERY = Duration.ofSeconds(30);
    /** How often the counts are logged, when they changed. */
    static final Duration REPORT_EVERY = Duration.ofSeconds(60);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** What has happened to requests since start. */
    public record Counts(long queued, long applied, long conflicts, long refused, long failed, long dropped,
                         long retries, long invalid) {
    }

    private final List<String> endpoints;
    private final ChannelCredentials credentials;
    private final int maxQueued;
    private final long callTimeoutMillis;
    private final long firstBackoffMillis;
    private final long maxBackoffMillis;
    private final ScheduledExecutorService timer;
    private final Lane[] lanes = new Lane[LANES];
    private final Map<InetSocketAddress, Worker> workers = new ConcurrentHashMap<>();
    private volatile List<Worker> order = List.of();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong droppedLogged = new AtomicLong();
    private volatile boolean closed;
    private Counts reported = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * @param endpoints   the workers, "host:port" or "[v6-address]:port"
     * @param maxQueued   how many requests may wait at most (Kea's max-queue-size)
     * @param callTimeout how long one worker may take to answer one request
     * @param tls         {@code Kakapo.ddns-tls}, or null for plaintext
     * @throws IOException when the TLS files cannot be read
     */
    public NameChangeSender(List<String> endpoints, int maxQueued, Duration callTimeout, DdnsTls tls) throws IOException {
        this(endpoints, maxQueued, callTimeout, tls, FIRST_BACKOFF, MAX_BACKOFF);
    }

    /** Plaintext, with the given back-off. */
    NameChangeSender(List<String> endpoints, int maxQueued, Duration callTimeout, Duration firstBackoff,
                     Duration maxBackoff) throws IOException {
        this(endpoints, maxQueued, callTimeout, null, firstBackoff, maxBackoff);
    }

    /**
     * @param firstBackoff the first wait before a retry; each further one doubles, up to {@code maxBackoff},
     *                     which is also the longest a silent worker is left out
     */
    NameChangeSender(List<String> endpoints, int maxQueued, Duration callTimeout, DdnsTls tls, Duration firstBackoff,
                     Duration maxBackoff) throws IOException {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no ddns-worker endpoint");
        }
        this.endpoints = List.copyOf(endpoints);
        this.credentials = tls == null ? InsecureChannelCredentials.create() : tls.senderCredentials();
        this.maxQueued = maxQueued;
        this.callTimeoutMillis = callTimeout.toMillis();
        this.firstBackoffMillis = firstBackoff.toMillis();
        this.maxBackoffMillis = maxBackoff.toMillis();
        for (int i = 0; i < LANES; i++) {
            lanes[i] = new Lane();
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kakapo-ddns-sender");
            t.setDaemon(true);
            return t;
        });
        resolve();
        if (tls == null && !workers.keySet().stream().allMatch(a -> a.getAddress().isLoopbackAddress())) {
            LOG.log(Level.WARNING, "event=ddns-channel-plaintext workers={0} reason=\"no Kakapo.ddns-tls: name change"
                    + " requests travel unencrypted and the workers are not verified\"", String.join(",", this.endpoints));
        }
        timer.scheduleWithFixedDelay(this::resolve, RESOLVE_EVERY.toMillis(), RESOLVE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::report, REPORT_EVERY.toMillis(), REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues {@code request}; false (and counted as dropped) when the queue is full or the sender closed. */
    public boolean submit(NameChangeRequest request) {
        if (closed || queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            if (droppedLogged.getAndIncrement() % 1000 == 0) {
                LOG.log(Level.WARNING, "event=ddns-request-dropped fqdn={0} dropped={1} reason=\"{2}\"",
                        request.getFqdn(), dropped.get(), closed ? "shutting down" : "queue full (" + maxQueued
                                + " waiting); no ddns-worker keeps up or answers");
            }
            return false;
        }
        Lane lane = lanes[Math.floorMod(request.getFqdn().hashCode(), LANES)];
        boolean start;
        synchronized (lane) {
            lane.waiting.add(new Pending(request));
            start = !lane.busy;
            lane.busy = true;
        }
        if (start) {
            send(lane);
        }
        return true;
    }

    /** Requests waiting or in flight. */
    public int queueDepth() {
        return queued.get();
    }

    public Counts counts() {
        return new Counts(queued.get(), applied.get(), conflicts.get(), refused.get(), failed.get(), dropped.get(),
                retries.get(), invalid.get());
    }

    /** One log line with the counts, when they changed since the last (the metrics until there is an exporter). */
    private void report() {
        Counts now = counts();
        if (!now.equals(reported)) {
            reported = now;
            LOG.log(Level.INFO, "event=ddns-requests queue-depth={0} applied={1} conflicts={2} refused={3} failed={4}"
                            + " dropped={5} retries={6} invalid={7} workers={8}", now.queued(), now.applied(),
                    now.conflicts(), now.refused(), now.failed(), now.dropped(), now.retries(), now.invalid(), order.size());
        }
    }

    /** Sends the lane's head request to the FQDN's first healthy worker, or waits for one. */
    private void send(Lane lane) {
        Pending head;
        synchronized (lane) {
            head = lane.waiting.peek();
            if (head == null || closed) {
                lane.busy = false;
                return;
            }
        }
        Worker worker = workerFor(head.request.getFqdn());
        if (worker == null) {
            retryLater(lane, head, "no ddns-worker is reachable");
            return;
        }
        Futures.addCallback(worker.stub.withDeadlineAfter(callTimeoutMillis, TimeUnit.MILLISECONDS).apply(head.request),
                new FutureCallback<NameChangeResult>() {
                    @Override
                    public void onSuccess(NameChangeResult result) {
                        worker.answered();
                        answered(lane, head, result);
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        Status status = Status.fromThrowable(failure);
                        if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
                            invalid.incrementAndGet();
                            LOG.log(Level.WARNING, "event=ddns-request-invalid fqdn={0} reason=\"{1}\"",
                                    head.request.getFqdn(), status.getDescription());
                            done(lane);
                            return;
                        }
                        worker.unanswered(status);
                        if (workerFor(head.request.getFqdn()) != null) {
                            retries.incrementAndGet();
                            send(lane); // another worker answers for the name meanwhile
                        } else {
                            retryLater(lane, head, worker.address + ": " + describe(status));
                        }
                    }
                }, timer);
    }

    private void answered(Lane lane, Pending head, NameChangeResult result) {
        switch (result.getStatus()) {
            case APPLIED -> applied.incrementAndGet();
            case CONFLICT -> {
                conflicts.incrementAndGet();
                LOG.log(Level.INFO, "event=ddns-conflict fqdn={0} detail=\"{1}\"", head.request.getFqdn(), result.getDetail());
            }
            case FAILED -> {
                if (++head.failedAttempts < FAILED_ATTEMPTS) {
                    retryLater(lane, head, "worker: " + result.getDetail());
                    return;
                }
                failed.incrementAndGet();
                LOG.log(Level.WARNING, "event=ddns-request-failed fqdn={0} attempts={1} detail=\"{2}\"",
                        head.request.getFqdn(), head.failedAttempts, result.getDetail());
            }
            default -> {
                refused.incrementAndGet();
                LOG.log(Level.WARNING, "event=ddns-request-refused fqdn={0} detail=\"{1}\"", head.request.getFqdn(),
                        result.getDetail());
            }
        }
        done(lane);
    }

    /** The lane's head is finished: on to the next. */
    private void done(Lane lane) {
        synchronized (lane) {
            lane.waiting.poll();
        }
        queued.decrementAndGet();
        send(lane);
    }

    private void retryLater(Lane lane, Pending head, String why) {
        retries.incrementAndGet();
        long delay = Math.min(maxBackoffMillis, firstBackoffMillis << Math.min(16, head.attempts++));
        if (head.attempts == 1 || head.attempts % 10 == 0) {
            LOG.log(Level.WARNING, "event=ddns-request-retry fqdn={0} attempt={1} in-ms={2} reason=\"{3}\"",
                    head.request.getFqdn(), head.attempts, delay, why);
        }
        if (!closed) {
            timer.schedule(() -> send(lane), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** The FQDN's worker: the healthy one ranking first for it (rendezvous hashing), or null. */
    private Worker workerFor(String fqdn) {
        long now = System.nanoTime();
        Worker best = null;
        long bestScore = 0;
        for (Worker w : order) {
            if (w.unhealthyUntil - now > 0) {
                continue;
            }
            long score = mix(fqdn, w.key);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
                best = w;
                bestScore = score;
            }
        }
        return best;
    }

    /** FNV-1a over the FQDN and the worker, then a finaliser, so every worker ranks differently per name. */
    static long mix(String fqdn, String worker) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (fqdn + '|' + worker).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Resolves every endpoint; new addresses get a channel, vanished ones are closed. An address
     * keeps the endpoint it was first found under: the name its certificate is checked against.
     */
    private void resolve() {
        Map<InetSocketAddress, Endpoint> seen = new LinkedHashMap<>();
        for (String endpoint : endpoints) {
            Endpoint e = Endpoint.parse(endpoint);
            try {
                for (InetAddress a : InetAddress.getAllByName(e.host())) {
                    seen.putIfAbsent(new InetSocketAddress(a, e.port()), e);
                }
            } catch (UnknownHostException ex) {
                LOG.log(Level.WARNING, "event=ddns-worker-unresolved endpoint={0} reason=\"{1}\"", endpoint, ex.getMessage());
            }
        }
        if (seen.isEmpty()) {
            return; // keep the workers known so far rather than none
        }
        seen.forEach((address, endpoint) -> workers.computeIfAbsent(address, a -> new Worker(a, endpoint)));
        List<Worker> gone = new ArrayList<>();
        workers.entrySet().removeIf(w -> {
            if (!seen.containsKey(w.getKey())) {
                gone.add(w.getValue());
                return true;
            }
            return false;
        });
        order = List.copyOf(workers.values());
        gone.forEach(w -> w.channel.shutdown());
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        workers.values().forEach(w -> w.channel.shutdownNow());
        int left = queued.get();
        if (left > 0) {
            LOG.log(Level.WARNING, "event=ddns-sender-closed unsent={0}", left);
        }
    }

    /**
     * A failed call in one line: the code, gRPC's description and the innermost cause, which says
     * why a TLS handshake failed (e.g. no subject alternative name matching the worker's host).
     */
    private static String describe(Status status) {
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return status.getCode() + " " + status.getDescription() + (root == null ? "" : " (" + root.getMessage() + ")");
    }

    /** "host:port" or "[v6]:port". */
    record Endpoint(String host, int port) {
        static Endpoint parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("ddns-worker '" + text + "' is not host:port");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("ddns-worker '" + text + "' has no port 1..65535");
            }
            return new Endpoint(host, port);
        }

        /**
         * The channel's authority, the name the worker's certificate must carry: the host as
         * written (without a trailing dot, which certificates do not have), an IPv6 address in brackets.
         */
        String authority() {
            String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            return (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + port;
        }
    }

    private static final class Lane {
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        boolean busy;
    }

    private static final class Pending {
        final NameChangeRequest request;
        int attempts;
        int failedAttempts;

        Pending(NameChangeRequest request) {
            this.request = request;
        }
    }

    private final class Worker {
        final InetSocketAddress address;
        final String key;
        final ManagedChannel channel;
        final NameChangeServiceGrpc.NameChangeServiceFutureStub stub;
        volatile long unhealthyUntil = System.nanoTime();
        volatile int strikes;

        Worker(InetSocketAddress address, Endpoint endpoint) {
            this.address = address;
            this.key = address.getAddress().getHostAddress() + "#" + address.getPort();
            // connects to the address, but speaks to (and with TLS verifies) the endpoint's host
            this.channel = NettyChannelBuilder.forAddress(address, credentials).overrideAuthority(endpoint.authority()).build();
            this.stub = NameChangeServiceGrpc.newFutureStub(channel);
        }

        void answered() {
            strikes = 0;
        }

        /** Left out for a back-off that grows with each failure in a row. */
        void unanswered(Status status) {
            long backoff = Math.min(maxBackoffMillis, firstBackoffMillis << Math.min(16, strikes++));
            unhealthyUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
            if (strikes == 1) {
                LOG.log(Level.WARNING, "event=ddns-worker-unreachable worker={0} authority={1} reason=\"{2}\"", address,
                        channel.authority(), describe(status));
            }
        }
    }
}
