package dev.kakapo.server.dhcp4o6;

import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.coordinator.lease.LeaseNotDurableException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * The DHCPv4 end: each query from the DHCPv6 server goes to the DHCPv4 steps, and the response, when
 * there is one, goes back inside the query's relays (as RELAY-REPLs) with the query's origin, so the
 * DHCPv6 server knows whose it is.
 */
@ChannelHandler.Sharable
final class QueryAnswerer extends SimpleChannelInboundHandler<Dhcp4o6Packet> {
    private final Dhcp4o6Handoff dhcp4;
    private final PacketCounters counters;

    QueryAnswerer(Dhcp4o6Handoff dhcp4, PacketCounters counters) {
        super(Dhcp4o6Packet.class);
        this.dhcp4 = dhcp4;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Dhcp4o6Packet query) {
        Channel channel = ctx.channel();
        dhcp4.answer(query).whenComplete((response, failure) -> {
            if (failure != null) {
                counters.drop("pkt4-receive-drop", LeaseNotDurableException.causes(failure) ? "lease-not-durable" : "processing-failed",
                        failure.toString());
            } else if (response.isPresent()) {
                channel.writeAndFlush(query.withPacket(query.packet().reply(response.get())), channel.voidPromise());
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.drop("pkt4-receive-drop", "handler-error", String.valueOf(cause));
    }
}
