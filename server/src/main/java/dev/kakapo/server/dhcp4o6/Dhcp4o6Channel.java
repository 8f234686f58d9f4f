package dev.kakapo.server.dhcp4o6;

import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The UDP channel on ::1 between a DHCPv6 and a DHCPv4 server in separate processes, as Kea's
 * servers have it: with {@code dhcp4o6-port} P, the DHCPv6 server's end is {@code [::1]:P} and
 * sends to {@code [::1]:P+1}, the DHCPv4 server's end the other way round. Each end has its own
 * event loop; its pipeline is the wire format ({@link ChannelCodec}) and then what the end does
 * with what arrives ({@link ResponseMatcher} or {@link QueryAnswerer}).
 */
public final class Dhcp4o6Channel implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.dhcp4o6");

    private final EventLoopGroup group;
    private final Channel channel;
    private final ResponseMatcher responses;
    private final PacketCounters counters;

    private Dhcp4o6Channel(EventLoopGroup group, Channel channel, ResponseMatcher responses, PacketCounters counters) {
        this.group = group;
        this.channel = channel;
        this.responses = responses;
        this.counters = counters;
    }

    /** The DHCPv6 server's end: its queries go out through {@link #forwarder()}. */
    public static Dhcp4o6Channel dhcp6End(int port, PacketCounters counters) throws IOException, InterruptedException {
        ResponseMatcher responses = new ResponseMatcher(counters);
        return open(port, port + 1, new ChannelCodec(loopback(port + 1), counters, "pkt6-receive-drop"), responses,
                responses, counters);
    }

    /** The DHCPv4 server's end: the queries that arrive are answered by {@code dhcp4}. */
    public static Dhcp4o6Channel dhcp4End(int port, Dhcp4o6Handoff dhcp4, PacketCounters counters)
            throws IOException, InterruptedException {
        return open(port + 1, port, new ChannelCodec(loopback(port), counters, "pkt4-receive-drop"),
                new QueryAnswerer(dhcp4, counters), null, counters);
    }

    private static Dhcp4o6Channel open(int localPort, int peerPort, ChannelCodec codec, ChannelHandler end,
                                       ResponseMatcher responses, PacketCounters counters)
            throws IOException, InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new Bootstrap().group(group)
                    .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET6))
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(codec, end);
                        }
                    })
                    .bind(loopback(localPort)).sync().channel();
            LOG.log(Level.INFO, "event=dhcp4o6-channel local=[::1]:{0,number,#} peer=[::1]:{1,number,#}", localPort, peerPort);
            return new Dhcp4o6Channel(group, channel, responses, counters);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            throw new IOException("cannot open the DHCPv4-over-DHCPv6 channel on [::1]:" + localPort + ": " + e.getMessage(), e);
        }
    }

    /** {@code [::1]:port}. */
    private static InetSocketAddress loopback(int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("sixteen bytes are always an IPv6 address", e);
        }
    }

    /**
     * The DHCPv6 end's handoff: sends the query to the DHCPv4 server and completes with its
     * response, or empty when none comes in time (or too many queries wait already).
     */
    public Dhcp4o6Handoff forwarder() {
        if (responses == null) {
            throw new IllegalStateException("the DHCPv4 end of the channel forwards no queries");
        }
        return query -> {
            CompletableFuture<Optional<Message6>> response = responses.expect(query);
            if (response == null) {
                counters.drop("pkt6-receive-drop", "dhcp4o6-too-many-waiting", "a DHCPV4-QUERY from " + query.sourceAddress());
                return CompletableFuture.completedFuture(Optional.empty());
            }
            channel.writeAndFlush(query).addListener(sent -> {
                if (!sent.isSuccess()) {
                    counters.drop("pkt6-receive-drop", "dhcp4o6-channel-send-failed", String.valueOf(sent.cause()));
                    response.complete(Optional.empty());
                }
            });
            return response;
        };
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
