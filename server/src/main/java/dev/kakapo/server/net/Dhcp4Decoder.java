package dev.kakapo.server.net;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.server.dhcp4.Inbound4;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Decodes each datagram exactly once into an {@link Inbound4}. A malformed packet is counted
 * under {@code pkt4-parse-failed} with its reason and dropped here; nothing past this handler
 * sees it.
 */
@ChannelHandler.Sharable
final class Dhcp4Decoder extends MessageToMessageDecoder<DatagramPacket> {
    /**
     * Larger than any DHCPv4 message a client or relay sends, even over jumbo frames (Kea reads
     * at most 1500 bytes); anything bigger is not DHCP and is not worth parsing.
     */
    static final int MAX_MESSAGE_SIZE = 8192;

    private final PacketCounters counters;

    Dhcp4Decoder(PacketCounters counters) {
        this.counters = counters;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf buf = packet.content();
        InetSocketAddress sender = packet.sender();
        Link link = ctx.channel().attr(Link.KEY).get();
        if (buf.readableBytes() > MAX_MESSAGE_SIZE) {
            counters.increment("pkt4-received");
            counters.drop("pkt4-parse-failed", "oversized", buf.readableBytes() + " bytes from " + sender);
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(buf);
        try {
            Message4 message = Message4.decode(bytes);
            int source = sender != null && sender.getAddress() instanceof java.net.Inet4Address a ? Ipv4.fromBytes(a.getAddress(), 0) : 0;
            InetSocketAddress recipient = packet.recipient();
            boolean broadcast = recipient == null || recipient.getAddress() == null
                    || recipient.getAddress().isAnyLocalAddress() || isBroadcast(recipient, link);
            out.add(new Inbound4(message, source, sender == null ? 0 : sender.getPort(), link.interfaceName(),
                    link.address(), broadcast, bytes.length));
        } catch (MalformedPacketException e) {
            counters.increment("pkt4-received");
            counters.drop("pkt4-parse-failed", e.reason().name().toLowerCase().replace('_', '-'),
                    e.getMessage() + " (" + bytes.length + " bytes from " + sender + ")");
        }
    }

    private static boolean isBroadcast(InetSocketAddress recipient, Link link) {
        byte[] a = recipient.getAddress().getAddress();
        if (a.length != 4) {
            return false;
        }
        int dst = Ipv4.fromBytes(a, 0);
        return dst == 0xffffffff || (link.broadcast() != 0 && dst == link.broadcast());
    }
}
