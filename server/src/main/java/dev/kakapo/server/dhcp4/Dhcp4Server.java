package dev.kakapo.server.dhcp4;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.allocator.EmbeddedCoordinator;
import dev.kakapo.coordinator.allocator.PartitionedAllocator4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseStore4;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.ExpiredLeasesProcessing;
import dev.kakapo.server.metrics.PacketCounters;
import dev.kakapo.server.net.Dhcp4Listener;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The all-in-one DHCPv4 server: lease store, embedded coordinator, allocator, processor and
 * sockets, started in that order (every lease is loaded before the first packet is read) and
 * stopped in reverse.
 */
public final class Dhcp4Server implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.dhcp4");

    /** Where to listen: the server port (67) and the port clients listen on (68). */
    public record Ports(int server, int client) {
        public static final Ports STANDARD = new Ports(67, 68);
    }

    private final LeaseStore4 store;
    private final HazelcastInstance coordinator;
    private final PartitionedAllocator4 allocator;
    private final PacketCounters counters;
    private final Dhcp4Listener listener;
    private final ScheduledExecutorService reclaimer;

    private Dhcp4Server(LeaseStore4 store, HazelcastInstance coordinator, PartitionedAllocator4 allocator,
                        PacketCounters counters, Dhcp4Listener listener, ScheduledExecutorService reclaimer) {
        this.store = store;
        this.coordinator = coordinator;
        this.allocator = allocator;
        this.counters = counters;
        this.listener = listener;
        this.reclaimer = reclaimer;
    }

    public static Dhcp4Server start(Dhcp4Config config, Ports ports) throws IOException, InterruptedException {
        config.notes().forEach(n -> LOG.log(Level.INFO, "event=config-note note=\"{0}\"", n));
        LeaseStore4 store = config.leaseDatabase().persist()
                ? MemfileLeaseStore4.open(config.leaseDatabase().file(), config.leaseDatabase().lfcInterval())
                : MemfileLeaseStore4.inMemory();
        HazelcastInstance hz = null;
        try {
            hz = EmbeddedCoordinator.start();
            PartitionedAllocator4 allocator = new PartitionedAllocator4(hz, store, Clock.systemUTC());
            int loaded = allocator.loadFrom(store);
            LOG.log(Level.INFO, "event=leases-loaded family=4 count={0} file={1}", loaded,
                    config.leaseDatabase().persist() ? config.leaseDatabase().file() : "(memory)");
            PacketCounters counters = new PacketCounters();
            Dhcp4Processor processor = new Dhcp4Processor(config, allocator, counters, ports.server(), ports.client());
            Dhcp4Listener listener = Dhcp4Listener.start(config.interfaces(), ports.server(),
                    Runtime.getRuntime().availableProcessors(), processor, counters);
            ScheduledExecutorService reclaimer = startReclaimer(allocator, config.expiredLeasesProcessing());
            return new Dhcp4Server(store, hz, allocator, counters, listener, reclaimer);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (hz != null) {
                hz.shutdown();
            }
            store.close();
            throw e;
        }
    }

    /** Kea's expired-leases-processing: a reclamation cycle every reclaim-timer-wait-time seconds. */
    private static ScheduledExecutorService startReclaimer(PartitionedAllocator4 allocator, ExpiredLeasesProcessing p) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kakapo-reclaim4");
            t.setDaemon(true);
            return t;
        });
        if (p.reclaimTimerWaitTime() > 0) {
            int max = p.maxReclaimLeases() == 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, p.maxReclaimLeases());
            boolean remove = p.flushReclaimedTimerWaitTime() == 0;
            timer.scheduleWithFixedDelay(() -> {
                try {
                    List<Lease4> reclaimed = allocator.reclaimExpired(max, remove, p.holdReclaimedTime()).get();
                    if (!reclaimed.isEmpty()) {
                        LOG.log(Level.INFO, "event=leases-reclaimed family=4 count={0}", reclaimed.size());
                    }
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "event=reclaim-failed family=4 error=\"{0}\"", e.toString());
                }
            }, p.reclaimTimerWaitTime(), p.reclaimTimerWaitTime(), TimeUnit.SECONDS);
        }
        return timer;
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
        reclaimer.shutdownNow();
        coordinator.shutdown();
        store.close();
        LOG.log(Level.INFO, "event=stopped family=4");
    }
}
