package dev.kakapo.server.net;

import dev.kakapo.hooks.Buffer;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * buffer4_receive / buffer6_receive: hands each datagram's bytes to the callouts before the
 * decoder sees them, and passes on the bytes they left, back on the channel's event loop. In the
 * pipeline only when a library has a callout at the point.
 */
@ChannelHandler.Sharable
final class BufferReceiveCallouts extends ChannelInboundHandlerAdapter {
    private final Callouts callouts;
    private final HookPoint point;
    private final PacketCounters counters;
    private final String dropCounter;

    BufferReceiveCallouts(Callouts callouts, HookPoint point, PacketCounters counters, String dropCounter) {
        this.callouts = callouts;
        this.point = point;
        this.counters = counters;
        this.dropCounter = dropCounter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Link link = ctx.channel().attr(Link.KEY).get();
        Buffer buffer = new Buffer(ByteBufUtil.getBytes(packet.content()), link == null ? "" : link.interfaceName());
        DatagramPacket header = new DatagramPacket(Unpooled.EMPTY_BUFFER, packet.recipient(), packet.sender());
        packet.release();
        callouts.run(point, buffer).thenAccept(hooked -> {
            if (hooked.result() == CalloutResult.DROP) {
                counters.increment(dropCounter.startsWith("pkt4") ? "pkt4-received" : "pkt6-received");
                counters.drop(dropCounter, "hook-" + point, "from " + header.sender());
                return;
            }
            // SKIP is CONTINUE here: Kakapo always decodes, the bytes the callouts left
            DatagramPacket replaced = new DatagramPacket(Unpooled.wrappedBuffer(hooked.arguments().bytes()),
                    header.recipient(), header.sender());
            ctx.executor().execute(() -> ctx.fireChannelRead(replaced));
        });
    }
}
