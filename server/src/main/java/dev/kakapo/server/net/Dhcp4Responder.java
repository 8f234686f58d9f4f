package dev.kakapo.server.net;

import dev.kakapo.server.dhcp4.Dhcp4Processor;
import dev.kakapo.server.dhcp4.Inbound4;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * Hands each message to the processor and writes the reply, when there is one, back through the
 * channel it arrived on (so a broadcast leaves by the same link). The processor's future
 * completes on whatever thread made the lease durable; Netty moves the write to the event loop.
 */
@ChannelHandler.Sharable
final class Dhcp4Responder extends SimpleChannelInboundHandler<Inbound4> {
    private final Dhcp4Processor processor;
    private final PacketCounters counters;

    Dhcp4Responder(Dhcp4Processor processor, PacketCounters counters) {
        this.processor = processor;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Inbound4 in) {
        Channel channel = ctx.channel();
        processor.process(in).whenComplete((reply, failure) -> {
            if (failure == null && reply.isPresent()) {
                channel.writeAndFlush(reply.get(), channel.voidPromise());
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.drop("pkt4-receive-drop", "handler-error", String.valueOf(cause));
    }
}
