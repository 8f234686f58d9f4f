package dev.kakapo.server.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The event loops and UDP sockets of one family's listener: epoll where Netty's native transport
 * loads, NIO otherwise (then without device binding). Every socket gets the same pipeline —
 * decode, encode, respond — and knows its {@link Link}.
 */
final class UdpTransport implements AutoCloseable {
    /** Linux: SOL_SOCKET = 1, SO_BINDTODEVICE = 25; the value is the interface name, IFNAMSIZ = 16 bytes. */
    private static final RawUnixChannelOption SO_BINDTODEVICE = new RawUnixChannelOption("SO_BINDTODEVICE", 1, 25, 16);
    /**
     * Linux: IPPROTO_IPV6 = 41, IPV6_V6ONLY = 26. A DHCPv6 socket must not also take IPv4 (Linux
     * makes [::] dual-stack by default), or it would read the DHCPv4 traffic of the same port.
     */
    private static final IntegerUnixChannelOption IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);

    /** How long a stop waits for the messages already read to be answered. */
    static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger("dev.kakapo.server.net");

    private final boolean epoll = Epoll.isAvailable();
    private final int eventLoops;
    private final EventLoopGroup group;
    private final ChannelHandler[] handlers;
    private final List<Channel> channels = new ArrayList<>();

    /** @param handlers the shared (sharable) decoder, encoder and responder, in pipeline order */
    UdpTransport(int eventLoops, ChannelHandler... handlers) {
        this.eventLoops = Math.max(1, eventLoops);
        this.group = new MultiThreadIoEventLoopGroup(this.eventLoops,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.handlers = handlers.clone();
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }

    /**
     * How many sockets a unicast-only address gets: one per event loop, spread by SO_REUSEPORT.
     * Broadcast and multicast are copied to every such socket, so those get exactly one.
     */
    int copiesFor(boolean unicastOnly) {
        return unicastOnly && epoll ? eventLoops : 1;
    }

    /** Binds one socket to {@code address} on {@code device}, with {@code reusePort} when several share it. */
    Channel bind(SocketProtocolFamily family, InetSocketAddress address, Link link, boolean reusePort) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory(() -> epoll ? new EpollDatagramChannel(family) : new NioDatagramChannel(family))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                // Whole datagrams, so an oversized one is seen as such rather than cut short.
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
                .attr(Link.KEY, link)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(handlers);
                    }
                });
        if (family == SocketProtocolFamily.INET) {
            b.option(ChannelOption.SO_BROADCAST, true);
        }
        if (epoll) {
            if (family == SocketProtocolFamily.INET) {
                b.option(EpollChannelOption.IP_RECVORIGDSTADDR, true);
            } else {
                b.option(IPV6_V6ONLY, 1);
            }
            b.option(SO_BINDTODEVICE, deviceName(link.interfaceName()));
            if (reusePort) {
                b.option(EpollChannelOption.SO_REUSEPORT, true);
            }
        }
        Channel ch = b.bind(address).sync().channel();
        channels.add(ch);
        return ch;
    }

    private static ByteBuffer deviceName(String name) {
        ByteBuffer b = ByteBuffer.allocateDirect(16);
        b.put(name.getBytes(StandardCharsets.US_ASCII)).clear();
        return b;
    }

    /**
     * Stops reading first, lets the messages already read be answered (up to {@link #IN_FLIGHT_GRACE};
     * a lease is acknowledged only once durable, so one still waiting then is dropped, never half
     * granted), then closes the sockets.
     */
    @Override
    public void close() {
        for (Channel c : channels) {
            // on the channel's own event loop: a batch being read is handed over before reading stops
            c.eventLoop().submit(() -> c.config().setAutoRead(false)).awaitUninterruptibly();
        }
        for (ChannelHandler h : handlers) {
            if (h instanceof Responder<?> responder) {
                try {
                    if (!responder.awaitIdle(IN_FLIGHT_GRACE)) {
                        LOG.log(System.Logger.Level.WARNING, "event=stop-unanswered in-flight={0} grace-ms={1}",
                                responder.inFlight(), IN_FLIGHT_GRACE.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (Channel c : channels) {
            c.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
