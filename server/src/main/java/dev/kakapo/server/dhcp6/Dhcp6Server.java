package dev.kakapo.server.dhcp6;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.allocator.PartitionedAllocator6;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore6;
import dev.kakapo.coordinator.cql.CqlLeaseStore6;
import dev.kakapo.coordinator.sql.MysqlLeaseStore6;
import dev.kakapo.coordinator.sql.PostgresLeaseStore6;
import dev.kakapo.protocol.v6.Duid;
import dev.kakapo.server.Ports;
import dev.kakapo.server.Reclaimer;
import dev.kakapo.server.config.Dhcp6Config;
import dev.kakapo.server.config.LeaseDatabase;
import dev.kakapo.server.ddns.DnsUpdates;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Channel;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Handoff;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hosts.HostSources;
import dev.kakapo.server.hosts.ReservationLookup6;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.metrics.SubnetStatistics;
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
 * coordinator (Hazelcast) is shared with the DHCPv4 side and belongs to the caller.
 */
public final class Dhcp6Server implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.dhcp6");

    private final HostSources hosts;
    private final DnsUpdates dns;
    private final Dhcp6Config config;
    private final LeaseStore<Lease6> store;
    private final PartitionedAllocator6 allocator;
    private final PacketCounters counters;
    private final Dhcp6Listener listener;
    private final Reclaimer reclaimer;
    private final SubnetStatistics subnetStatistics;
    private final Duid serverDuid;
    private final Callouts callouts;
    private final Dhcp4o6Channel dhcp4o6Channel;

    private Dhcp6Server(Dhcp6Config config, LeaseStore<Lease6> store, HostSources hosts, DnsUpdates dns, Callouts callouts,
                        PartitionedAllocator6 allocator, PacketCounters counters, Dhcp6Listener listener,
                        Reclaimer reclaimer, Duid serverDuid, Dhcp4o6Channel dhcp4o6Channel) {
        this.config = config;
        this.callouts = callouts;
        this.dhcp4o6Channel = dhcp4o6Channel;
        this.store = store;
        this.hosts = hosts;
        this.dns = dns;
        this.allocator = allocator;
        this.counters = counters;
        this.listener = listener;
        this.reclaimer = reclaimer;
        this.subnetStatistics = SubnetStatistics.of(config, allocator);
        this.serverDuid = serverDuid;
    }

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
        LeaseStore<Lease6> store = openStore(db);
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
            PartitionedAllocator6 allocator = new PartitionedAllocator6(coordinator, store, Clock.systemUTC());
            int loaded = allocator.loadFrom(store);
            LOG.log(Level.INFO, "event=leases-loaded family=6 count={0} store={1}", loaded, db.describe());
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
            Dhcp6Processor processor = new Dhcp6Processor(config, allocator, new ReservationLookup6(config, hosts),
                    dns, callouts, dhcp4o6, counters, duid, ports.server(), ports.client());
            Dhcp6Listener listener = Dhcp6Listener.start(config.interfaces(), ports.server(),
                    Runtime.getRuntime().availableProcessors(), processor, callouts, counters);
            DnsUpdates expiring = dns;
            Hooks6 reclaimHooks = new Hooks6(callouts, config.subnets());
            Reclaimer reclaimer = Reclaimer.start("6", config.expiredLeasesProcessing(),
                    (max, remove, hold) -> reclaim(allocator, expiring, reclaimHooks, max, remove, hold));
            return new Dhcp6Server(config, store, hosts, dns, callouts, allocator, counters, listener, reclaimer, duid,
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
     * out, and the hook libraries told (lease6_expire / lease6_recover).
     */
    private static CompletableFuture<List<Lease6>> reclaim(PartitionedAllocator6 allocator, DnsUpdates dns, Hooks6 hooks,
                                                      int max, boolean remove, long hold) {
        return allocator.reclaimExpired(max, remove, hold).thenApply(reclaimed -> {
            reclaimed.forEach(dns::removed);
            reclaimed.forEach(hooks::reclaimed);
            return reclaimed;
        });
    }

    /**
     * Reclaims every expired lease now (Kea's {@code leases-reclaim}): {@code remove} deletes them
     * rather than keeping them as expired-reclaimed.
     */
    public CompletableFuture<List<Lease6>> reclaimExpired(boolean remove) {
        return reclaim(allocator, dns, new Hooks6(callouts, config.subnets()), Integer.MAX_VALUE, remove,
                config.expiredLeasesProcessing().holdReclaimedTime());
    }

    /** Kea's per-subnet statistics of this server's subnets, counted on the shared allocator. */
    public SubnetStatistics subnetStatistics() {
        return subnetStatistics;
    }

    /** The configuration this server runs. */
    public Dhcp6Config config() {
        return config;
    }

    /** The host databases reservations are looked up in ({@link HostSources#NONE} when none). */
    public HostSources hosts() {
        return hosts;
    }

    public DnsUpdates dns() {
        return dns;
    }

    public PacketCounters counters() {
        return counters;
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
        dns.close();
        hosts.close();
        store.close();
    }
}
