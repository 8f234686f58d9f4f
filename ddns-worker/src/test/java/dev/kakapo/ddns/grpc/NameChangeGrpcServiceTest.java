package dev.kakapo.ddns.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.kakapo.ddns.DdnsWorker;
import dev.kakapo.ddns.config.DdnsDomain;
import dev.kakapo.ddns.config.DdnsDomains;
import dev.kakapo.ddns.config.DhcpDdnsSettings;
import dev.kakapo.ddns.config.DnsServer;
import dev.kakapo.proto.ddns.NameChangeRequest;
import dev.kakapo.proto.ddns.NameChangeResult;
import dev.kakapo.proto.ddns.NameChangeServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The gRPC boundary on loopback, without a DNS server that answers: malformed requests, requests
 * no domain holds, and a domain whose only server never answers.
 */
class NameChangeGrpcServiceTest {
    private DatagramSocket silentDnsServer;
    private DdnsWorker worker;
    private ManagedChannel channel;
    private NameChangeServiceGrpc.NameChangeServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        // bound and never read: updates sent to it time out
        silentDnsServer = new DatagramSocket(new InetSocketAddress(loopback, 0));
        DdnsDomain silent = new DdnsDomain(Name.fromString("example.com."), Optional.empty(),
                List.of(new DnsServer(loopback, silentDnsServer.getLocalPort())));
        DhcpDdnsSettings settings = new DhcpDdnsSettings(loopback, 0, Duration.ofMillis(200), List.of(),
                new DdnsDomains(List.of(silent)), DdnsDomains.NONE);
        worker = DdnsWorker.start(settings);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", worker.port()).usePlaintext().build();
        stub = NameChangeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        worker.close();
        silentDnsServer.close();
    }

    private static NameChangeRequest.Builder request(String fqdn, String address) {
        return NameChangeRequest.newBuilder()
                .setChangeType(NameChangeRequest.ChangeType.ADD)
                .setForwardChange(true)
                .setReverseChange(true)
                .setFqdn(fqdn)
                .setIpAddress(address)
                .setDhcid(ByteString.copyFrom(new byte[] {0, 2, 1, 0x21, (byte) 0x91}))
                .setLeaseLength(3600);
    }

    @Test
    void aMalformedRequestIsAnInvalidArgumentNamingTheField() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.apply(request("host.example.com", "192.0.2.10").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("fqdn: "), e.getStatus().getDescription());

        StatusRuntimeException noDirection = assertThrows(StatusRuntimeException.class,
                () -> stub.apply(request("host.example.com.", "192.0.2.10").setForwardChange(false).setReverseChange(false).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, noDirection.getStatus().getCode());
        assertEquals(2, worker.counters().invalid());
        assertEquals(0, worker.counters().refused() + worker.counters().failed() + worker.counters().applied());
    }

    @Test
    void aNameNoDomainHoldsIsRefusedWithTheReason() {
        NameChangeResult result = stub.apply(request("host.example.org.", "198.51.100.7").build());
        assertEquals(NameChangeResult.Status.REFUSED, result.getStatus());
        assertTrue(result.getDetail().contains("no forward-ddns domain holds host.example.org."), result.getDetail());
        assertTrue(result.getDetail().contains("no reverse-ddns domain holds 7.100.51.198.in-addr.arpa."), result.getDetail());
        assertEquals(1, worker.counters().refused());
    }

    @Test
    void noAnsweringServerFailsTheChangeAndSkippedDirectionsAreNoted() {
        NameChangeResult result = stub.apply(request("host.example.com.", "192.0.2.10").build());
        assertEquals(NameChangeResult.Status.FAILED, result.getStatus());
        assertTrue(result.getDetail().contains("reverse skipped"), result.getDetail());
        assertTrue(result.getDetail().contains("no DNS server answered"), result.getDetail());
        assertTrue(result.getDetail().contains("127.0.0.1:" + silentDnsServer.getLocalPort()), result.getDetail());
        assertEquals(1, worker.counters().failed());
    }
}
