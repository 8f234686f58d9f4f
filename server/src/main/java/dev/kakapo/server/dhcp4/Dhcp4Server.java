package dev.kakapo.server.dhcp4;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.allocator.PartitionedAllocator4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import dev.kakapo.coordinator.cql.CqlLeaseStore4;
import dev.kakapo.coordinator.sql.MysqlLeaseStore4;
import dev.kakapo.coordinator.sql.PostgresLeaseStore4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.Reclaimer;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.LeaseDatabase;
import dev.kakapo.server.ddns.DnsUpdates;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Channel;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Responder;
import dev.kakapo.server.hooks.Callouts;
import dev.kakapo.server.hosts.HostSources;
import dev.kakapo.server.hosts.ReservationLookup4;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.metrics.SubnetStatistics;
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
 * coordinator (Hazelcast) is shared with the DHCPv6 side and belongs to the caller.
 */
public final class Dhcp4Server implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.dhcp4");

    private final Dhcp4Config config;
    private final LeaseStore<Lease4> store;
    private final PartitionedAllocator4 allocator;
    private final PacketCounters counters;
    private final Dhcp4Listener listener;
    private final Reclaimer reclaimer;
    private final SubnetStatistics subnetStatistics;
    private final HostSources hosts;
    private final DnsUpdates dns;
    private final Callouts callouts;
    private final Dhcp4o6Responder dhcp4o6;
    private final Dhcp4o6Channel dhcp4o6Channel;

    private Dhcp4Server(Dhcp4Config config, LeaseStore<Lease4> store, HostSources hosts, DnsUpdates dns, Callouts callouts,
                        PartitionedAllocator4 allocator, PacketCounters counters, Dhcp4Listener listener, Reclaimer reclaimer,
                        Dhcp4o6Responder dhcp4o6, Dhcp4o6Channel dhcp4o6Channel) {
        this.config = config;
        this.callouts = callouts;
        this.dhcp4o6 = dhcp4o6;
        this.dhcp4o6Channel = dhcp4o6Channel;
        this.store = store;
        this.hosts = hosts;
        this.dns = dns;
        this.allocator = allocator;
        this.counters = counters;
        this.listener = listener;
        this.reclaimer = reclaimer;
        this.subnetStatistics = SubnetStatistics.of(config, allocator);
    }

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
        LeaseStore<Lease4> store = openStore(config.leaseDatabase());
        HostSources hosts = HostSources.NONE;
        DnsUpdates dns = DnsUpdates.NONE;
        Callouts callouts = Callouts.NONE;
        try {
            callouts = loadHooks(config);
            hosts = HostSources.open(config.hostsDatabases());
            dns = DnsUpdates.start(config.ddns());
            PartitionedAllocator4 allocator = new PartitionedAllocator4(coordinator, store, Clock.systemUTC());
            int loaded = allocator.loadFrom(store);
            LOG.log(Level.INFO, "event=leases-loaded family=4 count={0} store={1}", loaded, config.leaseDatabase().describe());
            PacketCounters counters = new PacketCounters();
            Dhcp4Processor processor = new Dhcp4Processor(config, allocator, new ReservationLookup4(config, hosts),
                    dns, callouts, counters, ports.server(), ports.client());
            Dhcp4Listener listener = Dhcp4Listener.start(config.interfaces(), ports.server(),
                    Runtime.getRuntime().availableProcessors(), processor, callouts, counters);
            Dhcp4o6Responder dhcp4o6 = config.dhcp4o6Port() == 0 ? null
                    : new Dhcp4o6Responder(processor::process4o6, counters, listener.addresses());
            Dhcp4o6Channel channel = null;
            if (dhcp4o6 != null && dhcp4o6Channel) {
                try {
                    channel = Dhcp4o6Channel.dhcp4End(config.dhcp4o6Port(), dhcp4o6, counters);
                } catch (IOException | RuntimeException e) {
                    listener.close();
                    throw e;
                }
            }
            DnsUpdates expiring = dns;
            Hooks4 reclaimHooks = new Hooks4(callouts, config.subnets());
            Reclaimer reclaimer = Reclaimer.start("4", config.expiredLeasesProcessing(),
                    (max, remove, hold) -> reclaim(allocator, expiring, reclaimHooks, max, remove, hold));
            return new Dhcp4Server(config, store, hosts, dns, callouts, allocator, counters, listener, reclaimer, dhcp4o6,
                    channel);
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
     * out, and the hook libraries told (lease4_expire / lease4_recover).
     */
    private static CompletableFuture<List<Lease4>> reclaim(PartitionedAllocator4 allocator, DnsUpdates dns, Hooks4 hooks,
                                                      int max, boolean remove, long hold) {
        return allocator.reclaimExpired(max, remove, hold).thenApply(reclaimed -> {
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
        return reclaim(allocator, dns, new Hooks4(callouts, config.subnets()), Integer.MAX_VALUE, remove,
                config.expiredLeasesProcessing().holdReclaimedTime());
    }

    /** Kea's per-subnet statistics of this server's subnets, counted on the shared allocator. */
    public SubnetStatistics subnetStatistics() {
        return subnetStatistics;
    }

    /** The configuration this server runs. */
    public Dhcp4Config config() {
        return config;
    }

    /** The host databases reservations are looked up in ({@link HostSources#NONE} when none). */
    public HostSources hosts() {
        return hosts;
    }

    /** Where this server's DNS updates go ({@link DnsUpdates#NONE} when it sends none). */
    public DnsUpdates dns() {
        return dns;
    }

    /** Where a DHCPv6 server in this process hands DHCPV4-QUERY messages; null when {@code dhcp4o6-port} is 0. */
    public Dhcp4o6Responder dhcp4o6() {
        return dhcp4o6;
    }

    public PacketCounters counters() {
        return counters;
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
        dns.close();
        hosts.close();
        store.close();
    }
}
