package dev.kakapo.server.control;

import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.ControlSettings;
import dev.kakapo.server.metrics.PrometheusMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A server node's control API and metrics, started together on one endpoint: the Prometheus
 * registry bound to the node's counters, subnets and DNS update senders, and the HTTP server
 * that answers commands and scrapes.
 */
public final class NodeControl implements AutoCloseable {
    private final PrometheusMetrics metrics;
    private final ControlServer server;

    private NodeControl(PrometheusMetrics metrics, ControlServer server) {
        this.metrics = metrics;
        this.server = server;
    }

    /** See {@link ControlApi#of} for {@code configText} and {@code baseDir}. */
    public static NodeControl start(ServerNode node, ControlSettings settings, String configText, Path baseDir,
                                    ControlApi.Process about) throws IOException {
        return start(node, settings, ControlApi.of(node, configText, baseDir, about));
    }

    /** The node's control API on {@code settings}, replacing {@code config} on config-set and config-reload. */
    public static NodeControl start(ServerNode node, ControlSettings settings, RunningConfig config,
                                    ControlApi.Process about) throws IOException {
        return start(node, settings, ControlApi.of(node, config, about));
    }

    private static NodeControl start(ServerNode node, ControlSettings settings, ControlApi api)
            throws IOException {
        PrometheusMetrics metrics = new PrometheusMetrics();
        try {
            metrics.bindCoordinator(node.health(), node.isClusterClient());
            if (node.dhcp4() != null) {
                metrics.bindPacketCounters("4", node.dhcp4().counters());
                metrics.bindCallTimers(node.dhcp4().callTimers());
                metrics.bindSubnets("4", node.dhcp4().subnetStatistics());
                if (node.dhcp4().dns().enabled()) {
                    metrics.bindNameChangeSender("4", node.dhcp4().dns().sender());
                }
            }
            if (node.dhcp6() != null) {
                metrics.bindPacketCounters("6", node.dhcp6().counters());
                metrics.bindCallTimers(node.dhcp6().callTimers());
                metrics.bindSubnets("6", node.dhcp6().subnetStatistics());
                if (node.dhcp6().dns().enabled()) {
                    metrics.bindNameChangeSender("6", node.dhcp6().dns().sender());
                }
            }
            return new NodeControl(metrics, ControlServer.start(settings, api, metrics, node.health()::notReadyBecause));
        } catch (IOException | RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    /** A process with only its own commands and JVM metrics, always ready. */
    public static NodeControl startProcess(ControlSettings settings, ControlApi.Process about) throws IOException {
        return startProcess(settings, about, metrics -> { }, Readiness.ALWAYS);
    }

    /**
     * A process's own commands and JVM metrics, and whatever {@code bind} adds to them (a
     * ddns-worker's counters, a coordinator's membership); {@code readiness} answers {@code /readyz}.
     */
    public static NodeControl startProcess(ControlSettings settings, ControlApi.Process about, Consumer<PrometheusMetrics> bind,
                                           Readiness readiness) throws IOException {
        PrometheusMetrics metrics = new PrometheusMetrics();
        try {
            bind.accept(metrics);
            return new NodeControl(metrics, ControlServer.start(settings, ControlApi.ofProcess(about), metrics, readiness));
        } catch (IOException | RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public long authenticationFailures() {
        return server.authenticationFailures();
    }

    @Override
    public void close() {
        server.close();
        metrics.close();
    }
}
