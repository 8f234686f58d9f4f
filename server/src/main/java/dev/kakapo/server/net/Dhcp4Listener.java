package dev.kakapo.server.net;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.server.dhcp4.Dhcp4Processor;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.RawUnixChannelOption;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The DHCPv4 sockets: one channel per configured interface, bound to {@code 0.0.0.0:port} and to
 * the device (SO_BINDTODEVICE), so the arrival link is known and broadcasts leave by the right
 * link. Broadcasts are copied to every socket of a device, so a device gets exactly one such
 * channel. An {@code "eth0/192.0.2.1"} entry binds that address instead: it serves unicast
 * (relayed) traffic only, which SO_REUSEPORT spreads over one channel per event loop.
 * Epoll is used where available, NIO otherwise (then without device binding).
 */
public final class Dhcp4Listener implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.net");
    private static final RawUnixChannelOption SO_BINDTODEVICE = new RawUnixChannelOption("SO_BINDTODEVICE", 1, 25, 16);

    private final EventLoopGroup group;
    private final List<Channel> channels;
    private final List<String> links;

    private Dhcp4Listener(EventLoopGroup group, List<Channel> channels, List<String> links) {
        this.group = group;
        this.channels = channels;
        this.links = links;
    }

    /**
     * Binds the sockets for {@code interfaces} (Kea's {@code interfaces-config.interfaces}).
     * Fails with a message naming the interface when one does not exist or has no IPv4 address.
     */
    public static Dhcp4Listener start(List<String> interfaces, int port, int eventLoops, Dhcp4Processor processor,
                                      PacketCounters counters) throws IOException, InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.max(1, eventLoops), io);
        Dhcp4Decoder decoder = new Dhcp4Decoder(counters);
        Dhcp4Encoder encoder = new Dhcp4Encoder();
        Dhcp4Responder responder = new Dhcp4Responder(processor, counters);
        List<Channel> channels = new ArrayList<>();
        List<String> described = new ArrayList<>();
        try {
            for (Endpoint e : resolve(interfaces)) {
                int copies = e.unicastOnly() && epoll ? Math.max(1, eventLoops) : 1;
                for (int i = 0; i < copies; i++) {
                    Bootstrap b = new Bootstrap().group(group)
                            .channelFactory(() -> epoll ? new EpollDatagramChannel(SocketProtocolFamily.INET)
                                    : new NioDatagramChannel(SocketProtocolFamily.INET))
                            .option(ChannelOption.SO_REUSEADDR, true)
                            .option(ChannelOption.SO_BROADCAST, true)
                            .option(ChannelOption.SO_RCVBUF, 4 << 20)
                            // Whole datagrams, so an oversized one is seen as such rather than cut short.
                            .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
                            .attr(Link.KEY, e.link())
                            .handler(new ChannelInitializer<Channel>() {
                                @Override
                                protected void initChannel(Channel ch) {
                                    ch.pipeline().addLast("decode", decoder).addLast("encode", encoder).addLast("respond", responder);
                                }
                            });
                    if (epoll) {
                        b.option(EpollChannelOption.IP_RECVORIGDSTADDR, true);
                        b.option(SO_BINDTODEVICE, deviceName(e.link().interfaceName()));
                        if (copies > 1) {
                            b.option(EpollChannelOption.SO_REUSEPORT, true);
                        }
                    }
                    InetAddress bindTo = e.unicastOnly() ? InetAddress.getByAddress(Ipv4.toBytes(e.link().address()))
                            : InetAddress.getByName("0.0.0.0");
                    channels.add(b.bind(new InetSocketAddress(bindTo, port)).sync().channel());
                }
                String d = e.link().interfaceName() + "/" + Ipv4.toText(e.link().address()) + ":" + port
                        + (e.unicastOnly() ? " (unicast only, " + copies + " sockets)" : "");
                described.add(d);
                LOG.log(Level.INFO, "event=listening family=4 link={0} transport={1}", d, epoll ? "epoll" : "nio");
            }
        } catch (IOException | InterruptedException | RuntimeException ex) {
            channels.forEach(Channel::close);
            group.shutdownGracefully();
            throw ex instanceof IOException io2 ? io2 : new IOException("cannot listen on UDP port " + port + ": " + ex.getMessage(), ex);
        }
        return new Dhcp4Listener(group, channels, described);
    }

    /** What is bound, e.g. {@code eth0/192.0.2.1:67}. */
    public List<String> links() {
        return List.copyOf(links);
    }

    private record Endpoint(Link link, boolean unicastOnly) {
    }

    private static List<Endpoint> resolve(List<String> interfaces) throws SocketException {
        List<Endpoint> out = new ArrayList<>();
        for (String spec : interfaces) {
            if (spec.equals("*")) {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (ni.isUp() && !ni.isLoopback()) {
                        Link link = linkOf(ni, 0);
                        if (link != null) {
                            out.add(new Endpoint(link, false));
                        }
                    }
                }
                continue;
            }
            int slash = spec.indexOf('/');
            String name = slash < 0 ? spec : spec.substring(0, slash);
            NetworkInterface ni = NetworkInterface.getByName(name);
            if (ni == null) {
                throw new SocketException("interface '" + name + "' named in interfaces-config does not exist on this host");
            }
            int wanted = slash < 0 ? 0 : Ipv4.parse(spec.substring(slash + 1));
            Link link = linkOf(ni, wanted);
            if (link == null) {
                throw new SocketException("interface '" + name + "' has no IPv4 address"
                        + (wanted != 0 ? " " + Ipv4.toText(wanted) : ""));
            }
            out.add(new Endpoint(link, slash >= 0));
        }
        if (out.isEmpty()) {
            throw new SocketException("no interface to listen on: interfaces-config names none with an IPv4 address");
        }
        return out;
    }

    private static Link linkOf(NetworkInterface ni, int wanted) {
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet4Address a) {
                int address = Ipv4.fromBytes(a.getAddress(), 0);
                if (wanted == 0 || wanted == address) {
                    int len = ia.getNetworkPrefixLength();
                    int mask = len == 0 ? 0 : -1 << (32 - len);
                    return new Link(ni.getName(), address, len >= 31 ? 0 : address | ~mask);
                }
            }
        }
        return null;
    }

    private static ByteBuffer deviceName(String name) {
        ByteBuffer b = ByteBuffer.allocateDirect(16);
        b.put(name.getBytes(StandardCharsets.US_ASCII)).clear();
        return b;
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
