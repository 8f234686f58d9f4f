package dev.kakapo.server.net;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.server.dhcp4.Dhcp4Processor;
import dev.kakapo.server.dhcp4.Inbound4;
import dev.kakapo.server.dhcp4.Reply4;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.channel.socket.SocketProtocolFamily;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The DHCPv4 sockets: one per configured interface, bound to {@code 0.0.0.0:port} and to the
 * device (SO_BINDTODEVICE), so the arrival link is known and broadcasts leave by the right link.
 * Broadcasts are copied to every socket of a device, so a device gets exactly one such socket. An
 * {@code "eth0/192.0.2.1"} entry binds that address instead: it serves unicast (relayed) traffic
 * only, which SO_REUSEPORT spreads over one socket per event loop.
 */
public final class Dhcp4Listener implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.net");

    private final UdpTransport transport;
    private final List<String> links;
    private final Map<String, Integer> addresses;

    private Dhcp4Listener(UdpTransport transport, List<String> links, Map<String, Integer> addresses) {
        this.transport = transport;
        this.links = links;
        this.addresses = addresses;
    }

    /**
     * Binds the sockets for {@code interfaces} (Kea's {@code interfaces-config.interfaces}).
     * Fails with a message naming the interface when one does not exist or has no IPv4 address.
     */
    public static Dhcp4Listener start(List<String> interfaces, int port, int eventLoops, Dhcp4Processor processor,
                                      PacketCounters counters) throws IOException, InterruptedException {
        return start(interfaces, port, eventLoops, processor, Callouts.NONE, counters);
    }

    /** As above, with the hook libraries' buffer4_receive and buffer4_send callouts around the pipeline. */
    public static Dhcp4Listener start(List<String> interfaces, int port, int eventLoops, Dhcp4Processor processor,
                                      Callouts callouts, PacketCounters counters) throws IOException, InterruptedException {
        return start(interfaces, port, eventLoops, (Function<Inbound4, CompletableFuture<Optional<Reply4>>>) processor::process,
                callouts, counters);
    }

    /** As above, each message answered by {@code answer} (a processor the configuration can replace). */
    public static Dhcp4Listener start(List<String> interfaces, int port, int eventLoops,
                                      Function<Inbound4, CompletableFuture<Optional<Reply4>>> answer,
                                      Callouts callouts, PacketCounters counters) throws IOException, InterruptedException {
        UdpTransport transport = new UdpTransport(eventLoops, BufferCallouts.pipeline(callouts, HookPoint.BUFFER4_RECEIVE,
                HookPoint.BUFFER4_SEND, counters, "pkt4-receive-drop", "pkt4-send-drop", new Dhcp4Decoder(counters),
                new Dhcp4Encoder(), new Responder<>(Inbound4.class, answer::apply, counters, "pkt4-receive-drop")));
        List<Link> links;
        try {
            links = resolve(interfaces);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
        return bind(transport, links, port);
    }

    /**
     * The sockets {@link #start} would bind, every DHCPv4 request answered at once by {@link Echo4}
     * without a server behind it ({@code kakapo echo4}): what the sockets alone cost.
     */
    public static Dhcp4Listener echo(List<String> interfaces, int port, int eventLoops) throws IOException, InterruptedException {
        List<Link> links = resolve(interfaces);
        return bind(new UdpTransport(eventLoops, new Echo4(links.get(0).address())), links, port);
    }

    private static Dhcp4Listener bind(UdpTransport transport, List<Link> links, int port) throws IOException, InterruptedException {
        List<String> described = new ArrayList<>();
        Map<String, Integer> addresses = new LinkedHashMap<>();
        try {
            for (Link link : links) {
                addresses.putIfAbsent(link.interfaceName(), link.address());
                int copies = transport.copiesFor(link.unicast());
                InetAddress bindTo = link.unicast() ? InetAddress.getByAddress(Ipv4.toBytes(link.address()))
                        : InetAddress.getByName("0.0.0.0");
                for (int i = 0; i < copies; i++) {
                    transport.bind(SocketProtocolFamily.INET, new InetSocketAddress(bindTo, port), link, copies > 1);
                }
                String d = link.interfaceName() + "/" + Ipv4.toText(link.address()) + ":" + port
                        + (link.unicast() ? " (unicast only, " + copies + " sockets)" : "");
                described.add(d);
                LOG.log(Level.INFO, "event=listening family=4 link={0} transport={1}", d, transport.name());
            }
        } catch (IOException | InterruptedException | RuntimeException ex) {
            transport.close();
            throw ex instanceof IOException io ? io : new IOException("cannot listen on UDP port " + port + ": " + ex.getMessage(), ex);
        }
        return new Dhcp4Listener(transport, described, Collections.unmodifiableMap(addresses));
    }

    /** The IPv4 address of each interface listened on (the first one bound there), in the configured order. */
    public Map<String, Integer> addresses() {
        return addresses;
    }

    /** What is bound, e.g. {@code eth0/192.0.2.1:67}. */
    public List<String> links() {
        return List.copyOf(links);
    }

    private static List<Link> resolve(List<String> interfaces) throws SocketException {
        List<Link> out = new ArrayList<>();
        for (String spec : interfaces) {
            if (spec.equals("*")) {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (ni.isUp() && !ni.isLoopback()) {
                        Link link = linkOf(ni, 0);
                        if (link != null) {
                            out.add(link);
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
                throw new SocketException("interface '" + name + "' has no IPv4 address" + (wanted != 0 ? " " + Ipv4.toText(wanted) : ""));
            }
            out.add(link);
        }
        if (out.isEmpty()) {
            throw new SocketException("no interface to listen on: interfaces-config names none with an IPv4 address");
        }
        return out;
    }

    /** The link of {@code ni} at its IPv4 address {@code wanted} (unicast only), or at its first one when 0. */
    private static Link linkOf(NetworkInterface ni, int wanted) {
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet4Address a) {
                int address = Ipv4.fromBytes(a.getAddress(), 0);
                if (wanted == 0 || wanted == address) {
                    int len = ia.getNetworkPrefixLength();
                    int mask = len == 0 ? 0 : -1 << (32 - len);
                    return Link.ipv4(ni.getName(), address, len >= 31 ? 0 : address | ~mask, wanted != 0);
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        transport.close();
    }
}
