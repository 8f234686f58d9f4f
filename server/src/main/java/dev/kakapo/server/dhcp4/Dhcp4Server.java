package dev.kakapo.server.dhcp4;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.allocator.Allocator4;
import dev.kakapo.coordinator.allocator.PartitionedAllocator4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import dev.kakapo.coordinator.cql.CqlLeaseStore4;
import dev.kakapo.coordinator.sql.MysqlLeaseStore4;
import dev.kakapo.coordinator.sql.PostgresLeaseStore4;
import dev.kakapo.server.LiveConfig;
import dev.kakapo.server.ConfigResources;
import dev.kakapo.server.Ports;
import dev.kakapo.server.Reclaimer;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.LeaseDatabase;
import dev.kakapo.server.ddns.DnsUpdates;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Channel;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Responder;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hosts.HostSources;
import dev.kakapo.server.hosts.ReservationLookup4;
import dev.kakapo.server.limits.RateLimiter;
import dev.kakapo.server.metrics.CallTimers;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.metrics.SubnetStatistics;
import dev.kakapo.server.metrics.TimedAllocator4;
import dev.kakapo.server.net.Dhcp4Listener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv4 server of a node: lease store, allocator, processor and sockets, started in that
 * order (every lease is loaded before the first packet is read) and stopped in reverse. The
 * coordinator cluster (Hazelcast), when there is one, is shared with the DHCPv6 side and belongs
 * to the caller; without one (the all-in-one server) this process holds the leases itself.
 */
public final class Dhcp4Server implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.dhcp4");

    private final LiveConfig<Running> live;
    private final Ports ports;
    private final LeaseStore<Lease4> store;
    private final PartitionedAllocator4 allocator;
    /** {@link #allocator} with its calls timed: what the processors and reclamation call. */
    private final Allocator4 timedAllocator;
    private final CallTimers timers;
    private final PacketCounters counters;
    private final Dhcp4Listener listener;
    private final Reclaimer reclaimer;
    private final SubnetStatistics subnetStatistics;
    private final Callouts callouts;
    private final Dhcp4o6Responder dhcp4o6;
    private final Dhcp4o6Channel dhcp4o6Channel;

    /**
     * What one configuration answers packets with: the processor and the reservation sources and
     * DNS update sender it was built on. Replaced whole by {@link #swapTo}; never changed.
     */
    public record Running(Dhcp4Config config, Dhcp4Processor processor, HostSources hosts, DnsUpdates dns) {
        ConfigResources resources() {
            return new ConfigResources(hosts, dns);
        }
    }

    private Dhcp4Server(LiveConfig<Running> live, Ports ports, LeaseStore<Lease4> store, Callouts callouts,
                        PartitionedAllocator4 allocator, CallTimers timers, PacketCounters counters, Dhcp4Listener listener, Reclaimer reclaimer,
                        Dhcp4o6Responder dhcp4o6, Dhcp4o6Channel dhcp4o6Channel) {
        this.live = live;
        this.ports = ports;
        this.callouts = callouts;
        this.dhcp4o6 = dhcp4o6;
        this.dhcp4o6Channel = dhcp4o6Channel;
        this.store = store;
        this.allocator = allocator;
        this.timers = timers;
        this.timedAllocator = new TimedAllocator4(allocator, timers);
        this.counters = counters;
        this.listener = listener;
        this.reclaimer = reclaimer;
        this.subnetStatistics = SubnetStatistics.of(() -> live.current().config(), allocator);
    }

    /** @param coordinator the coordinator cluster's Hazelcast instance, or null to hold the leases in this process */
    public static Dhcp4Server start(Dhcp4Config config, Ports ports, HazelcastInstance coordinator) throws IOException, InterruptedException {
        return start(config, ports, coordinator, true);
    }

    /**
     * As {@link #start(Dhcp4Config, Ports, HazelcastInstance)}; with {@code dhcp4o6-port} set, the
     * DHCPv4-over-DHCPv6 channel to a DHCPv6 server in another process is opened only when
     * {@code dhcp4o6Channel} (a DHCPv6 server in this process is handed {@link #dhcp4o6()} instead).
     */
    public static Dhcp4Server start(Dhcp4Config config, Ports ports, HazelcastInstance coordinator, boolean dhcp4o6Channel)
            throws IOException, InterruptedException {
        config.notes().forEach(n -> LOG.log(Level.INFO, "event=config-note family=4 note=\"{0}\"", n));
        CallTimers timers = new CallTimers("4");
        LeaseStore<Lease4> store = timers.timed(openStore(config.leaseDatabase()));
        HostSources hosts = HostSources.NONE;
        DnsUpdates dns = DnsUpdates.NONE;
        Callouts callouts = Callouts.NONE;
        try {
            callouts = loadHooks(config);
            hosts = HostSources.open(config.hostsDatabases());
            dns = DnsUpdates.start(config.ddns());
            PartitionedAllocator4 allocator = coordinator == null ? PartitionedAllocator4.inProcess(store, Clock.systemUTC())
                    : new PartitionedAllocator4(coordinator, store, Clock.systemUTC());
            int loaded = allocator.loadFrom(store);
            Allocator4 timed = new TimedAllocator4(allocator, timers);
            LOG.log(Level.INFO, "event=leases-loaded family=4 count={0} store={1}", Integer.toString(loaded), config.leaseDatabase().describe());
            PacketCounters counters = new PacketCounters();
            Dhcp4Processor processor = new Dhcp4Processor(config, timed, new ReservationLookup4(config, hosts),
                    dns, callouts, counters, ports.server(), ports.client(), RateLimiter.of(config.rateLimits()));
            LiveConfig<Running> live = new LiveConfig<>(new Running(config, processor, hosts, dns));
            Dhcp4Listener listener = Dhcp4Listener.start(config.interfaces(), ports.server(),
                    Runtime.getRuntime().availableProcessors(),
                    in -> live.answer(running -> running.processor().process(in)), callouts, counters);
            Dhcp4o6Responder dhcp4o6 = config.dhcp4o6Port() == 0 ? null
                    : new Dhcp4o6Responder((message, context) -> live.answer(running -> running.processor().process4o6(message, context)),
                            counters, listener.addresses());
            Dhcp4o6Channel channel = null;
            if (dhcp4o6 != null && dhcp4o6Channel) {
                try {
                    channel = Dhcp4o6Channel.dhcp4End(config.dhcp4o6Port(), dhcp4o6, counters);
                } catch (IOException | RuntimeException e) {
                    listener.close();
                    throw e;
                }
            }
            Callouts hooks = callouts;
            Reclaimer reclaimer = Reclaimer.start("4", config.expiredLeasesProcessing(), (max, remove, hold) -> {
                Running running = live.current();
                return reclaim(timed, running.dns(), new Hooks4(hooks, running.config().subnets()), counters, max, remove, hold);
            });
            return new Dhcp4Server(live, ports, store, callouts, allocator, timers, counters, listener, reclaimer, dhcp4o6, channel);
        } catch (IOException | InterruptedException | RuntimeException e) {
            callouts.close();
            dns.close();
            hosts.close();
            store.close();
            throw e;
        }
    }

    private static Callouts loadHooks(Dhcp4Config config) throws IOException {
        try {
            return Callouts.load("4", config.hookLibraries());
        } catch (HookLoadException e) {
            throw new IOException("cannot load hook library: " + e.getMessage(), e);
        }
    }

    /** The hook libraries' callouts ({@link Callouts#NONE} when none is configured). */
    public Callouts callouts() {
        return callouts;
    }

    /** The lease file, the PostgreSQL or MySQL database, the Cassandra keyspace, or memory only (memfile with persist false). */
    public static LeaseStore<Lease4> openStore(LeaseDatabase db) throws IOException {
        if (db.sql() != null) {
            return switch (db.sql().dialect()) {
                case POSTGRESQL -> PostgresLeaseStore4.open(db.sql());
                case MYSQL -> MysqlLeaseStore4.open(db.sql());
            };
        }
        if (db.cql() != null) {
            return CqlLeaseStore4.open(db.cql());
        }
        return db.persist() ? MemfileLeaseStore4.open(db.file(), db.lfcInterval()) : MemfileLeaseStore4.inMemory();
    }

    /**
     * One reclamation cycle: the leases reclaimed, once durable, their DNS entries on their way
     * out, and the reclaimed-leases statistics counted, and the hook libraries told (lease4_expire / lease4_recover).
     */
    private static CompletableFuture<List<Lease4>> reclaim(Allocator4 allocator, DnsUpdates dns, Hooks4 hooks,
                                                      PacketCounters counters, int max, boolean remove, long hold) {
        return allocator.reclaimExpired(max, remove, hold).thenApply(reclaimed -> {
            reclaimed.forEach(lease -> counters.reclaimed(lease.subnetId(), lease.state() == LeaseState.DECLINED));
            reclaimed.forEach(dns::removed);
            reclaimed.forEach(hooks::reclaimed);
            reclaimed.forEach(LeaseEvents4::expired);
            return reclaimed;
        });
    }

    /**
     * Reclaims every expired lease now (Kea's {@code leases-reclaim}): {@code remove} deletes them
     * rather than keeping them as expired-reclaimed.
     */
    public CompletableFuture<List<Lease4>> reclaimExpired(boolean remove) {
        Running running = live.current();
        return reclaim(timedAllocator, running.dns(), new Hooks4(callouts, running.config().subnets()), counters, Integer.MAX_VALUE, remove,
                running.config().expiredLeasesProcessing().holdReclaimedTime());
    }

    /** Kea's per-subnet statistics of this server's subnets, counted on the shared allocator. */
    public SubnetStatistics subnetStatistics() {
        return subnetStatistics;
    }

    /** The configuration this server runs. */
    public Dhcp4Config config() {
        return live.current().config();
    }

    /**
     * Builds what {@code next} answers packets with, off to the side: the processor, and host
     * databases and a DNS update sender when {@code next} configures them differently (else the
     * running ones are shared). Nothing running changes; hand the result to {@link #swapTo} or
     * {@link #discard}. Keys a running server cannot take on are refused, naming the key.
     */
    public Running prepare(Dhcp4Config next) throws ConfigException, IOException {
        Dhcp4Config now = config();
        needsRestart("Dhcp4/interfaces-config", now.interfaces().equals(next.interfaces()) && now.socketType() == next.socketType());
        needsRestart("Dhcp4/lease-database", now.leaseDatabase().equals(next.leaseDatabase()));
        needsRestart("Dhcp4/dhcp4o6-port", now.dhcp4o6Port() == next.dhcp4o6Port());
        needsRestart("Dhcp4/hooks-libraries", now.hookLibraries().equals(next.hookLibraries()));
        needsRestart("Dhcp4/expired-leases-processing", now.expiredLeasesProcessing().equals(next.expiredLeasesProcessing()));
        ConfigResources opened = live.current().resources().forNext(now.hostsDatabases(), next.hostsDatabases(),
                now.ddns(), next.ddns());
        HostSources hosts = opened.hosts();
        DnsUpdates dns = opened.dns();
        try {
            Dhcp4Processor processor = new Dhcp4Processor(next, timedAllocator, new ReservationLookup4(next, hosts), dns, callouts,
                    counters, ports.server(), ports.client(),
                    RateLimiter.of(next.rateLimits(), live.current().processor().rateLimiter()));
            return new Running(next, processor, hosts, dns);
        } catch (RuntimeException e) {
            discard(new Running(next, null, hosts, dns));
            throw e;
        }
    }

    private static void needsRestart(String key, boolean unchanged) throws ConfigException {
        if (!unchanged) {
            throw new ConfigException(key, "changes need a restart (the running configuration is kept)");
        }
    }

    /** Closes what {@code prepared} opened for itself; for a configuration that will not run. */
    public void discard(Running prepared) {
        prepared.resources().closeUnsharedWith(live.current().resources());
    }

    /**
     * Answers every packet from now on with {@code next} (from {@link #prepare}); packets already
     * being answered finish with the configuration they started with, whose own host databases
     * and DNS update sender are closed after them.
     */
    public void swapTo(Running next) {
        live.swap(next, old -> old.resources().closeUnsharedWith(next.resources()));
        next.config().notes().forEach(n -> LOG.log(Level.INFO, "event=config-note family=4 note=\"{0}\"", n));
        LOG.log(Level.INFO, "event=config-applied family=4 subnets={0}", next.config().subnets().size());
    }

    /** The host databases reservations are looked up in ({@link HostSources#NONE} when none). */
    public HostSources hosts() {
        return live.current().hosts();
    }

    /** Where this server's DNS updates go ({@link DnsUpdates#NONE} when it sends none). */
    public DnsUpdates dns() {
        return live.current().dns();
    }

    /** Where a DHCPv6 server in this process hands DHCPV4-QUERY messages; null when {@code dhcp4o6-port} is 0. */
    public Dhcp4o6Responder dhcp4o6() {
        return dhcp4o6;
    }

    public PacketCounters counters() {
        return counters;
    }

    /** The times of this server's allocator calls and lease store writes. */
    public CallTimers callTimers() {
        return timers;
    }

    public PartitionedAllocator4 allocator() {
        return allocator;
    }

    public List<String> links() {
        return listener.links();
    }

    /** Stops reading packets first, then lets pending lease writes finish before closing the store. */
    @Override
    public void close() throws IOException {
        listener.close();
        if (dhcp4o6Channel != null) {
            dhcp4o6Channel.close();
        }
        reclaimer.close();
        callouts.close();
        Running running = live.current();
        running.dns().close();
        running.hosts().close();
        store.close();
    }
}
