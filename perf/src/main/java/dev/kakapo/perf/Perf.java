package dev.kakapo.perf;

import dev.kakapo.perf.report.ExchangeStats;
import dev.kakapo.perf.report.ProgressLine;
import dev.kakapo.perf.report.Report;
import dev.kakapo.perf.report.RunSummary;
import dev.kakapo.perf.report.TimeSeries;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.RelayMessage6;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code kakapo perf}: a perfdhcp-compatible DHCPv4/DHCPv6 load generator. Parses the command
 * line, opens the sockets, runs the {@link Generator} until a stop condition, and reports like
 * perfdhcp (plus latency percentiles, JSON, CSV and a chart). Exit status as perfdhcp's: 0 every
 * exchange completed, 1 error, 2 bad command line, 3 some exchanges did not complete.
 */
public final class Perf {
    private Perf() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        PerfOptions o;
        try {
            o = PerfOptions.parse(args);
        } catch (PerfOptions.HelpRequested h) {
            out.println(PerfOptions.USAGE);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("kakapo perf: " + e.getMessage() + "\n" + PerfOptions.USAGE);
            return 2;
        }
        try {
            return run(o, out, err);
        } catch (IOException | IllegalArgumentException e) {
            err.println("kakapo perf: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static int run(PerfOptions o, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        if (o.wantsDiagnostic('a')) {
            err.println("kakapo perf: arguments " + o.asGiven());
        }
        ClientPool clients = ClientPool.of(o);
        Endpoints ends = o.family() == 4 ? endpoints4(o) : endpoints6(o);
        Traffic traffic = o.family() == 4
                ? new Dhcp4Traffic(clients, ends.giaddr(), o.broadcastFlag(), ends.server())
                : new Dhcp6Traffic(clients, o.leaseType(), o.rapidCommit(), ends.relay(), ends.server());
        List<DatagramChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < o.threads(); i++) {
                channels.add(open(ends, o.threads() > 1));
            }
        } catch (IOException e) {
            channels.forEach(Perf::closeQuietly);
            throw new IOException("cannot bind " + ends.local() + ": " + e.getMessage()
                    + (ends.local().getPort() < 1024 ? " (ports below 1024 need root; -L sets another)" : ""), e);
        }
        try (Generator g = new Generator(traffic, clients, o, channels)) {
            return drive(o, g, out, err);
        }
    }

    /** The main loop: reap drops, report, and stop when a limit is reached (or on Ctrl-C). */
    private static int drive(PerfOptions o, Generator g, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        List<ExchangeStats> exchanges = g.exchanges();
        TimeSeries series = o.csvFile() != null || o.pngFile() != null ? new TimeSeries() : null;
        ProgressLine progress = new ProgressLine(err, System.console() != null && !o.json());
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread hook = new Thread(interrupted::countDown, "perf-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        long t0 = System.nanoTime();
        g.start();
        String stopReason = null;
        long nextSecond = t0 + 1_000_000_000L;
        long nextReport = o.reportSeconds() > 0 ? t0 + (long) (o.reportSeconds() * 1e9) : Long.MAX_VALUE;
        while (stopReason == null) {
            if (interrupted.await(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                stopReason = "Interrupted.";
                break;
            }
            g.reap();
            long now = System.nanoTime();
            double elapsed = (now - t0) / 1e9;
            if (now >= nextSecond) {
                nextSecond += 1_000_000_000L;
                List<ExchangeStats.Snapshot> snap = snapshots(exchanges);
                progress.update(snap, elapsed);
                if (series != null) {
                    series.sample(elapsed, snap);
                }
                if (now >= nextReport) {
                    nextReport += (long) (o.reportSeconds() * 1e9);
                    progress.finish();
                    err.println(Report.periodic(snap, elapsed));
                }
            }
            stopReason = stopReason(o, g, exchanges, elapsed);
        }
        g.stopSending();
        // Replies still in flight are waited for: -W microseconds, or up to the drop time.
        long waitNanos = o.exitWaitMicros() > 0 ? o.exitWaitMicros() * 1000 : (long) (o.dropSeconds() * 1e9);
        long until = System.nanoTime() + waitNanos;
        while (System.nanoTime() < until && g.waiting() > 0 && interrupted.getCount() > 0) {
            Thread.sleep(10);
            g.reap();
        }
        g.reapAll();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        List<ExchangeStats.Snapshot> last = snapshots(exchanges);
        progress.update(last, elapsed);
        progress.finish();
        if (series != null) {
            series.sample(elapsed, last);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the report still goes out below
        }
        RunSummary summary = new RunSummary(Integer.toString(o.family()), last, elapsed, g.orphans(), g.tooShort(), stopReason,
                o.asGiven());
        out.println(o.json() ? Report.json(summary) : Report.text(summary));
        if (o.csvFile() != null) {
            series.writeCsv(o.csvFile());
        }
        if (o.pngFile() != null) {
            series.writePng(o.pngFile(), "kakapo perf -" + o.family() + " against " + g.server());
        }
        if (o.wantsDiagnostic('e')) {
            err.println("kakapo perf: stopped: " + stopReason);
        }
        if (o.wantsDiagnostic('s') && g.firstServerId() != null) {
            err.println("kakapo perf: server id of the first reply: " + HexFormat.ofDelimiter(":").formatHex(g.firstServerId()));
        }
        if (o.wantsDiagnostic('i')) {
            err.printf("kakapo perf: rate asked %.1f/s, first exchanges started %d in %.3f s (%.1f/s), local limit hits %d%n",
                    o.rate(), g.started(), elapsed, g.started() / elapsed, g.localLimit());
        }
        boolean complete = last.stream().allMatch(s -> s.drops() == 0) && !stopReason.startsWith("Interrupted");
        return complete ? 0 : 3;
    }

    private static List<ExchangeStats.Snapshot> snapshots(List<ExchangeStats> exchanges) {
        List<ExchangeStats.Snapshot> out = new ArrayList<>(exchanges.size());
        for (ExchangeStats e : exchanges) {
            out.add(e.snapshot());
        }
        return out;
    }

    /** perfdhcp's stop conditions and wording; null to go on. */
    private static String stopReason(PerfOptions o, Generator g, List<ExchangeStats> exchanges, double elapsed) {
        if (o.numRequests() > 0 && g.started() >= o.numRequests()) {
            return "Reached max requests limit.";
        }
        if (o.periodSeconds() > 0 && elapsed >= o.periodSeconds()) {
            return "Reached test-period.";
        }
        if (o.maxDrops() > 0 || o.maxDropPercent() > 0) {
            long drops = 0;
            long expected = 0;
            for (ExchangeStats e : exchanges) {
                ExchangeStats.Snapshot s = e.snapshot();
                drops += s.drops();
                expected += s.drops() + s.received();
            }
            if (o.maxDrops() > 0 && drops >= o.maxDrops()) {
                return "Reached maximum drops number.";
            }
            if (o.maxDropPercent() > 0 && expected >= 10 && 100.0 * drops / expected > o.maxDropPercent()) {
                return "Reached maximum percentage of drops.";
            }
        }
        return null;
    }

    /**
     * Where the generator sends from and to.
     *
     * @param giaddr DHCPv4: our address as relay agent, 0 when broadcasting as a client
     * @param relay  DHCPv6: the Relay-forward header for -A 1, else null
     * @param device DHCPv6 direct: the interface multicasts leave by, else null
     */
    record Endpoints(InetSocketAddress local, InetSocketAddress server, int giaddr, RelayMessage6 relay, NetworkInterface device) {
    }

    private static Endpoints endpoints4(PerfOptions o) throws IOException {
        int serverPort = o.serverPort() != 0 ? o.serverPort() : 67;
        if (o.server() == null) {
            // As a client: broadcast from port 68; the server answers by broadcast.
            int port = o.localPort() != 0 ? o.localPort() : 68;
            return new Endpoints(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port),
                    new InetSocketAddress(InetAddress.getByName("255.255.255.255"), serverPort), 0, null, null);
        }
        InetAddress server = InetAddress.getByName(o.server());
        if (!(server instanceof Inet4Address)) {
            throw new IllegalArgumentException("'" + o.server() + "' is not an IPv4 server address (use -6 for DHCPv6)");
        }
        InetAddress local = o.local() != null ? ipv4Of(o.local()) : routeTo(server);
        int port = o.localPort() != 0 ? o.localPort() : 67;
        return new Endpoints(new InetSocketAddress(local, port), new InetSocketAddress(server, serverPort),
                Dhcp4Traffic.ipv4(local), null, null);
    }

    /** -l as an IPv4 address, or an interface's first IPv4 address. */
    private static InetAddress ipv4Of(String local) throws IOException {
        NetworkInterface ni = NetworkInterface.getByName(local);
        if (ni != null) {
            for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                if (ia.getAddress() instanceof Inet4Address a) {
                    return a;
                }
            }
            throw new IllegalArgumentException("interface '" + local + "' has no IPv4 address");
        }
        InetAddress a = InetAddress.getByName(local);
        if (!(a instanceof Inet4Address)) {
            throw new IllegalArgumentException("-l '" + local + "' is not an IPv4 address or interface");
        }
        return a;
    }

    /** The local address the kernel would use towards {@code server}. */
    private static InetAddress routeTo(InetAddress server) throws IOException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(server, 67);
            return probe.getLocalAddress();
        }
    }

    private static Endpoints endpoints6(PerfOptions o) throws IOException {
        int serverPort = o.serverPort() != 0 ? o.serverPort() : 547;
        NetworkInterface ni = NetworkInterface.getByName(o.local());
        if (o.relayLevel() > 0) {
            InetAddress local = ni != null ? ownAddress6(ni, false) : InetAddress.getByName(o.local());
            if (!(local instanceof Inet6Address)) {
                throw new IllegalArgumentException("-l '" + o.local() + "' is not an IPv6 address or interface");
            }
            int port = o.localPort() != 0 ? o.localPort() : 547;
            List<Option6> relayOptions = new ArrayList<>();
            if (port != 547) {
                relayOptions.add(new Option6(Dhcp6Traffic.RELAY_SOURCE_PORT, new byte[] {(byte) (port >> 8), (byte) port}));
            }
            RelayMessage6 relay = new RelayMessage6(MessageType6.RELAY_FORW.code(), 0, local.getAddress(),
                    InetAddress.getByName("fe80::1").getAddress(), Options6.of(relayOptions));
            InetAddress server = o.server() != null ? InetAddress.getByName(o.server())
                    : InetAddress.getByName("ff05::1:3");
            return new Endpoints(new InetSocketAddress(local, port), new InetSocketAddress(server, serverPort), 0, relay, ni);
        }
        if (ni == null) {
            throw new IllegalArgumentException("-l '" + o.local() + "' is not an interface: DHCPv6 clients send from an interface"
                    + " (or use -A 1 to relay from an address)");
        }
        Inet6Address linkLocal = ownAddress6(ni, true);
        int port = o.localPort() != 0 ? o.localPort() : 546;
        InetAddress server = o.server() == null || o.server().equals("all") ? Inet6Address.getByAddress(null,
                InetAddress.getByName("ff02::1:2").getAddress(), ni)
                : o.server().equals("servers") ? InetAddress.getByName("ff05::1:3") : InetAddress.getByName(o.server());
        return new Endpoints(new InetSocketAddress(linkLocal, port), new InetSocketAddress(server, serverPort), 0, null, ni);
    }

    private static Inet6Address ownAddress6(NetworkInterface ni, boolean linkLocal) {
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet6Address a && a.isLinkLocalAddress() == linkLocal) {
                return a;
            }
        }
        throw new IllegalArgumentException("interface '" + ni.getName() + "' has no " + (linkLocal ? "link-local" : "global")
                + " IPv6 address");
    }

    private static DatagramChannel open(Endpoints e, boolean reusePort) throws IOException {
        boolean v6 = e.local().getAddress() instanceof Inet6Address;
        DatagramChannel ch = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        if (reusePort) {
            ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        if (!v6) {
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
        } else if (e.device() != null) {
            ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, e.device());
        }
        ch.bind(e.local());
        return ch;
    }

    private static void closeQuietly(DatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing else to release
        }
    }
}
