package dev.kakapo.server.ddns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.kakapo.proto.ddns.NameChangeRequest;
import dev.kakapo.proto.ddns.NameChangeResult;
import dev.kakapo.proto.ddns.NameChangeServiceGrpc;
import dev.kakapo.server.testing.FreePorts;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NameChangeSender} against gRPC workers on loopback that record what reaches them (the
 * DNS side of a worker is tested in the ddns-worker module): one worker per FQDN, order per FQDN,
 * failover, retry until a worker is back, the queue bound.
 */
class NameChangeSenderTest {
    /** Retries come sooner than in service, so a test sees several. */
    private static final Duration FAST = Duration.ofMillis(5);
    /** ...and never wait long, so a worker that comes back is used at once however busy the machine. */
    private static final Duration FAST_CAP = Duration.ofMillis(200);
    private final List<Server> servers = new ArrayList<>();
    private NameChangeSender sender;

    /** A worker that records the requests it is given, in order, and answers with {@code answer}. */
    static final class RecordingWorker extends NameChangeServiceGrpc.NameChangeServiceImplBase {
        final List<NameChangeRequest> seen = new CopyOnWriteArrayList<>();
        volatile NameChangeResult.Status answer = NameChangeResult.Status.APPLIED;
        volatile boolean malformed;

        @Override
        public void apply(NameChangeRequest request, StreamObserver<NameChangeResult> response) {
            seen.add(request);
            if (malformed) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("fqdn is not absolute").asRuntimeException());
                return;
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(3)); // answers come back out of step
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.onNext(NameChangeResult.newBuilder().setStatus(answer).setDetail("test").build());
            response.onCompleted();
        }
    }

    private Server serve(int port, RecordingWorker worker) throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(worker)
                .build().start();
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        if (sender != null) {
            sender.close();
        }
        for (Server s : servers) {
            s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static NameChangeRequest request(String fqdn, int n) {
        return NameChangeRequest.newBuilder().setChangeType(NameChangeRequest.ChangeType.ADD).setForwardChange(true)
                .setFqdn(fqdn).setIpAddress("192.0.2." + (n % 250 + 1)).setDhcid(ByteString.copyFrom(new byte[] {0, 1, 1, (byte) n}))
                .setLeaseExpiresOn(1_800_000_000L + n).setLeaseLength(3600).build();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void eachNameGoesToOneWorkerInTheOrderSubmitted() throws Exception {
        RecordingWorker[] workers = {new RecordingWorker(), new RecordingWorker(), new RecordingWorker()};
        List<String> endpoints = new ArrayList<>();
        for (RecordingWorker w : workers) {
            int port = FreePorts.tcp();
            serve(port, w);
            endpoints.add("127.0.0.1:" + port);
        }
        sender = new NameChangeSender(endpoints, 10_000, Duration.ofSeconds(5), FAST, FAST_CAP);
        int names = 60;
        int perName = 20;
        for (int round = 0; round < perName; round++) {
            for (int n = 0; n < names; n++) {
                assertTrue(sender.submit(request("host-" + n + ".example.com.", round)));
            }
        }
        await(() -> sender.counts().applied() == names * perName, "every request applied");
        Map<String, Integer> workerOf = new ConcurrentHashMap<>();
        for (int w = 0; w < workers.length; w++) {
            Map<String, List<Long>> order = new java.util.HashMap<>();
            for (NameChangeRequest r : workers[w].seen) {
                Integer earlier = workerOf.putIfAbsent(r.getFqdn(), w);
                assertEquals(earlier == null ? w : earlier, w, r.getFqdn() + " went to two workers");
                order.computeIfAbsent(r.getFqdn(), f -> new ArrayList<>()).add(r.getLeaseExpiresOn());
            }
            for (List<Long> sent : order.values()) {
                List<Long> sorted = new ArrayList<>(sent);
                Collections.sort(sorted);
                assertEquals(sorted, sent, "one name's requests arrive in the order submitted");
            }
        }
        assertEquals(names, workerOf.size());
        assertEquals(3, new HashSet<>(workerOf.values()).size(), "the names are spread over every worker");
        assertEquals(0, sender.queueDepth());
    }

    @Test
    void requestsWaitWhileNoWorkerAnswersAndGoOutWhenOneIsBack() throws Exception {
        int port = FreePorts.tcp();
        sender = new NameChangeSender(List.of("127.0.0.1:" + port), 100, Duration.ofSeconds(2), FAST, FAST_CAP);
        for (int n = 0; n < 10; n++) {
            assertTrue(sender.submit(request("down-" + n + ".example.com.", n)));
        }
        await(() -> sender.counts().retries() >= 10, "every request was tried and will be again");
        assertEquals(10, sender.queueDepth(), "nothing is lost while the worker is away");
        RecordingWorker worker = new RecordingWorker();
        serve(port, worker);
        await(() -> sender.counts().applied() == 10, "all ten applied once the worker is back");
        assertEquals(10, worker.seen.size());
    }

    @Test
    void aWorkerThatStopsAnsweringIsLeftOutAndTheOtherTakesItsNames() throws Exception {
        RecordingWorker first = new RecordingWorker();
        RecordingWorker second = new RecordingWorker();
        int firstPort = FreePorts.tcp();
        int secondPort = FreePorts.tcp();
        Server firstServer = serve(firstPort, first);
        serve(secondPort, second);
        sender = new NameChangeSender(List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + secondPort), 1000,
                Duration.ofSeconds(2), FAST, FAST_CAP);
        for (int n = 0; n < 40; n++) {
            sender.submit(request("move-" + n + ".example.com.", n));
        }
        await(() -> sender.counts().applied() == 40, "first forty applied");
        assertFalse(first.seen.isEmpty());
        firstServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        second.seen.clear();
        for (int n = 0; n < 40; n++) {
            sender.submit(request("move-" + n + ".example.com.", 100 + n));
        }
        await(() -> sender.counts().applied() == 80, "the second forty applied by the worker left");
        assertEquals(40, second.seen.size());
    }

    @Test
    void aFullQueueDropsAndCountsRatherThanWait() throws Exception {
        int port = FreePorts.tcp(); // nobody listens: everything stays queued
        sender = new NameChangeSender(List.of("127.0.0.1:" + port), 5, Duration.ofSeconds(1), FAST, FAST_CAP);
        int accepted = 0;
        for (int n = 0; n < 8; n++) {
            if (sender.submit(request("full-" + n + ".example.com.", n))) {
                accepted++;
            }
        }
        assertEquals(5, accepted);
        assertEquals(3, sender.counts().dropped());
    }

    @Test
    void aMalformedRequestIsNotRetriedAndFailedOnesAreRetriedABoundedNumberOfTimes() throws Exception {
        RecordingWorker worker = new RecordingWorker();
        int port = FreePorts.tcp();
        serve(port, worker);
        sender = new NameChangeSender(List.of("127.0.0.1:" + port), 100, Duration.ofSeconds(2), FAST, FAST_CAP);
        worker.malformed = true;
        sender.submit(request("bad.example.com.", 1));
        await(() -> sender.counts().invalid() == 1, "counted invalid");
        assertEquals(1, worker.seen.size(), "not sent again");

        worker.malformed = false;
        worker.answer = NameChangeResult.Status.FAILED;
        worker.seen.clear();
        sender.submit(request("unreachable-dns.example.com.", 2));
        await(() -> sender.counts().failed() == 1 && sender.queueDepth() == 0, "given up after its attempts");
        assertEquals(NameChangeSender.FAILED_ATTEMPTS, worker.seen.size());
        assertEquals(0, sender.queueDepth());
    }

    @Test
    void endpointsAreHostAndPort() {
        assertEquals(new NameChangeSender.Endpoint("2001:db8::5", 53001), NameChangeSender.Endpoint.parse("[2001:db8::5]:53001"));
        assertEquals(new NameChangeSender.Endpoint("workers.example", 7), NameChangeSender.Endpoint.parse("workers.example:7"));
        for (String bad : new String[] {"workers.example", "host:", ":53", "host:0", "host:x"}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> NameChangeSender.Endpoint.parse(bad), bad);
        }
        Set<Long> scores = new HashSet<>();
        for (String w : new String[] {"a", "b", "c"}) {
            scores.add(NameChangeSender.mix("host.example.com.", w));
        }
        assertEquals(3, scores.size());
    }
}
