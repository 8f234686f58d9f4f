package dev.kakapo.server.net;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.server.dhcp6.Dhcp6Processor;
import dev.kakapo.server.dhcp6.Inbound6;
import dev.kakapo.server.dhcp6.Reply6;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.metrics.PacketCounters;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The DHCPv6 sockets. For each configured interface: one socket bound to {@code [::]:547} on the
 * device and joined to ff02::1:2 — it receives the clients' multicasts — and one bound to each of
 * the interface's own addresses, which receives unicast (relays, and clients that should not
 * unicast: they are told UseMulticast). A unicast packet always lands on the socket bound to its
 * destination, so which socket read a packet says how it was sent. An {@code "eth0/2001:db8::1"}
 * entry binds that unicast address (and the multicast socket when the device has multicast), and,
 * as in Kea, allows clients to unicast there: they are not told UseMulticast, and the replies to
 * the link's clients carry that address in the Server Unicast option (12).
 */
public final class Dhcp6Listener implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.net");
    static final String ALL_DHCP_RELAY_AGENTS_AND_SERVERS = "ff02::1:2";

    private final UdpTransport transport;
    private final List<String> links;

    private Dhcp6Listener(UdpTransport transport, List<String> links) {
        this.transport = transport;
        this.links = links;
    }

    public static Dhcp6Listener start(List<String> interfaces, int port, int eventLoops, Dhcp6Processor processor,
                                      PacketCounters counters) throws IOException, InterruptedException {
        return start(interfaces, port, eventLoops, processor, Callouts.NONE, counters);
    }

    /** As above, with the hook libraries' buffer6_receive and buffer6_send callouts around the pipeline. */
    public static Dhcp6Listener start(List<String> interfaces, int port, int eventLoops, Dhcp6Processor processor,
                                      Callouts callouts, PacketCounters counters) throws IOException, InterruptedException {
        return start(interfaces, port, eventLoops, (Function<Inbound6, CompletableFuture<Optional<Reply6>>>) processor::process,
                callouts, counters);
    }

    /** As above, each message answered by {@code answer} (a processor the configuration can replace). */
    public static Dhcp6Listener start(List<String> interfaces, int port, int eventLoops,
                                      Function<Inbound6, CompletableFuture<Optional<Reply6>>> answer,
                                      Callouts callouts, PacketCounters counters) throws IOException, InterruptedException {
        UdpTransport transport = new UdpTransport(eventLoops, BufferCallouts.pipeline(callouts, HookPoint.BUFFER6_RECEIVE,
                HookPoint.BUFFER6_SEND, counters, "pkt6-receive-drop", "pkt6-send-drop", new Dhcp6Decoder(counters),
                new Dhcp6Encoder(), new Responder<>(Inbound6.class, answer::apply, counters, "pkt6-receive-drop")));
        List<String> described = new ArrayList<>();
        try {
            for (Endpoint e : resolve(interfaces)) {
                List<Ipv6Address> globals = globalAddresses(e.device());
                if (e.multicast()) {
                    DatagramChannel ch = (DatagramChannel) transport.bind(SocketProtocolFamily.INET6,
                            new InetSocketAddress(InetAddress.getByName("::"), port), Link.ipv6(e.device().getName(), globals, false, e.serverUnicast()), false);
                    ch.joinGroup(new InetSocketAddress(InetAddress.getByName(ALL_DHCP_RELAY_AGENTS_AND_SERVERS), port), e.device()).sync();
                    described.add(e.device().getName() + "/[" + ALL_DHCP_RELAY_AGENTS_AND_SERVERS + "]:" + port);
                }
                for (Inet6Address a : e.unicast()) {
                    int copies = transport.copiesFor(true);
                    for (int i = 0; i < copies; i++) {
                        transport.bind(SocketProtocolFamily.INET6, new InetSocketAddress(a, port),
                                Link.ipv6(e.device().getName(), globals, true, e.serverUnicast()), copies > 1);
                    }
                    described.add(e.device().getName() + "/[" + Ipv6Address.fromBytes(a.getAddress(), 0) + "]:" + port);
                }
            }
            LOG.log(Level.INFO, "event=listening family=6 links={0} transport={1}", described, transport.name());
        } catch (IOException | InterruptedException | RuntimeException ex) {
            transport.close();
            throw ex instanceof IOException io ? io : new IOException("cannot listen on UDP port " + port + ": " + ex.getMessage(), ex);
        }
        return new Dhcp6Listener(transport, described);
    }

    public List<String> links() {
        return List.copyOf(links);
    }

    /**
     * One configured interface: whether to take multicast there, which of its addresses to bind,
     * and the one address the entry named (clients may unicast there), or null.
     */
    private record Endpoint(NetworkInterface device, boolean multicast, List<Inet6Address> unicast, Ipv6Address serverUnicast) {
    }

    private static List<Endpoint> resolve(List<String> interfaces) throws SocketException {
        List<Endpoint> out = new ArrayList<>();
        for (String spec : interfaces) {
            if (spec.equals("*")) {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (ni.isUp() && !ni.isLoopback() && ni.supportsMulticast() && !ownAddresses(ni).isEmpty()) {
                        out.add(new Endpoint(ni, true, ownAddresses(ni), null));
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
            if (slash < 0) {
                if (!ni.supportsMulticast()) {
                    throw new SocketException("interface '" + name + "' has no multicast, so DHCPv6 clients cannot reach it;"
                            + " name a unicast address (\"" + name + "/2001:db8::1\") to serve relays there");
                }
                out.add(new Endpoint(ni, true, ownAddresses(ni), null));
            } else {
                Ipv6Address wanted = Ipv6Address.parse(spec.substring(slash + 1));
                Inet6Address match = null;
                for (Inet6Address a : ownAddresses(ni)) {
                    if (Ipv6Address.fromBytes(a.getAddress(), 0).equals(wanted)) {
                        match = a;
                    }
                }
                if (match == null) {
                    throw new SocketException("interface '" + name + "' has no IPv6 address " + wanted);
                }
                out.add(new Endpoint(ni, ni.supportsMulticast(), List.of(match), wanted));
            }
        }
        if (out.isEmpty()) {
            throw new SocketException("no interface to listen on: interfaces-config names none with IPv6");
        }
        return out;
    }

    /** Every IPv6 address of {@code ni}, link-local ones with their scope. */
    private static List<Inet6Address> ownAddresses(NetworkInterface ni) {
        List<Inet6Address> out = new ArrayList<>();
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet6Address a) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<Ipv6Address> globalAddresses(NetworkInterface ni) {
        List<Ipv6Address> out = new ArrayList<>();
        for (Inet6Address a : ownAddresses(ni)) {
            if (!a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
                out.add(Ipv6Address.fromBytes(a.getAddress(), 0));
            }
        }
        return out;
    }

    @Override
    public void close() {
        transport.close();
    }
}
