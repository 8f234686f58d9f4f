package dev.kakapo.server.ddns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kakapo.ddns.DdnsWorker;
import dev.kakapo.ddns.config.DdnsDomains;
import dev.kakapo.ddns.config.DhcpDdnsSettings;
import dev.kakapo.ddns.tls.DdnsTls;
import dev.kakapo.ddns.tls.TestAuthority;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NameChangeSender} over TLS to a real ddns-worker on loopback, certificates from a test
 * authority made by openssl. The worker has no domains, so each request that reaches it is
 * answered REFUSED at once and counted on both sides; one that does not reach it stays queued
 * while the sender retries.
 */
class NameChangeSenderTlsTest {
    private static final Duration FAST = Duration.ofMillis(5);
    private static final Duration FAST_CAP = Duration.ofMillis(100);

    @TempDir
    static Path dir;
    private static TestAuthority ca;
    private NameChangeSender sender;
    private DdnsWorker worker;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestAuthority.create(dir, "ca");
        ca.issue("worker", "DNS:localhost", "IP:127.0.0.1", "IP:::1");
        ca.issue("named-only", "DNS:localhost");
        ca.issue("elsewhere", "DNS:ddns-worker.example.net");
        ca.issue("node");
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    private static DdnsTls tls(String cert, boolean certRequired) {
        return new DdnsTls(ca.certificate(), cert == null ? null : dir.resolve(cert + ".pem"),
                cert == null ? null : dir.resolve(cert + ".key"), certRequired);
    }

    private DdnsWorker startWorker(String address, String cert, boolean certRequired) throws Exception {
        DhcpDdnsSettings settings = new DhcpDdnsSettings(InetAddress.getByName(address), 0, Duration.ofMillis(200),
                List.of(), DdnsDomains.NONE, DdnsDomains.NONE);
        worker = DdnsWorker.start(settings, tls(cert, certRequired));
        return worker;
    }

    private NameChangeSender startSender(String endpoint, String clientCert) throws Exception {
        sender = new NameChangeSender(List.of(endpoint), 100, Duration.ofSeconds(5), tls(clientCert, true), FAST, FAST_CAP);
        return sender;
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

    private void submit(int requests) {
        for (int n = 0; n < requests; n++) {
            sender.submit(NameChangeSenderTest.request("host-" + n + ".example.com.", n));
        }
    }

    /** The sender has tried and backed off several times, and the worker has seen nothing. */
    private void assertNotDelivered(int requests) throws InterruptedException {
        await(() -> sender.counts().retries() >= 5, "the sender retried");
        assertEquals(0, worker.counters().refused(), "no request reached the worker");
        assertEquals(0, sender.counts().refused());
        assertEquals(requests, sender.queueDepth(), "the requests wait for a worker that can be verified");
    }

    @Test
    void requestsGoOverMutualTlsToTheWorkerNamedByHostName() throws Exception {
        startWorker("127.0.0.1", "worker", true);
        startSender("localhost:" + worker.port(), "node");
        submit(5);
        await(() -> sender.counts().refused() == 5, "every request answered");
        assertEquals(5, worker.counters().refused());
        assertEquals(0, sender.queueDepth());
    }

    @Test
    void aWorkerNamedByAddressMustHaveTheAddressInItsCertificate() throws Exception {
        startWorker("127.0.0.1", "worker", true);
        startSender("127.0.0.1:" + worker.port(), "node");
        submit(2);
        await(() -> sender.counts().refused() == 2, "both requests answered");
        sender.close();
        worker.close();

        startWorker("127.0.0.1", "named-only", true);
        startSender("127.0.0.1:" + worker.port(), "node");
        submit(2);
        assertNotDelivered(2);
    }

    @Test
    void anIpv6WorkerNamedByAddressIsVerified() throws Exception {
        startWorker("::1", "worker", true);
        startSender("[::1]:" + worker.port(), "node");
        submit(2);
        await(() -> sender.counts().refused() == 2, "both requests answered");
        assertEquals(2, worker.counters().refused());
    }

    @Test
    void aWorkerRequiringClientCertificatesGetsNothingFromASenderWithout() throws Exception {
        startWorker("127.0.0.1", "worker", true);
        startSender("localhost:" + worker.port(), null);
        submit(3);
        assertNotDelivered(3);
    }

    @Test
    void aWorkerCertificateForAnotherHostNameIsRefused() throws Exception {
        startWorker("127.0.0.1", "elsewhere", true);
        startSender("localhost:" + worker.port(), "node");
        submit(3);
        assertNotDelivered(3);
    }
}
