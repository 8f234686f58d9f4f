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
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;

/**
 * buffer4_send / buffer6_send: hands each encoded reply's bytes to the callouts and sends the
 * bytes they left, or nothing when they skipped or dropped it. In the pipeline (before the
 * encoder, so it sees encoded datagrams) only when a library has a callout at the point.
 */
@ChannelHandler.Sharable
final class BufferSendCallouts extends ChannelOutboundHandlerAdapter {
    private final Callouts callouts;
    private final HookPoint point;
    private final PacketCounters counters;
    private final String dropCounter;

    BufferSendCallouts(Callouts callouts, HookPoint point, PacketCounters counters, String dropCounter) {
        this.callouts = callouts;
        this.point = point;
        this.counters = counters;
        this.dropCounter = dropCounter;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.write(msg, promise);
            return;
        }
        Link link = ctx.channel().attr(Link.KEY).get();
        Buffer buffer = new Buffer(ByteBufUtil.getBytes(packet.content()), link == null ? "" : link.interfaceName());
        java.net.InetSocketAddress to = packet.recipient();
        packet.release();
        callouts.run(point, buffer).thenAccept(hooked -> {
            if (hooked.result() != CalloutResult.CONTINUE) {
                counters.drop(dropCounter, "hook-" + point, "to " + to);
                return;
            }
            DatagramPacket replaced = new DatagramPacket(Unpooled.wrappedBuffer(hooked.arguments().bytes()), to);
            ctx.executor().execute(() -> ctx.writeAndFlush(replaced, promise));
        });
    }
}
