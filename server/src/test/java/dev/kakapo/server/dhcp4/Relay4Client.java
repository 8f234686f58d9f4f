package dev.kakapo.server.dhcp4;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A test DHCP relay agent on loopback: it sends clients' messages to the server with its own
 * address as giaddr and receives the replies the server sends back to giaddr at the server port.
 */
public final class Relay4Client implements AutoCloseable {
    final DatagramSocket socket;
    final int giaddr;
    private final InetSocketAddress server;

    public Relay4Client(String relayAddress, String serverAddress, int port) throws IOException {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(relayAddress), port));
        socket.setSoTimeout(5000);
        giaddr = Ipv4.parse(relayAddress);
        server = new InetSocketAddress(InetAddress.getByName(serverAddress), port);
    }

    public static byte[] mac(int n) {
        return new byte[] {0x02, 0x00, 0x5e, 0x10, (byte) (n >> 8), (byte) n};
    }

    /** A client message as this relay forwards it: giaddr set, hops 1, a fresh xid. */
    public static Message4.Builder message(MessageType4 type, byte[] mac) {
        return Message4.builder().op(1).htype(1).chaddr(mac).hops(1).xid(ThreadLocalRandom.current().nextInt())
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) type.code()})
                .option(OptionCode4.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6, 15, 12, 51, 54, 58, 59});
    }

    public void send(Message4.Builder m) throws IOException {
        sendRaw(m.giaddr(giaddr).build().encode());
    }

    public void sendRaw(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /**
     * DISCOVER, then REQUEST of the offered address with the offer's server id, the parameter
     * request list {@code prl}, and the DISCOVER's client id and agent information repeated;
     * returns the answer to the REQUEST, which must be an ACK, as must the offer be an OFFER.
     */
    public Message4 dora(Message4.Builder discover, byte[] mac, byte[] prl) throws Exception {
        Message4 offer = exchange(discover);
        if (offer.messageType() != MessageType4.OFFER) {
            throw new AssertionError("expected an OFFER, got " + offer.messageType());
        }
        Message4.Builder request = message(MessageType4.REQUEST, mac)
                .option(OptionCode4.PARAMETER_REQUEST_LIST, prl)
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID));
        // the client repeats its client id, and the relay adds its agent information again
        for (int code : new int[] {OptionCode4.CLIENT_ID, OptionCode4.RELAY_AGENT_INFO}) {
            byte[] value = discover.build().options().get(code);
            if (value != null) {
                request.option(code, value);
            }
        }
        Message4 ack = exchange(request);
        if (ack.messageType() != MessageType4.ACK) {
            throw new AssertionError("expected an ACK, got " + ack.messageType());
        }
        return ack;
    }

    public Message4 exchange(Message4.Builder m) throws Exception {
        Message4 request = m.giaddr(giaddr).build();
        sendRaw(request.encode());
        return receive(request.xid());
    }

    public Message4 receive(int xid) throws Exception {
        byte[] buf = new byte[2048];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            Message4 reply = Message4.decode(buf, 0, p.getLength());
            if (reply.xid() == xid) {
                return reply;
            }
        }
    }

    /** True when nothing arrives for {@code millis}. */
    public boolean silentFor(int millis) throws IOException {
        int saved = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(saved);
        }
    }

    /** DISCOVER, OFFER, REQUEST, ACK for {@code mac}; returns the ACK. */
    public Message4 dora(byte[] mac) throws Exception {
        Message4 offer = exchange(message(MessageType4.DISCOVER, mac));
        if (offer.messageType() != MessageType4.OFFER) {
            throw new AssertionError("expected OFFER, got " + offer.messageType());
        }
        return exchange(message(MessageType4.REQUEST, mac)
                .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID)));
    }

    @Override
    public void close() {
        socket.close();
    }
}
