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

    private Dhcp4Server(Dhcp4Config config, LeaseStore<Lease4> store, HostSources hosts, DnsUpdates dns, PartitionedAllocator4 allocator,
                        PacketCounters counters, Dhcp4Listener listener, Reclaimer reclaimer) {
        this.config = config;
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
        config.notes().forEach(n -> LOG.log(Level.INFO, "event=config-note family=4 note=\"{0}\"", n));
        LeaseStore<Lease4> store = openStore(config.leaseDatabase());
        HostSources hosts = HostSources.NONE;
        DnsUpdates dns = DnsUpdates.NONE;
        try {
            hosts = HostSources.open(config.hostsDatabases());
            dns = DnsUpdates.start(config.ddns());
            PartitionedAllocator4 allocator = new PartitionedAllocator4(coordinator, store, Clock.systemUTC());
            int loaded = allocator.loadFrom(store);
            LOG.log(Level.INFO, "event=leases-loaded family=4 count={0} store={1}", loaded, config.leaseDatabase().describe());
            PacketCounters counters = new PacketCounters();
            Dhcp4Processor processor = new Dhcp4Processor(config, allocator, new ReservationLookup4(config, hosts),
                    dns, counters, ports.server(), ports.client());
            Dhcp4Listener listener = Dhcp4Listener.start(config.interfaces(), ports.server(),
                    Runtime.getRuntime().availableProcessors(), processor, counters);
            DnsUpdates expiring = dns;
            Reclaimer reclaimer = Reclaimer.start("4", config.expiredLeasesProcessing(),
                    (max, remove, hold) -> reclaim(allocator, expiring, max, remove, hold));
            return new Dhcp4Server(config, store, hosts, dns, allocator, counters, listener, reclaimer);
        } catch (IOException | InterruptedException | RuntimeException e) {
            dns.close();
            hosts.close();
            store.close();
            throw e;
        }
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

    /** One reclamation cycle: the leases reclaimed, once durable, their DNS entries on their way out. */
    private static CompletableFuture<List<Lease4>> reclaim(PartitionedAllocator4 allocator, DnsUpdates dns, int max,
                                                      boolean remove, long hold) {
        return allocator.reclaimExpired(max, remove, hold).thenApply(reclaimed -> {
            reclaimed.forEach(dns::removed);
            return reclaimed;
        });
    }

    /**
     * Reclaims every expired lease now (Kea's {@code leases-reclaim}): {@code remove} deletes them
     * rather than keeping them as expired-reclaimed.
     */
    public CompletableFuture<List<Lease4>> reclaimExpired(boolean remove) {
        return reclaim(allocator, dns, Integer.MAX_VALUE, remove, config.expiredLeasesProcessing().holdReclaimedTime());
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
        reclaimer.close();
        dns.close();
        hosts.close();
        store.close();
    }
}
