package dev.kakapo.server.dhcp4o6;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageCodec;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The channel's wire format: datagrams from the other server to {@link Dhcp4o6Packet}s, and
 * {@link Dhcp4o6Packet}s to datagrams for it. Datagrams from any other port, and those that do not
 * decode, are counted and dropped here.
 */
@ChannelHandler.Sharable
final class ChannelCodec extends MessageToMessageCodec<DatagramPacket, Dhcp4o6Packet> {
    private final InetSocketAddress peer;
    private final PacketCounters counters;
    private final String dropCounter;

    /** @param dropCounter where a datagram that is dropped here is counted */
    ChannelCodec(InetSocketAddress peer, PacketCounters counters, String dropCounter) {
        this.peer = peer;
        this.counters = counters;
        this.dropCounter = dropCounter;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket datagram, List<Object> out) {
        InetSocketAddress sender = datagram.sender();
        if (sender == null || sender.getPort() != peer.getPort()) {
            counters.drop(dropCounter, "dhcp4o6-not-from-peer", "datagram on the DHCPv4-over-DHCPv6 channel from " + sender
                    + "; only " + peer + " talks here");
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(datagram.content());
        try {
            out.add(Dhcp4o6Packet.decode(bytes));
        } catch (MalformedPacketException e) {
            counters.drop(dropCounter, "dhcp4o6-channel-" + e.reason().name().toLowerCase().replace('_', '-'),
                    e.getMessage() + " (" + bytes.length + " bytes on the DHCPv4-over-DHCPv6 channel)");
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Dhcp4o6Packet packet, List<Object> out) {
        out.add(new DatagramPacket(Unpooled.wrappedBuffer(packet.encode()), peer));
    }
}
