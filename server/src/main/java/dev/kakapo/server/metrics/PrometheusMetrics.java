package dev.kakapo.server.metrics;

import dev.kakapo.coordinator.cluster.CoordinatorHealth;
import dev.kakapo.ddns.NameChangeCounters;
import dev.kakapo.server.ddns.NameChangeSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's Prometheus metrics (docs/metrics.md lists them): Kea's packet statistics under
 * Prometheus names with labels, per-subnet address gauges, the DNS update sender, the control
 * API's own counters, the allocator's call latencies, the coordinator connection and the JVM's.
 * Counters read the packet path's adders at scrape time; the
 * packet path does no extra work for them.
 */
public final class PrometheusMetrics implements AutoCloseable {
    /** {@code pkt4-discover-received}, {@code pkt6-reply-sent}: one message type, received or sent. */
    private static final Pattern PACKETS = Pattern.compile("pkt([46])-(.+)-(received|sent)");
    /** {@code pkt4-receive-drop[no-subnet]}: one reason of a drop counter. */
    private static final Pattern PER_REASON = Pattern.compile("pkt([46])-([a-z0-9-]+)\\[([^\\]]+)]");
    /** Kea's per-subnet statistics: {@code subnet[1].assigned-addresses}. */
    private static final Pattern SUBNET = Pattern.compile("subnet\\[(\\d+)]\\.(.+)");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter authenticationFailures;
    private final Counter malformedRequests;
    /** Undone on close: call timers detached, lifecycle listeners removed. */
    private final List<Runnable> unbind = new ArrayList<>();

    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        authenticationFailures = Counter.builder("kakapo.control.authentication.failures")
                .description("control API requests refused for missing or wrong credentials").register(registry);
        malformedRequests = Counter.builder("kakapo.control.malformed.requests")
                .description("control API requests that were not a command in Kea's format").register(registry);
    }

    /**
     * Exports one family's packet counters: {@code pkt4-X-received} as
     * {@code kakapo_dhcp4_packets_received_total{type="X"}}, {@code -sent} likewise,
     * {@code pkt4-receive-drop[R]} as {@code kakapo_dhcp4_packets_dropped_total{reason="R"}},
     * {@code pkt4-parse-failed[R]} as {@code kakapo_dhcp4_packets_parse_failed_total{reason="R"}};
     * {@code subnet[ID].reclaimed-leases} as {@code kakapo_dhcp4_reclaimed_leases_total{subnet="ID"}};
     * any other counter as {@code kakapo_dhcp4_<name>_total}. Kea's sums ({@code pkt4-received},
     * {@code pkt4-receive-drop}, the global {@code reclaimed-leases}) are left to PromQL's {@code sum()}.
     */
    public void bindPacketCounters(String family, PacketCounters counters) {
        counters.eachName(name -> bindCounter(family, counters, name));
    }

    private void bindCounter(String family, PacketCounters counters, String name) {
        String base = "kakapo.dhcp" + family + ".";
        ToLongFunction<PacketCounters> value = c -> c.get(name);
        Matcher m = PER_REASON.matcher(name);
        if (m.matches()) {
            String what = switch (m.group(2)) {
                case "receive-drop" -> "packets.dropped";
                case "parse-failed" -> "packets.parse.failed";
                default -> m.group(2).replace('-', '.');
            };
            counter(base + what, Tags.of("reason", m.group(3)), counters, value);
            return;
        }
        m = PACKETS.matcher(name);
        if (m.matches() && !m.group(2).equals("receive")) {
            counter(base + "packets." + m.group(3), Tags.of("type", m.group(2)), counters, value);
            return;
        }
        m = SUBNET.matcher(name);
        if (m.matches()) {
            counter(base + m.group(2).replace('-', '.'), Tags.of("subnet", m.group(1)), counters, value);
            return;
        }
        if (name.matches("pkt[46]-(received|sent|receive-drop|parse-failed)|reclaimed-leases|reclaimed-declined-addresses")) {
            return;
        }
        counter(base + name.replaceFirst("^pkt[46]-", "").replace('-', '.'), Tags.empty(), counters, value);
    }

    private void counter(String name, Tags tags, PacketCounters counters, ToLongFunction<PacketCounters> value) {
        FunctionCounter.builder(name, counters, c -> value.applyAsLong(c)).tags(tags).register(registry);
    }

    /**
     * Exports one family's subnet statistics as gauges labelled {@code subnet}:
     * {@code kakapo_dhcp4_pool_addresses}, {@code _addresses_assigned}, {@code _addresses_declined}
     * (DHCPv6: {@code _pool_nas}, {@code _na_assigned}, {@code _pool_pds}, {@code _pd_assigned}). A
     * gauge may not end in {@code _total} in Prometheus's format, so Kea's "total" is the pool size.
     * Subnets are those of the configuration at start.
     */
    public void bindSubnets(String family, SubnetStatistics statistics) {
        for (String name : statistics.snapshot().keySet()) {
            Matcher m = SUBNET.matcher(name);
            if (!m.matches()) {
                continue;
            }
            String metric = switch (m.group(2)) {
                case "total-addresses" -> "pool.addresses";
                case "assigned-addresses" -> "addresses.assigned";
                case "declined-addresses" -> "addresses.declined";
                case "total-nas" -> "pool.nas";
                case "assigned-nas" -> "na.assigned";
                case "total-pds" -> "pool.pds";
                case "assigned-pds" -> "pd.assigned";
                default -> m.group(2).replace('-', '.');
            };
            Gauge.builder("kakapo.dhcp" + family + "." + metric, statistics, s -> s.get(name))
                    .tag("subnet", m.group(1)).register(registry);
        }
    }

    /** Exports a DNS update sender: queue depth and what became of the requests. */
    public void bindNameChangeSender(String family, NameChangeSender sender) {
        String base = "kakapo.dhcp" + family + ".ddns.";
        Gauge.builder(base + "queue.depth", sender, NameChangeSender::queueDepth)
                .description("name change requests waiting for a ddns-worker").register(registry);
        Map<String, ToLongFunction<NameChangeSender.Counts>> outcomes = Map.of(
                "applied", NameChangeSender.Counts::applied, "conflict", NameChangeSender.Counts::conflicts,
                "refused", NameChangeSender.Counts::refused, "failed", NameChangeSender.Counts::failed,
                "dropped", NameChangeSender.Counts::dropped, "invalid", NameChangeSender.Counts::invalid);
        outcomes.forEach((outcome, read) -> FunctionCounter.builder(base + "requests", sender, s -> read.applyAsLong(s.counts()))
                .tag("outcome", outcome).register(registry));
        FunctionCounter.builder(base + "retries", sender, s -> s.counts().retries()).register(registry);
    }

    /** Exports a ddns-worker's outcome counters as {@code kakapo_ddns_worker_requests_total{outcome="applied"}} and so on. */
    public void bindNameChangeCounters(NameChangeCounters counters) {
        Map<String, ToLongFunction<NameChangeCounters>> outcomes = Map.of(
                "applied", NameChangeCounters::applied, "conflict", NameChangeCounters::conflict,
                "refused", NameChangeCounters::refused, "failed", NameChangeCounters::failed,
                "invalid", NameChangeCounters::invalid);
        outcomes.forEach((outcome, read) -> FunctionCounter.builder("kakapo.ddns.worker.requests", counters, read::applyAsLong)
                .description("name change requests the worker finished, by outcome").tag("outcome", outcome).register(registry));
    }

    /**
     * Exports a DHCP server's call timers: {@code kakapo_allocator_call_seconds{family,operation}}
     * and {@code kakapo_lease_store_write_seconds{family}}, histograms in seconds.
     */
    public void bindCallTimers(CallTimers timers) {
        timers.attach(registry);
        unbind.add(() -> timers.detach(registry));
    }

    /**
     * Exports the coordinator as this process sees it: {@code kakapo_coordinator_members} (the
     * Hazelcast members it knows of) and {@code kakapo_coordinator_connected} (1 while a
     * Hazelcast client is connected to the cluster, always 1 in the all-in-one server; else 0).
     * {@code client} says which of the two {@code coordinator} is.
     */
    public void bindCoordinator(CoordinatorHealth coordinator, boolean client) {
        String role = client ? "client" : "member";
        Gauge.builder("kakapo.coordinator.connected", coordinator, c -> c.connected() ? 1 : 0).tag("role", role)
                .description("1 while this process reaches the coordinators").register(registry);
        Gauge.builder("kakapo.coordinator.members", coordinator, CoordinatorHealth::members).tag("role", role)
                .description("Hazelcast members of the coordinator cluster, as this process knows them").register(registry);
    }

    public void authenticationFailed() {
        authenticationFailures.increment();
    }

    public void malformedRequest() {
        malformedRequests.increment();
    }

    /** The content type of {@link #scrape()}: Prometheus's text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Every metric now, in Prometheus's text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        unbind.forEach(Runnable::run);
        gc.close();
        registry.close();
    }
}
