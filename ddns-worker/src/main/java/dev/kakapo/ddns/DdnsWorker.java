package dev.kakapo.ddns;

import dev.kakapo.ddns.config.DhcpDdnsSettings;
import dev.kakapo.ddns.grpc.NameChangeGrpcService;
import dev.kakapo.ddns.tls.DdnsTls;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running ddns-worker: the gRPC {@code NameChangeService} on {@code ip-address:port} of the
 * {@code DhcpDdns} settings, applying each request to DNS. Started from a Kea configuration file
 * like this (the JSON reader strips comments first):
 *
 * <pre>{@code
 * JsonNode dhcpDdns = document.get("DhcpDdns");
 * try (DdnsWorker worker = DdnsWorker.start(DhcpDdnsReader.read(dhcpDdns))) {
 *     ... until shutdown
 * }
 * }</pre>
 *
 * {@link DhcpDdnsReader#read} raises a {@code DhcpDdnsConfigException} whose message starts with
 * the path of the key at fault; {@link #start} raises an IOException when the port cannot be bound
 * or the TLS files cannot be read. With {@code Kakapo.ddns-tls} ({@link DdnsTls}) the service is
 * served over TLS, else in plaintext.
 */
public final class DdnsWorker implements AutoCloseable {
    private static final Logger LOG = System.getLogger(DdnsWorker.class.getName());
    /** The work between DNS answers is small; two threads keep up with many servers' requests. */
    private static final int UPDATE_THREADS = 2;

    private final Server server;
    private final ExecutorService updates;
    private final NameChangeCounters counters;

    private DdnsWorker(Server server, ExecutorService updates, NameChangeCounters counters) {
        this.server = server;
        this.updates = updates;
        this.counters = counters;
    }

    /** Binds the gRPC service in plaintext and starts serving. */
    public static DdnsWorker start(DhcpDdnsSettings settings) throws IOException {
        return start(settings, null);
    }

    /** Binds the gRPC service, over TLS with {@code tls} or in plaintext when it is null, and starts serving. */
    public static DdnsWorker start(DhcpDdnsSettings settings, DdnsTls tls) throws IOException {
        ServerCredentials credentials = tls == null ? InsecureServerCredentials.create() : tls.workerCredentials();
        ExecutorService updates = Executors.newFixedThreadPool(UPDATE_THREADS, daemonThreads("ddns-update-"));
        NameChangeCounters counters = new NameChangeCounters();
        NameChangeEngine engine = new NameChangeEngine(settings, updates);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(settings.ipAddress(), settings.port()), credentials)
                .addService(new NameChangeGrpcService(engine, counters))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            updates.shutdownNow();
            throw new IOException("cannot listen on " + settings.ipAddress().getHostAddress() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        DdnsWorker worker = new DdnsWorker(server, updates, counters);
        String tlsMode = tls == null ? "off" : tls.trustAnchor() == null ? "on" : tls.certRequired() ? "client-cert-required"
                : "client-cert-checked";
        LOG.log(Level.INFO, "event=listening service=ddns-worker address={0} port={1,number,#} tls={2} forward-domains={3}"
                        + " reverse-domains={4}", settings.ipAddress().getHostAddress(), worker.port(), tlsMode,
                settings.forward().domains().size(), settings.reverse().domains().size());
        if (tls == null && !settings.ipAddress().isLoopbackAddress()) {
            // anyone who reaches the port could have DNS changed with the worker's TSIG keys
            LOG.log(Level.WARNING, "event=ddns-channel-plaintext address={0} reason=\"no Kakapo.ddns-tls: name change"
                    + " requests are taken unencrypted from any client that reaches the port\"", settings.ipAddress().getHostAddress());
        }
        return worker;
    }

    /** The port the service is bound to (the configured one, or the one picked for port 0). */
    public int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    public NameChangeCounters counters() {
        return counters;
    }

    /** Stops taking requests, lets those in progress finish for a few seconds, then stops. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
            updates.shutdown();
            if (!updates.awaitTermination(5, TimeUnit.SECONDS)) {
                updates.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            updates.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "event=stopped service=ddns-worker {0}", counters);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
