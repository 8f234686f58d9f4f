package dev.kakapo.ddns.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.kakapo.ddns.DdnsWorker;
import dev.kakapo.ddns.config.DdnsDomains;
import dev.kakapo.ddns.config.DhcpDdnsSettings;
import dev.kakapo.proto.ddns.NameChangeRequest;
import dev.kakapo.proto.ddns.NameChangeResult;
import dev.kakapo.proto.ddns.NameChangeServiceGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ddns-worker serving over TLS on loopback, called by a channel with the DHCP server's
 * credentials: certificates from a test authority made by openssl. The worker has no domains,
 * so every request that reaches it is answered REFUSED and counted: a count of 1 means delivered.
 */
class DdnsTlsTest {
    @TempDir
    static Path dir;
    private static TestAuthority ca;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestAuthority.create(dir, "ca");
        ca.issue("worker", "DNS:localhost", "IP:127.0.0.1");
        ca.issue("elsewhere", "DNS:ddns-worker.example.net");
        ca.issue("node");
        TestAuthority.create(dir, "other-ca").issue("stranger");
    }

    private static DdnsWorker worker(String cert, boolean certRequired) throws Exception {
        DhcpDdnsSettings settings = new DhcpDdnsSettings(InetAddress.getByName("127.0.0.1"), 0, Duration.ofMillis(200),
                List.of(), DdnsDomains.NONE, DdnsDomains.NONE);
        return DdnsWorker.start(settings, new DdnsTls(ca.certificate(), dir.resolve(cert + ".pem"), dir.resolve(cert + ".key"),
                certRequired));
    }

    /** The DHCP server's end: trusts the test authority, presents {@code client} when given. */
    private static ChannelCredentials sender(String client) throws Exception {
        return new DdnsTls(ca.certificate(), client == null ? null : dir.resolve(client + ".pem"),
                client == null ? null : dir.resolve(client + ".key"), true).senderCredentials();
    }

    /** One request to the worker on {@code port}, sent to 127.0.0.1 with the channel's authority {@code host}. */
    private static NameChangeResult call(ChannelCredentials credentials, String host, int port) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), credentials)
                .overrideAuthority(host + ":" + port).build();
        try {
            return NameChangeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .apply(NameChangeRequest.newBuilder().setChangeType(NameChangeRequest.ChangeType.ADD).setForwardChange(true)
                            .setFqdn("host.example.com.").setIpAddress("192.0.2.10")
                            .setDhcid(ByteString.copyFrom(new byte[] {0, 2, 1, 0x21})).setLeaseLength(3600).build());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void mutualTlsDeliversARequestVerifiedByHostNameOrAddress() throws Exception {
        try (DdnsWorker worker = worker("worker", true)) {
            assertEquals(NameChangeResult.Status.REFUSED, call(sender("node"), "localhost", worker.port()).getStatus());
            assertEquals(NameChangeResult.Status.REFUSED, call(sender("node"), "127.0.0.1", worker.port()).getStatus());
            assertEquals(2, worker.counters().refused());
        }
    }

    @Test
    void aWorkerRequiringClientCertificatesRefusesAClientWithoutOneOrFromAnotherAuthority() throws Exception {
        try (DdnsWorker worker = worker("worker", true)) {
            StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
                    () -> call(sender(null), "localhost", worker.port()));
            assertEquals(Status.Code.UNAVAILABLE, none.getStatus().getCode(), none::toString);
            ChannelCredentials stranger = new DdnsTls(ca.certificate(), dir.resolve("stranger.pem"), dir.resolve("stranger.key"),
                    true).senderCredentials();
            assertThrows(StatusRuntimeException.class, () -> call(stranger, "localhost", worker.port()));
            assertEquals(0, worker.counters().refused(), "nothing reached the service");
        }
        try (DdnsWorker worker = worker("worker", false)) {
            assertEquals(NameChangeResult.Status.REFUSED, call(sender(null), "localhost", worker.port()).getStatus());
        }
    }

    @Test
    void aWorkerCertificateForAnotherNameOrWithoutTheAddressIsRefused() throws Exception {
        try (DdnsWorker worker = worker("elsewhere", true)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> call(sender("node"), "localhost", worker.port()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e::toString);
            assertThrows(StatusRuntimeException.class, () -> call(sender("node"), "127.0.0.1", worker.port()));
            // the name it does carry is accepted: only the name was wrong
            assertEquals(NameChangeResult.Status.REFUSED,
                    call(sender("node"), "ddns-worker.example.net", worker.port()).getStatus());
            assertEquals(1, worker.counters().refused());
        }
    }

    @Test
    void aPlaintextClientGetsNothingFromATlsWorker() throws Exception {
        try (DdnsWorker worker = worker("worker", false)) {
            assertThrows(StatusRuntimeException.class, () -> call(InsecureChannelCredentials.create(), "localhost", worker.port()));
            assertEquals(0, worker.counters().refused());
        }
    }

    @Test
    void aKeyIsMatchedWithItsOwnCertificateOnly() throws Exception {
        assertTrue(PemFiles.keyMatches(PemFiles.privateKey(dir.resolve("node.key")),
                PemFiles.certificates(dir.resolve("node.pem")).get(0)));
        assertFalse(PemFiles.keyMatches(PemFiles.privateKey(dir.resolve("worker.key")),
                PemFiles.certificates(dir.resolve("node.pem")).get(0)));
    }
}
