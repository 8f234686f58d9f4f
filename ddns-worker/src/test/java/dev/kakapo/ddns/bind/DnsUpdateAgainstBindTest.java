package dev.kakapo.ddns.bind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.kakapo.ddns.DdnsWorker;
import dev.kakapo.ddns.NameChange;
import dev.kakapo.ddns.NameChangeEngine;
import dev.kakapo.ddns.config.DhcpDdnsReader;
import dev.kakapo.ddns.config.DhcpDdnsSettings;
import dev.kakapo.proto.ddns.NameChangeRequest;
import dev.kakapo.proto.ddns.NameChangeResult;
import dev.kakapo.proto.ddns.NameChangeServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The whole path against a real BIND 9: a gRPC request to a running worker, RFC 4703 updates
 * signed with TSIG (HMAC-SHA256 forward, HMAC-SHA512 reverse), and the records read back from
 * BIND. Needs Debian's bind9 package (the e2e profile; {@code .ci/run} installs it).
 */
@Tag("e2e")
class DnsUpdateAgainstBindTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] CLIENT_A = dhcid(0x11);
    private static final byte[] CLIENT_B = dhcid(0x22);

    private static BindServer bind;
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();

    @BeforeAll
    static void startBind() throws Exception {
        bind = BindServer.start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.get(i).close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    /** A DHCID RDATA of a DUID client (type 2, SHA-256), the digest filled with {@code fill}. */
    private static byte[] dhcid(int fill) {
        byte[] rdata = new byte[35];
        rdata[1] = 2;
        rdata[2] = 1;
        Arrays.fill(rdata, 3, 35, (byte) fill);
        return rdata;
    }

    /** The worker's configuration as a Kea file would say it, pointed at this BIND. */
    private static String config(String forwardSecret, String forwardServers) {
        BindServer.Key sha256 = bind.key("kakapo-sha256");
        BindServer.Key sha512 = bind.key("kakapo-sha512");
        String bindServer = "{ 'ip-address': '127.0.0.1', 'port': " + bind.port() + " }";
        return ("""
                { 'ip-address': '127.0.0.1', 'port': 53001, 'dns-server-timeout': 2000,
                  'tsig-keys': [
                    { 'name': 'kakapo-sha256', 'algorithm': 'HMAC-SHA256', 'secret': '%s' },
                    { 'name': 'kakapo-sha512', 'algorithm': 'hmac-sha512', 'secret': '%s' } ],
                  'forward-ddns': { 'ddns-domains': [
                    { 'name': 'example.com.', 'key-name': 'kakapo-sha256', 'dns-servers': [ %s ] } ] },
                  'reverse-ddns': { 'ddns-domains': [
                    { 'name': '2.0.192.in-addr.arpa.', 'key-name': 'kakapo-sha512', 'dns-servers': [ %s ] },
                    { 'name': '8.b.d.0.1.0.0.2.ip6.arpa.', 'key-name': 'kakapo-sha512', 'dns-servers': [ %s ] } ] } }
                """).formatted(forwardSecret.equals("right") ? sha256.secret() : forwardSecret, sha512.secret(),
                forwardServers.isEmpty() ? bindServer : forwardServers, bindServer, bindServer).replace('\'', '"');
    }

    /** A worker on a free port with {@code config}, and a client stub for it. */
    private static NameChangeServiceGrpc.NameChangeServiceBlockingStub worker(String config) throws Exception {
        DhcpDdnsSettings settings = DhcpDdnsReader.read(JSON.readTree(config)).withPort(0);
        DdnsWorker worker = DdnsWorker.start(settings);
        CLOSE.add(worker);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", worker.port()).usePlaintext().build();
        CLOSE.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
        return NameChangeServiceGrpc.newBlockingStub(channel);
    }

    private static NameChangeServiceGrpc.NameChangeServiceBlockingStub worker() throws Exception {
        return worker(config("right", ""));
    }

    private static NameChangeResult apply(NameChangeServiceGrpc.NameChangeServiceBlockingStub stub,
                                          NameChangeRequest.ChangeType type, String fqdn, String address, byte[] dhcid) {
        return stub.withDeadlineAfter(60, TimeUnit.SECONDS).apply(NameChangeRequest.newBuilder()
                .setChangeType(type)
                .setForwardChange(true)
                .setReverseChange(true)
                .setFqdn(fqdn)
                .setIpAddress(address)
                .setDhcid(ByteString.copyFrom(dhcid))
                .setLeaseLength(1200)
                .build());
    }

    private static NameChangeResult add(NameChangeServiceGrpc.NameChangeServiceBlockingStub stub, String fqdn, String address, byte[] dhcid) {
        return apply(stub, NameChangeRequest.ChangeType.ADD, fqdn, address, dhcid);
    }

    private static NameChangeResult remove(NameChangeServiceGrpc.NameChangeServiceBlockingStub stub, String fqdn, String address, byte[] dhcid) {
        return apply(stub, NameChangeRequest.ChangeType.REMOVE, fqdn, address, dhcid);
    }

    private static List<String> addresses(String fqdn, int type) throws Exception {
        return bind.query(fqdn, type).stream()
                .map(r -> r instanceof ARecord a ? a.getAddress().getHostAddress() : ((AAAARecord) r).getAddress().getHostAddress())
                .toList();
    }

    private static byte[] dhcidAt(String owner) throws Exception {
        List<Record> records = bind.query(owner, Type.DHCID);
        assertEquals(1, records.size(), "one DHCID at " + owner + ": " + records);
        return ((DHCIDRecord) records.get(0)).getData();
    }

    private static List<Name> ptrTargets(String reverse) throws Exception {
        return bind.query(reverse, Type.PTR).stream().map(r -> ((PTRRecord) r).getTarget()).toList();
    }

    private static void assertApplied(NameChangeResult result) throws Exception {
        assertEquals(NameChangeResult.Status.APPLIED, result.getStatus(), result.getDetail() + "\n" + bind.log());
    }

    @Test
    void addThenRemoveIpv4() throws Exception {
        var stub = worker();
        assertApplied(add(stub, "alpha.example.com.", "192.0.2.10", CLIENT_A));
        assertEquals(List.of("192.0.2.10"), addresses("alpha.example.com.", Type.A));
        assertArrayEquals(CLIENT_A, dhcidAt("alpha.example.com."));
        assertEquals(List.of(Name.fromString("alpha.example.com.")), ptrTargets("10.2.0.192.in-addr.arpa."));
        assertArrayEquals(CLIENT_A, dhcidAt("10.2.0.192.in-addr.arpa."));
        assertEquals(1200, bind.query("alpha.example.com.", Type.A).get(0).getTTL(), "TTL = lease length");

        assertApplied(remove(stub, "alpha.example.com.", "192.0.2.10", CLIENT_A));
        assertEquals(List.of(), bind.query("alpha.example.com.", Type.ANY));
        assertEquals(List.of(), bind.query("10.2.0.192.in-addr.arpa.", Type.ANY));
    }

    @Test
    void addThenRemoveIpv6() throws Exception {
        var stub = worker();
        String reverse = "1.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
        assertApplied(add(stub, "beta.example.com.", "2001:db8::21", CLIENT_A));
        assertEquals(List.of("2001:db8:0:0:0:0:0:21"), addresses("beta.example.com.", Type.AAAA));
        assertEquals(List.of(), bind.query("beta.example.com.", Type.A));
        assertArrayEquals(CLIENT_A, dhcidAt("beta.example.com."));
        assertEquals(List.of(Name.fromString("beta.example.com.")), ptrTargets(reverse));

        assertApplied(remove(stub, "beta.example.com.", "2001:db8::21", CLIENT_A));
        assertEquals(List.of(), bind.query("beta.example.com.", Type.ANY));
        assertEquals(List.of(), bind.query(reverse, Type.ANY));
    }

    @Test
    void anotherClientsAddIsAConflictAndChangesNothing() throws Exception {
        var stub = worker();
        assertApplied(add(stub, "gamma.example.com.", "192.0.2.30", CLIENT_A));
        NameChangeResult second = add(stub, "gamma.example.com.", "192.0.2.31", CLIENT_B);
        assertEquals(NameChangeResult.Status.CONFLICT, second.getStatus(), second.getDetail());
        assertTrue(second.getDetail().contains("conflict"), second.getDetail());
        assertEquals(List.of("192.0.2.30"), addresses("gamma.example.com.", Type.A));
        assertArrayEquals(CLIENT_A, dhcidAt("gamma.example.com."));
        assertEquals(List.of(), ptrTargets("31.2.0.192.in-addr.arpa."), "a conflict stops before the reverse");

        NameChangeResult foreignRemove = remove(stub, "gamma.example.com.", "192.0.2.30", CLIENT_B);
        assertEquals(NameChangeResult.Status.CONFLICT, foreignRemove.getStatus(), foreignRemove.getDetail());
        assertEquals(List.of("192.0.2.30"), addresses("gamma.example.com.", Type.A));
        assertEquals(List.of(Name.fromString("gamma.example.com.")), ptrTargets("30.2.0.192.in-addr.arpa."));
    }

    @Test
    void theSameClientMovingAddressReplacesIt() throws Exception {
        var stub = worker();
        assertApplied(add(stub, "delta.example.com.", "192.0.2.40", CLIENT_A));
        NameChangeResult moved = add(stub, "delta.example.com.", "192.0.2.41", CLIENT_A);
        assertApplied(moved);
        assertTrue(moved.getDetail().contains("replaced"), moved.getDetail());
        assertEquals(List.of("192.0.2.41"), addresses("delta.example.com.", Type.A));
        assertEquals(List.of(Name.fromString("delta.example.com.")), ptrTargets("41.2.0.192.in-addr.arpa."));
    }

    @Test
    void aWrongKeyIsRefusedWithTheResponseCode() throws Exception {
        String wrongSecret = Base64.getEncoder().encodeToString(new byte[32]);
        var stub = worker(config(wrongSecret, ""));
        NameChangeResult result = add(stub, "epsilon.example.com.", "192.0.2.50", CLIENT_A);
        assertEquals(NameChangeResult.Status.REFUSED, result.getStatus(), result.getDetail());
        assertTrue(result.getDetail().contains("NOTAUTH"), result.getDetail());
        assertEquals(List.of(), bind.query("epsilon.example.com.", Type.ANY));
    }

    /** digest-bits: BIND truncates its MACs to 128 bits and accepts Kakapo's full-length ones. */
    @Test
    void aKeyWithTruncatedMacsWorks() throws Exception {
        String config = config("right", "")
                .replace("\"tsig-keys\": [", "\"tsig-keys\": [ { \"name\": \"kakapo-sha256-128\", \"algorithm\": \"HMAC-SHA256\", "
                        + "\"digest-bits\": 128, \"secret\": \"" + bind.key("kakapo-sha256-128").secret() + "\" },")
                .replace("\"key-name\": \"kakapo-sha256\"", "\"key-name\": \"kakapo-sha256-128\"");
        var stub = worker(config);
        assertApplied(add(stub, "theta.example.com.", "192.0.2.80", CLIENT_A));
        assertEquals(List.of("192.0.2.80"), addresses("theta.example.com.", Type.A));
    }

    @Test
    void aDeadFirstServerIsPassedOver() throws Exception {
        try (DatagramSocket dead = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            String servers = "{ 'ip-address': '127.0.0.1', 'port': " + dead.getLocalPort() + " }, "
                    + "{ 'ip-address': '127.0.0.1', 'port': " + bind.port() + " }";
            var stub = worker(config("right", servers));
            NameChangeResult result = add(stub, "zeta.example.com.", "192.0.2.60", CLIENT_A);
            assertApplied(result);
            assertTrue(result.getDetail().contains("forward example.com. via 127.0.0.1:" + bind.port()), result.getDetail());
            assertEquals(List.of("192.0.2.60"), addresses("zeta.example.com.", Type.A));
        }
    }

    /**
     * Add, remove and add again of one name, handed to the engine back to back, end in the last
     * change's state. Called on the engine directly: separate gRPC calls carry no order between
     * them. (On loopback BIND tends to keep the order anyway; FqdnQueueTest is what pins the
     * one-at-a-time rule down.)
     */
    @Test
    void backToBackChangesOfOneNameEndInTheLastOnesState() throws Exception {
        DhcpDdnsSettings settings = DhcpDdnsReader.read(JSON.readTree(config("right", "")));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        CLOSE.add(executor::shutdownNow);
        NameChangeEngine engine = new NameChangeEngine(settings, executor);
        NameChangeRequest.Builder base = NameChangeRequest.newBuilder().setForwardChange(true).setReverseChange(true)
                .setFqdn("eta.example.com.").setIpAddress("192.0.2.70").setDhcid(ByteString.copyFrom(CLIENT_A)).setLeaseLength(600);
        var first = engine.apply(NameChange.from(base.setChangeType(NameChangeRequest.ChangeType.ADD).build()));
        var second = engine.apply(NameChange.from(base.setChangeType(NameChangeRequest.ChangeType.REMOVE).build()));
        var third = engine.apply(NameChange.from(base.setChangeType(NameChangeRequest.ChangeType.ADD).setIpAddress("192.0.2.71").build()));
        assertApplied(first.get(60, TimeUnit.SECONDS));
        NameChangeResult removed = second.get(60, TimeUnit.SECONDS);
        assertApplied(removed);
        assertTrue(removed.getDetail().contains("address and name removed"), removed.getDetail());
        NameChangeResult added = third.get(60, TimeUnit.SECONDS);
        assertApplied(added);
        assertTrue(added.getDetail().contains("added"), "the name was free again: " + added.getDetail());
        assertEquals(List.of("192.0.2.71"), addresses("eta.example.com.", Type.A));
        assertEquals(List.of(), ptrTargets("70.2.0.192.in-addr.arpa."));
        assertEquals(List.of(Name.fromString("eta.example.com.")), ptrTargets("71.2.0.192.in-addr.arpa."));
    }
}
