package dev.kakapo.server.dhcp4o6;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.protocol.v6.Dhcp4o6Message;
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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A test DHCPv4-over-DHCPv6 client on loopback: it puts DHCPv4 messages in DHCPV4-QUERY messages
 * and sends them to the DHCPv6 server, directly (from the client port, where the server answers)
 * or through a relay it plays itself (RELAY-FORW with an interface-id and RFC 8357's source port
 * option, so the server answers at its own port).
 */
final class Dhcp4o6Client implements AutoCloseable {
    /** The query's U flag: the client would have unicast this DHCPv4 message. */
    static final int UNICAST = Dhcp4o6Message.UNICAST_FLAG;
    /** RFC 8357's relay source port option. */
    private static final int RELAY_SOURCE_PORT = 135;

    final DatagramSocket socket;
    private final InetSocketAddress server;
    private final byte[] relayInterfaceId;
    /** The last response as it arrived: the DHCPV4-RESPONSE and the relays around it. */
    Packet6 lastResponse;

    private Dhcp4o6Client(int localPort, int serverPort, byte[] relayInterfaceId) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), localPort));
        socket.setSoTimeout(5000);
        server = new InetSocketAddress(InetAddress.getByName("::1"), serverPort);
        this.relayInterfaceId = relayInterfaceId == null ? null : relayInterfaceId.clone();
    }

    /** A client on the link, sending from the client port the server answers at. */
    static Dhcp4o6Client direct(int serverPort, int clientPort) throws IOException {
        return new Dhcp4o6Client(clientPort, serverPort, null);
    }

    /** A client behind a relay that names its link by {@code interfaceId}. */
    static Dhcp4o6Client relayed(int serverPort, String interfaceId) throws IOException {
        return new Dhcp4o6Client(0, serverPort, interfaceId.getBytes());
    }

    static byte[] mac(int n) {
        return new byte[] {0x02, 0x00, 0x5e, 0x46, (byte) (n >> 8), (byte) n};
    }

    /** A DHCPv4 client message as an RFC 7341 client sends it: no giaddr, a fresh xid. */
    static Message4.Builder message(MessageType4 type, byte[] mac) {
        return Message4.builder().op(1).htype(1).chaddr(mac).xid(ThreadLocalRandom.current().nextInt())
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) type.code()})
                .option(OptionCode4.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6, 51, 54});
    }

    /** The bytes of {@code query}, wrapped by the relay when there is one. */
    byte[] framed(Message6 query) {
        byte[] wire = query.encode();
        if (relayInterfaceId == null) {
            return wire;
        }
        byte[] port = {(byte) (socket.getLocalPort() >> 8), (byte) socket.getLocalPort()};
        return new RelayMessage6(MessageType6.RELAY_FORW.code(), 0, Ipv6Address.parse("2001:db8:46::1").toBytes(),
                Ipv6Address.parse("fe80::46:1").toBytes(), Options6.of(List.of(
                        new Option6(OptionCode6.INTERFACE_ID, relayInterfaceId),
                        new Option6(RELAY_SOURCE_PORT, port),
                        new Option6(OptionCode6.RELAY_MSG, wire)))).encode();
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** Sends {@code m} in a DHCPV4-QUERY with {@code flags}; returns the DHCPv4 answer from the DHCPV4-RESPONSE. */
    Message4 exchange(int flags, Message4.Builder m) throws Exception {
        Message4 request = m.build();
        sendRaw(framed(Dhcp4o6Message.query(flags, request).toMessage6()));
        byte[] buf = new byte[4096];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            Packet6 response = Packet6.decode(buf, 0, p.getLength());
            Dhcp4o6Message carried = Dhcp4o6Message.decode(response.message());
            if (carried.dhcp4().xid() == request.xid()) {
                if (carried.type() != MessageType6.DHCPV4_RESPONSE || carried.flags() != flags) {
                    throw new AssertionError("expected a DHCPV4-RESPONSE with flags " + flags + ", got " + response);
                }
                lastResponse = response;
                return carried.dhcp4();
            }
        }
    }

    /** DISCOVER, OFFER, REQUEST, ACK for {@code mac}, each in DHCPv6; returns the ACK. */
    Message4 dora(byte[] mac) throws Exception {
        Message4 offer = exchange(0, message(MessageType4.DISCOVER, mac));
        if (offer.messageType() != MessageType4.OFFER) {
            throw new AssertionError("expected an OFFER, got " + offer.messageType());
        }
        return exchange(0, message(MessageType4.REQUEST, mac)
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID)));
    }

    /** True when nothing arrives for {@code millis}. */
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
