package dev.kakapo.server.dhcp6;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.Duid;
import dev.kakapo.protocol.v6.IaAddress;
import dev.kakapo.protocol.v6.IaPrefix;
import dev.kakapo.protocol.v6.IdentityAssociation;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.protocol.v6.RelayMessage6;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A test DHCPv6 relay agent on loopback: it wraps clients' messages in RELAY-FORW (link-address
 * on the served subnet, an interface-id, and RFC 8357's relay source port option so the server
 * answers it at its own port) and unwraps the RELAY-REPL the server sends back.
 */
final class Relay6Client implements AutoCloseable {
    static final byte[] INTERFACE_ID = "ge-0/0/7".getBytes();
    final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Ipv6Address linkAddress;
    private final byte[] interfaceId;

    Relay6Client(int serverPort, String linkAddress) throws IOException {
        this(serverPort, linkAddress, INTERFACE_ID);
    }

    Relay6Client(int serverPort, String linkAddress, byte[] interfaceId) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        socket.setSoTimeout(5000);
        server = new InetSocketAddress(InetAddress.getByName("::1"), serverPort);
        this.linkAddress = Ipv6Address.parse(linkAddress);
        this.interfaceId = interfaceId.clone();
    }

    static Duid duid(int n) {
        return Duid.ll(1, new byte[] {0x02, 0x00, 0x5e, 0x20, (byte) (n >> 8), (byte) n});
    }

    static Option6 iaNa(long iaid, Option6... inner) {
        return IdentityAssociation.iaNa(iaid, 0, 0, Options6.of(List.of(inner))).toOption();
    }

    static Option6 iaPd(long iaid, Option6... inner) {
        return IdentityAssociation.iaPd(iaid, 0, 0, Options6.of(List.of(inner))).toOption();
    }

    static Option6 iaAddress(Ipv6Address a) {
        return new IaAddress(a.toBytes(), 0, 0, Options6.none()).toOption();
    }

    static Option6 iaPrefix(Ipv6Address p, int length) {
        return new IaPrefix(0, 0, length, p.toBytes(), Options6.none()).toOption();
    }

    /** A client message with the client id of client {@code n}, an ORO asking for DNS servers, and {@code more}. */
    static Message6 message(MessageType6 type, int n, Option6... more) {
        List<Option6> options = new ArrayList<>();
        options.add(new Option6(OptionCode6.CLIENTID, duid(n).bytes()));
        options.add(new Option6(OptionCode6.ORO, new byte[] {0, (byte) OptionCode6.DNS_SERVERS}));
        options.add(new Option6(OptionCode6.ELAPSED_TIME, new byte[] {0, 0}));
        options.addAll(List.of(more));
        return Message6.of(type.code(), ThreadLocalRandom.current().nextInt(1 << 24), Options6.of(options));
    }

    /** {@code inner} wrapped in one RELAY-FORW by this relay. */
    byte[] relayed(byte[] inner, int hopCount) {
        byte[] port = {(byte) (socket.getLocalPort() >> 8), (byte) socket.getLocalPort()};
        return new RelayMessage6(MessageType6.RELAY_FORW.code(), hopCount, linkAddress.toBytes(),
                Ipv6Address.parse("fe80::2:1").toBytes(), Options6.of(List.of(
                        new Option6(OptionCode6.INTERFACE_ID, interfaceId),
                        new Option6(Dhcp6Processor.RELAY_SOURCE_PORT, port),
                        new Option6(OptionCode6.RELAY_MSG, inner)))).encode();
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** Relays {@code m} and returns the server's answer, unwrapped (its relays checked by the caller). */
    Packet6 exchange(Message6 m) throws Exception {
        sendRaw(relayed(m.encode(), 0));
        return receive(m.transactionId());
    }

    Packet6 receive(int xid) throws Exception {
        byte[] buf = new byte[4096];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            Packet6 reply = Packet6.decode(buf, 0, p.getLength());
            if (reply.message().transactionId() == xid) {
                return reply;
            }
        }
    }

    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            socket.receive(new DatagramPacket(new byte[4096], 4096));
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
