package dev.kakapo.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import dev.kakapo.coordinator.allocator.AddressRange;
import dev.kakapo.coordinator.allocator.ClientIdentity4;
import dev.kakapo.coordinator.allocator.Commit;
import dev.kakapo.coordinator.allocator.LeaseRequest4;
import dev.kakapo.coordinator.allocator.PartitionedAllocator4;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three coordinator members and two server nodes (Hazelcast clients), all real, on loopback:
 * allocations from both nodes for the same pools never hand one address to two clients, not even
 * while a member dies; a side without quorum refuses to allocate.
 */
class CoordinatorClusterTest {
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<HazelcastInstance> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(HazelcastInstance::shutdown);
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private ClusterSettings startMembers(int n) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ports.add(freePort());
        }
        ClusterSettings settings = new ClusterSettings("kakapo-test-" + System.nanoTime(),
                ports.stream().map(p -> "127.0.0.1:" + p).toList(), null, ports.get(0), 0);
        List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
        for (int p : ports) {
            starting.add(CompletableFuture.supplyAsync(() -> CoordinatorMember.start(settings, "127.0.0.1", p)));
        }
        for (CompletableFuture<HazelcastInstance> m : starting) {
            members.add(m.get(120, TimeUnit.SECONDS));
        }
        return settings;
    }

    private static ClientIdentity4 client(int n) {
        return new ClientIdentity4(Octets.of(new byte[] {2, 0, (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n}),
                Octets.EMPTY, true);
    }

    /**
     * DISCOVER then REQUEST, as a server node does; null when the pools are full. A call whose
     * backup did not acknowledge it (its member or the backup's died meanwhile) fails as
     * indeterminate; the server drops such a request and the DHCP client sends it again, as here.
     */
    private static Lease4 dora(PartitionedAllocator4 a, int client, List<AddressRange> pools) throws Exception {
        LeaseRequest4 req = new LeaseRequest4(1, pools, client(client), 0, 86400, "");
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Lease4> offer = a.offer(req).get(30, TimeUnit.SECONDS);
                if (offer.isEmpty()) {
                    return null;
                }
                Commit<Lease4> c = a.commit(req, offer.get().address()).get(30, TimeUnit.SECONDS);
                return c.outcome() == Commit.Outcome.GRANTED ? c.lease() : null;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof IndeterminateOperationStateException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Test
    void twoNodesNeverGrantOneAddressTwiceEvenWhenAMemberDies() throws Exception {
        ClusterSettings settings = startMembers(3);
        for (int i = 0; i < 2; i++) {
            clients.add(CoordinatorClient.connect(settings, 30));
        }
        List<PartitionedAllocator4> nodes = new ArrayList<>();
        for (HazelcastInstance c : clients) {
            nodes.add(new PartitionedAllocator4(c, MemfileLeaseStore4.inMemory(), Clock.systemUTC()));
        }
        // 16 /24 blocks: room for every client, and contention on every block.
        List<AddressRange> pools = List.of(new AddressRange(Ipv4.parse("198.51.0.1"), Ipv4.parse("198.51.15.254")));
        int clientsPerNode = 2000;
        Map<Integer, Integer> holder = new ConcurrentHashMap<>(); // address -> client
        AtomicInteger duplicates = new AtomicInteger();
        AtomicLong lastSuccess = new AtomicLong(System.nanoTime());
        AtomicLong longestGapAfterKill = new AtomicLong();
        AtomicLong killedAt = new AtomicLong();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            PartitionedAllocator4 a = nodes.get(node);
            int base = node * clientsPerNode;
            for (int w = 0; w < 8; w++) {
                int worker = w;
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int c = base + worker; c < base + clientsPerNode; c += 8) {
                        try {
                            Lease4 l = dora(a, c, pools);
                            if (l != null) {
                                long now = System.nanoTime();
                                if (killedAt.get() != 0) {
                                    longestGapAfterKill.accumulateAndGet(now - lastSuccess.get(), Math::max);
                                }
                                lastSuccess.set(now);
                                Integer other = holder.putIfAbsent(l.address(), c);
                                if (other != null && other != c) {
                                    duplicates.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
            }
        }
        Thread.sleep(1500);
        killedAt.set(System.nanoTime());
        members.get(1).getLifecycleService().terminate(); // no goodbye: its partitions fail over to their backups
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        System.out.printf("cluster test: %d leases granted by 2 nodes, longest pause after the member died %.0f ms%n",
                holder.size(), longestGapAfterKill.get() / 1e6);
        assertEquals(0, duplicates.get(), "no address granted to two clients");
        assertEquals(2 * clientsPerNode, holder.size(), "every client got an address");
        // The pause is a figure (printed above; a few hundred ms on a quiet machine), not a pass
        // mark: this bound only catches allocation that never resumes.
        assertTrue(longestGapAfterKill.get() < TimeUnit.SECONDS.toNanos(20),
                "allocation resumed after the member's death: " + longestGapAfterKill.get() / 1e6 + " ms");
    }

    @Test
    void theStoreIsLoadedOncePerLifeOfTheCluster(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ClusterSettings settings = startMembers(3);
        List<AddressRange> pools = List.of(new AddressRange(Ipv4.parse("192.0.2.10"), Ipv4.parse("192.0.2.200")));
        HazelcastInstance writerNode = CoordinatorClient.connect(settings, 30);
        try (MemfileLeaseStore4 file = MemfileLeaseStore4.open(dir.resolve("leases4.csv"), 0)) {
            PartitionedAllocator4 writer = new PartitionedAllocator4(writerNode, file, Clock.systemUTC());
            for (int c = 0; c < 5; c++) {
                dora(writer, c, pools);
            }
        } finally {
            writerNode.shutdown();
        }
        // A new cluster's life: the first node loads the store, the second finds it loaded.
        members.forEach(m -> m.getLifecycleService().terminate());
        members.clear();
        settings = startMembers(3);
        try (MemfileLeaseStore4 file = MemfileLeaseStore4.open(dir.resolve("leases4.csv"), 0)) {
            clients.add(CoordinatorClient.connect(settings, 30));
            clients.add(CoordinatorClient.connect(settings, 30));
            PartitionedAllocator4 first = new PartitionedAllocator4(clients.get(0), file, Clock.systemUTC());
            PartitionedAllocator4 second = new PartitionedAllocator4(clients.get(1), file, Clock.systemUTC());
            assertEquals(5, first.loadFrom(file));
            assertEquals(0, second.loadFrom(file), "a node joining a loaded cluster loads nothing");
            for (int c = 0; c < 5; c++) {
                assertTrue(second.findLease(1, client(c)).get().isPresent(), "client " + c + "'s lease is in the cluster");
            }
        }
    }

    @Test
    void aSideWithoutQuorumRefusesToAllocate() throws Exception {
        ClusterSettings settings = startMembers(3);
        clients.add(CoordinatorClient.connect(settings, 30));
        PartitionedAllocator4 a = new PartitionedAllocator4(clients.get(0), MemfileLeaseStore4.inMemory(), Clock.systemUTC());
        List<AddressRange> pools = List.of(new AddressRange(Ipv4.parse("203.0.113.1"), Ipv4.parse("203.0.113.254")));
        assertTrue(dora(a, 1, pools) != null, "three members: allocation works");
        members.get(1).getLifecycleService().terminate();
        members.get(2).getLifecycleService().terminate();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Throwable refusal = null;
        while (refusal == null && System.nanoTime() < deadline) {
            try {
                dora(a, 2, pools);
                Thread.sleep(200);
            } catch (ExecutionException e) {
                refusal = e.getCause();
            }
        }
        assertTrue(refusal != null && refusal.getClass().getSimpleName().contains("SplitBrainProtection"),
                "one member of three is below the quorum of 2: " + refusal);
    }

    @Test
    void aNodeMeasuresItsCallLatencyToTheMembers() throws Exception {
        ClusterSettings settings = startMembers(2);
        clients.add(CoordinatorClient.connect(settings, 30));
        CallLatency latency = CallLatency.measure(clients.get(0), 40);
        System.out.println("call latency from a client to 2 members on loopback: " + latency);
        assertEquals(40, latency.calls());
        assertTrue(latency.p50Micros() > 0 && latency.p50Micros() <= latency.p99Micros()
                && latency.p99Micros() <= latency.maxMicros(), latency.toString());
        // A partitioned map of the probe: the reads found nothing, so they wrote nothing either.
        assertEquals(0, clients.get(0).getMap("kakapo.latency-probe").size());
    }
}
