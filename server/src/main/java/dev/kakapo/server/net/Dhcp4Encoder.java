package dev.kakapo.server.net;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.server.dhcp4.Reply4;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Encodes a {@link Reply4} into the datagram for its destination. */
@ChannelHandler.Sharable
final class Dhcp4Encoder extends MessageToMessageEncoder<Reply4> {
    /** RFC 2131: every client accepts 576-byte messages; beyond that the encoder overloads file and sname. */
    private static final int DEFAULT_MAX_MESSAGE = 576;

    @Override
    protected void encode(ChannelHandlerContext ctx, Reply4 reply, List<Object> out) throws UnknownHostException {
        byte[] bytes = reply.message().encode(DEFAULT_MAX_MESSAGE);
        InetAddress to = InetAddress.getByAddress(Ipv4.toBytes(reply.destinationAddress()));
        out.add(new DatagramPacket(Unpooled.wrappedBuffer(bytes), new InetSocketAddress(to, reply.destinationPort())));
    }
}
