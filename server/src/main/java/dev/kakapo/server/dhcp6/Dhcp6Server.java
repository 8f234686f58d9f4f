package dev.kakapo.server.dhcp6;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.allocator.Allocator6;
import dev.kakapo.coordinator.allocator.PartitionedAllocator6;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore6;
import dev.kakapo.coordinator.cql.CqlLeaseStore6;
import dev.kakapo.coordinator.sql.MysqlLeaseStore6;
import dev.kakapo.coordinator.sql.PostgresLeaseStore6;
import dev.kakapo.protocol.v6.Duid;
import dev.kakapo.server.LiveConfig;
import dev.kakapo.server.ConfigResources;
import dev.kakapo.server.Ports;
import dev.kakapo.server.Reclaimer;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.Dhcp6Config;
import dev.kakapo.server.config.LeaseDatabase;
import dev.kakapo.server.ddns.DnsUpdates;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Channel;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Handoff;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hosts.HostSources;
import dev.kakapo.server.hosts.ReservationLookup6;
import dev.kakapo.server.limits.RateLimiter;
import dev.kakapo.server.metrics.CallTimers;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.metrics.SubnetStatistics;
import dev.kakapo.server.metrics.TimedAllocator6;
import dev.kakapo.server.net.Dhcp6Listener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv6 server of a node: lease store, allocator, processor and sockets, started in that
 * order (every lease is loaded before the first packet is read) and stopped in reverse. The
 * coordinator cluster (Hazelcast), when there is one, is shared with the DHCPv4 side and belongs
 * to the caller; without one (the all-in-one server) this process holds the leases itself.
 */
public final class Dhcp6Server implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.dhcp6");

    private final LiveConfig<Running> live;
    private final Ports ports;
    private final Dhcp4o6Handoff dhcp4o6;
    private final LeaseStore<Lease6> store;
    private final PartitionedAllocator6 allocator;
    /** {@link #allocator} with its calls timed: what the processors and reclamation call. */
    private final Allocator6 timedAllocator;
    private final CallTimers timers;
    private final PacketCounters counters;
    private final Dhcp6Listener listener;
    private final Reclaimer reclaimer;
    private final SubnetStatistics subnetStatistics;
    private final Duid serverDuid;
    private final Callouts callouts;
    private final Dhcp4o6Channel dhcp4o6Channel;

    /**
     * What one configuration answers packets with: the processor and the reservation sources and
     * DNS update sender it was built on. Replaced whole by {@link #swapTo}; never changed.
     */
    public record Running(Dhcp6Config config, Dhcp6Processor processor, HostSources hosts, DnsUpdates dns) {
        ConfigResources resources() {
            return new ConfigResources(hosts, dns);
        }
    }

    private Dhcp6Server(LiveConfig<Running> live, Ports ports, Dhcp4o6Handoff dhcp4o6, LeaseStore<Lease6> store,
                        Callouts callouts, PartitionedAllocator6 allocator, CallTimers timers, PacketCounters counters, Dhcp6Listener listener,
                        Reclaimer reclaimer, Duid serverDuid, Dhcp4o6Channel dhcp4o6Channel) {
        this.live = live;
        this.ports = ports;
        this.dhcp4o6 = dhcp4o6;
        this.callouts = callouts;
        this.dhcp4o6Channel = dhcp4o6Channel;
        this.store = store;
        this.allocator = allocator;
        this.timers = timers;
        this.timedAllocator = new TimedAllocator6(allocator, timers);
        this.counters = counters;
        this.listener = listener;
        this.reclaimer = reclaimer;
        this.subnetStatistics = SubnetStatistics.of(() -> live.current().config(), allocator);
        this.serverDuid = serverDuid;
    }

    /** @param coordinator the coordinator cluster's Hazelcast instance, or null to hold the leases in this process */
    public static Dhcp6Server start(Dhcp6Config config, Ports ports, HazelcastInstance coordinator) throws IOException, InterruptedException {
        return start(config, ports, coordinator, null);
    }

    /**
     * As {@link #start(Dhcp6Config, Ports, HazelcastInstance)}; with {@code dhcp4o6-port} set,
     * DHCPV4-QUERY messages go to {@code dhcp4InProcess} (the DHCPv4 server of this process) or,
     * when it is null, over the channel to a DHCPv4 server in another process.
     */
    public static Dhcp6Server start(Dhcp6Config config, Ports ports, HazelcastInstance coordinator,
                                    Dhcp4o6Handoff dhcp4InProcess) throws IOException, InterruptedException {
        config.notes().forEach(n -> LOG.log(Level.INFO, "event=config-note family=6 note=\"{0}\"", n));
        LeaseDatabase db = config.leaseDatabase();
        CallTimers timers = new CallTimers("6");
        LeaseStore<Lease6> store = timers.timed(openStore(db));
        HostSources hosts = HostSources.NONE;
        DnsUpdates dns = DnsUpdates.NONE;
        Callouts callouts = Callouts.NONE;
        Dhcp4o6Channel channel = null;
        try {
            callouts = loadHooks(config);
            hosts = HostSources.open(config.hostsDatabases());
            dns = DnsUpdates.start(config.ddns());
            // The DUID file lives beside the lease file; with a database (or in memory) a DUID is
            // made that does not change across restarts (see ServerDuid).
            boolean fileStore = !db.shared() && db.persist();
            Duid duid = ServerDuid.resolve(config.serverId(), fileStore ? db.file().toAbsolutePath().getParent() : null);
            LOG.log(Level.INFO, "event=server-duid family=6 duid={0}", dev.kakapo.coordinator.lease.Octets.of(duid.bytes()));
            PartitionedAllocator6 allocator = coordinator == null ? PartitionedAllocator6.inProcess(store, Clock.systemUTC())
                    : new PartitionedAllocator6(coordinator, store, Clock.systemUTC());
            int loaded = allocator.loadFrom(store);
            Allocator6 timed = new TimedAllocator6(allocator, timers);
            LOG.log(Level.INFO, "event=leases-loaded family=6 count={0} store={1}", Integer.toString(loaded), db.describe());
            PacketCounters counters = new PacketCounters();
            Dhcp4o6Handoff dhcp4o6 = null;
            if (config.dhcp4o6Port() != 0) {
                if (dhcp4InProcess != null) {
                    dhcp4o6 = dhcp4InProcess;
                } else {
                    channel = Dhcp4o6Channel.dhcp6End(config.dhcp4o6Port(), counters);
                    dhcp4o6 = channel.forwarder();
                }
            }
            Dhcp6Processor processor = new Dhcp6Processor(config, timed, new ReservationLookup6(config, hosts),
                    dns, callouts, dhcp4o6, counters, duid, ports.server(), ports.client(), RateLimiter.of(config.rateLimits()));
            LiveConfig<Running> live = new LiveConfig<>(new Running(config, processor, hosts, dns));
            Dhcp6Listener listener = Dhcp6Listener.start(config.interfaces(), ports.server(),
                    Runtime.getRuntime().availableProcessors(),
                    in -> live.answer(running -> running.processor().process(in)), callouts, counters);
            Callouts hooks = callouts;
            Reclaimer reclaimer = Reclaimer.start("6", config.expiredLeasesProcessing(), (max, remove, hold) -> {
                Running running = live.current();
                return reclaim(timed, running.dns(), new Hooks6(hooks, running.config().subnets()), counters, max, remove, hold);
            });
            return new Dhcp6Server(live, ports, dhcp4o6, store, callouts, allocator, timers, counters, listener, reclaimer, duid,
                    channel);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            callouts.close();
            dns.close();
            hosts.close();
            store.close();
            throw e;
        }
    }

    private static Callouts loadHooks(Dhcp6Config config) throws IOException {
        try {
            return Callouts.load("6", config.hookLibraries());
        } catch (HookLoadException e) {
            throw new IOException("cannot load hook library: " + e.getMessage(), e);
        }
    }

    /** The hook libraries' callouts ({@link Callouts#NONE} when none is configured). */
    public Callouts callouts() {
        return callouts;
    }

    /** The lease file, the PostgreSQL or MySQL database, the Cassandra keyspace, or memory only (memfile with persist false). */
    public static LeaseStore<Lease6> openStore(LeaseDatabase db) throws IOException {
        if (db.sql() != null) {
            return switch (db.sql().dialect()) {
                case POSTGRESQL -> PostgresLeaseStore6.open(db.sql());
                case MYSQL -> MysqlLeaseStore6.open(db.sql());
            };
        }
        if (db.cql() != null) {
            return CqlLeaseStore6.open(db.cql());
        }
        return db.persist() ? MemfileLeaseStore6.open(db.file(), db.lfcInterval()) : MemfileLeaseStore6.inMemory();
    }

    /** Where this server's DNS updates go ({@link DnsUpdates#NONE} when it sends none). */
    /**
     * One reclamation cycle: the leases reclaimed, once durable, their DNS entries on their way
     * out, and the reclaimed-leases statistics counted, and the hook libraries told (lease6_expire / lease6_recover).
     */
    private static CompletableFuture<List<Lease6>> reclaim(Allocator6 allocator, DnsUpdates dns, Hooks6 hooks,
                                                      PacketCounters counters, int max, boolean remove, long hold) {
        return allocator.reclaimExpired(max, remove, hold).thenApply(reclaimed -> {
            reclaimed.forEach(lease -> counters.reclaimed(lease.subnetId(), lease.state() == LeaseState.DECLINED));
            reclaimed.forEach(dns::removed);
            reclaimed.forEach(hooks::reclaimed);
            reclaimed.forEach(LeaseEvents6::expired);
            return reclaimed;
        });
    }

    /**
     * Reclaims every expired lease now (Kea's {@code leases-reclaim}): {@code remove} deletes them
     * rather than keeping them as expired-reclaimed.
     */
    public CompletableFuture<List<Lease6>> reclaimExpired(boolean remove) {
        Running running = live.current();
        return reclaim(timedAllocator, running.dns(), new Hooks6(callouts, running.config().subnets()), counters, Integer.MAX_VALUE, remove,
                running.config().expiredLeasesProcessing().holdReclaimedTime());
    }

    /** Kea's per-subnet statistics of this server's subnets, counted on the shared allocator. */
    public SubnetStatistics subnetStatistics() {
        return subnetStatistics;
    }

    /** The configuration this server runs. */
    public Dhcp6Config config() {
        return live.current().config();
    }

    /**
     * Builds what {@code next} answers packets with, off to the side: the processor, and host
     * databases and a DNS update sender when {@code next} configures them differently (else the
     * running ones are shared). Nothing running changes; hand the result to {@link #swapTo} or
     * {@link #discard}. Keys a running server cannot take on are refused, naming the key.
     */
    public Running prepare(Dhcp6Config next) throws ConfigException, IOException {
        Dhcp6Config now = config();
        needsRestart("Dhcp6/interfaces-config", now.interfaces().equals(next.interfaces()));
        needsRestart("Dhcp6/lease-database", now.leaseDatabase().equals(next.leaseDatabase()));
        needsRestart("Dhcp6/dhcp4o6-port", now.dhcp4o6Port() == next.dhcp4o6Port());
        needsRestart("Dhcp6/hooks-libraries", now.hookLibraries().equals(next.hookLibraries()));
        needsRestart("Dhcp6/expired-leases-processing", now.expiredLeasesProcessing().equals(next.expiredLeasesProcessing()));
        needsRestart("Dhcp6/server-id", java.util.Objects.equals(now.serverId(), next.serverId()));
        ConfigResources opened = live.current().resources().forNext(now.hostsDatabases(), next.hostsDatabases(),
                now.ddns(), next.ddns());
        HostSources hosts = opened.hosts();
        DnsUpdates dns = opened.dns();
        try {
            Dhcp6Processor processor = new Dhcp6Processor(next, timedAllocator, new ReservationLookup6(next, hosts), dns, callouts,
                    dhcp4o6, counters, serverDuid, ports.server(), ports.client(),
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
        next.config().notes().forEach(n -> LOG.log(Level.INFO, "event=config-note family=6 note=\"{0}\"", n));
        LOG.log(Level.INFO, "event=config-applied family=6 subnets={0}", next.config().subnets().size());
    }

    /** The host databases reservations are looked up in ({@link HostSources#NONE} when none). */
    public HostSources hosts() {
        return live.current().hosts();
    }

    public DnsUpdates dns() {
        return live.current().dns();
    }

    public PacketCounters counters() {
        return counters;
    }

    /** The times of this server's allocator calls and lease store writes. */
    public CallTimers callTimers() {
        return timers;
    }

    public PartitionedAllocator6 allocator() {
        return allocator;
    }

    public Duid serverDuid() {
        return serverDuid;
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
