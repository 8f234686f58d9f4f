package dev.kakapo.server.net;

import dev.kakapo.server.dhcp6.Reply6;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Encodes a {@link Reply6}, wrapped for the relays it came through, into the datagram for its destination. */
@ChannelHandler.Sharable
final class Dhcp6Encoder extends MessageToMessageEncoder<Reply6> {

    @Override
    protected void encode(ChannelHandlerContext ctx, Reply6 reply, List<Object> out) {
        out.add(new DatagramPacket(Unpooled.wrappedBuffer(reply.encode()), reply.destination()));
    }
}
