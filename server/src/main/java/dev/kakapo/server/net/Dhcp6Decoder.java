package dev.kakapo.server.net;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.server.dhcp6.Inbound6;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Decodes each datagram exactly once into an {@link Inbound6}: the relay chain unwrapped and the
 * client's message. A malformed packet is counted under {@code pkt6-parse-failed} with its
 * reason and dropped here.
 */
@ChannelHandler.Sharable
final class Dhcp6Decoder extends MessageToMessageDecoder<DatagramPacket> {
    private final PacketCounters counters;

    Dhcp6Decoder(PacketCounters counters) {
        this.counters = counters;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf buf = packet.content();
        Link link = ctx.channel().attr(Link.KEY).get();
        if (buf.readableBytes() > Dhcp4Decoder.MAX_MESSAGE_SIZE) {
            counters.increment("pkt6-received");
            counters.drop("pkt6-parse-failed", "oversized", buf.readableBytes() + " bytes from " + packet.sender());
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(buf);
        try {
            out.add(new Inbound6(Packet6.decode(bytes), packet.sender(), link.interfaceName(), link.ipv6Addresses(), link.unicast(),
                    bytes.length, link.serverUnicast()));
        } catch (MalformedPacketException e) {
            counters.increment("pkt6-received");
            counters.drop("pkt6-parse-failed", e.reason().name().toLowerCase().replace('_', '-'),
                    e.getMessage() + " (" + bytes.length + " bytes from " + packet.sender() + ")");
        }
    }
}
