package dev.kakapo.coordinator.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allocator on a real Hazelcast member (a cluster of one), writing a real lease file. */
class PartitionedAllocator4Test {
    private static HazelcastInstance hazelcast;
    private static int subnetCounter;

    @TempDir
    Path dir;
    private MemfileLeaseStore4 store;
    private PartitionedAllocator4 allocator;
    private final SteppingClock clock = new SteppingClock(1_800_000_000L);
    private int subnetId;

    @BeforeAll
    static void startMember() {
        hazelcast = EmbeddedCoordinator.start();
    }

    @AfterAll
    static void stopMember() {
        hazelcast.shutdown();
    }

    @BeforeEach
    void setUp() throws Exception {
        store = MemfileLeaseStore4.open(dir.resolve("leases4.csv"), 0);
        allocator = allocatorOn(coordinator(), store);
        subnetId = ++subnetCounter; // each test its own subnet: the member is shared
    }

    /** The coordinator cluster the allocator runs on; null: in this process (see {@link InProcessAllocator4Test}). */
    HazelcastInstance coordinator() {
        return hazelcast;
    }

    private PartitionedAllocator4 allocatorOn(HazelcastInstance coordinator, MemfileLeaseStore4 leases) {
        return coordinator == null ? PartitionedAllocator4.inProcess(leases, clock) : new PartitionedAllocator4(coordinator, leases, clock);
    }

    private static ClientIdentity4 client(int n) {
        return new ClientIdentity4(Octets.of(new byte[] {0x02, 0, 0, 0, (byte) (n >> 8), (byte) n}), Octets.EMPTY, true);
    }

    private LeaseRequest4 request(ClientIdentity4 c, String first, String last) {
        return new LeaseRequest4(subnetId, List.of(new AddressRange(Ipv4.parse(first), Ipv4.parse(last))), c, 0, 3600, "");
    }

    private Lease4 dora(ClientIdentity4 c, String first, String last) throws Exception {
        LeaseRequest4 req = request(c, first, last);
        Lease4 offered = allocator.offer(req).get().orElseThrow();
        Commit<Lease4> commit = allocator.commit(req, offered.address()).get();
        assertEquals(Commit.Outcome.GRANTED, commit.outcome());
        return commit.lease();
    }

    @Test
    void grantsAnAddressFromThePoolAndWritesItToTheLeaseFile() throws Exception {
        Lease4 lease = dora(client(1), "192.0.2.10", "192.0.2.20");
        assertTrue(Ipv4.compare(lease.address(), Ipv4.parse("192.0.2.10")) >= 0);
        assertTrue(Ipv4.compare(lease.address(), Ipv4.parse("192.0.2.20")) <= 0);
        store.close();
        List<Lease4> onDisk = new ArrayList<>(MemfileLeaseStore4.open(dir.resolve("leases4.csv"), 0).loadAll());
        assertEquals(List.of(lease), onDisk);
    }

    @Test
    void aReturningClientGetsItsAddressBack() throws Exception {
        Lease4 first = dora(client(7), "192.0.2.10", "192.0.2.200");
        for (int i = 0; i < 5; i++) {
            dora(client(100 + i), "192.0.2.10", "192.0.2.200");
        }
        Lease4 again = allocator.offer(request(client(7), "192.0.2.10", "192.0.2.200")).get().orElseThrow();
        assertEquals(first.address(), again.address());
    }

    @Test
    void concurrentClientsNeverShareAnAddress() {
        List<CompletableFuture<Lease4>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            LeaseRequest4 req = request(client(i), "198.51.100.0", "198.51.100.255");
            all.add(allocator.offer(req).thenCompose(o -> allocator.commit(req, o.orElseThrow().address()))
                    .thenApply(Commit<Lease4>::lease));
        }
        Set<Integer> addresses = all.stream().map(CompletableFuture::join).map(Lease4::address).collect(Collectors.toSet());
        assertEquals(200, addresses.size());
    }

    @Test
    void anOfferHandedBackIsFreeForTheNextClientAtOnce() throws Exception {
        Lease4 offered = allocator.offer(request(client(1), "203.0.113.9", "203.0.113.9")).get().orElseThrow();
        assertEquals(Optional.empty(), allocator.offer(request(client(2), "203.0.113.9", "203.0.113.9")).get(), "held");
        assertFalse(allocator.release(subnetId, client(1), offered.address()).get().isPresent(), "no lease was released");
        assertEquals(offered.address(),
                allocator.offer(request(client(2), "203.0.113.9", "203.0.113.9")).get().orElseThrow().address());
    }

    @Test
    void anOfferedAddressIsNotOfferedToSomeoneElseWhileHeld() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            assertTrue(seen.add(allocator.offer(request(client(i), "203.0.113.1", "203.0.113.4")).get().orElseThrow().address()));
        }
        assertEquals(Optional.empty(), allocator.offer(request(client(9), "203.0.113.1", "203.0.113.4")).get(),
                "all four addresses are held by offers");
        clock.advance(PartitionedAllocator4.OFFER_HOLD_SECONDS + 1);
        assertTrue(allocator.offer(request(client(9), "203.0.113.1", "203.0.113.4")).get().isPresent());
    }

    @Test
    void aClientAskingAgainBeforeCommittingIsOfferedTheSameAddress() throws Exception {
        Set<Integer> offered = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            offered.add(allocator.offer(request(client(1), "203.0.113.1", "203.0.113.100")).get().orElseThrow().address());
        }
        assertEquals(1, offered.size(), "a retransmitted DISCOVER holds no second address: " + offered);
    }

    @Test
    void anAddressLeasedToOneClientIsRefusedToAnother() throws Exception {
        Lease4 held = dora(client(1), "192.0.2.10", "192.0.2.20");
        Commit<Lease4> other = allocator.commit(request(client(2), "192.0.2.10", "192.0.2.20"), held.address()).get();
        assertEquals(Commit.Outcome.CONFLICT, other.outcome());
        Commit<Lease4> outside = allocator.commit(request(client(2), "192.0.2.10", "192.0.2.20"), Ipv4.parse("192.0.2.50")).get();
        assertEquals(Commit.Outcome.NOT_IN_POOL, outside.outcome());
    }

    @Test
    void aRenewalNamesTheLeaseBeforeAndReleaseAndDeclineHandBackTheLeaseAsItWas() throws Exception {
        LeaseRequest4 named = new LeaseRequest4(subnetId, List.of(new AddressRange(Ipv4.parse("192.0.2.30"),
                Ipv4.parse("192.0.2.31"))), client(1), 0, 3600, "host.example.com.").withDnsUpdates(true, true);
        Lease4 offered = allocator.offer(named).get().orElseThrow();
        Commit<Lease4> first = allocator.commit(named, offered.address()).get();
        assertEquals(null, first.previous(), "a new lease has nothing before it");
        assertTrue(first.lease().fqdnFwd() && first.lease().fqdnRev(), "the DNS update flags are recorded");
        clock.advance(10);
        Commit<Lease4> renewed = allocator.commit(named, offered.address()).get();
        assertEquals(first.lease(), renewed.previous());
        Lease4 released = allocator.release(subnetId, client(1), offered.address()).get().orElseThrow();
        assertEquals(renewed.lease(), released, "what DNS removal needs: the name and the flags");

        Lease4 again = dora(client(2), "192.0.2.30", "192.0.2.30");
        assertEquals(again, allocator.decline(subnetId, client(2), again.address(), 600).get().orElseThrow());
    }

    @Test
    void releaseFreesTheAddressAndRecordsTheDeletion() throws Exception {
        Lease4 held = dora(client(1), "192.0.2.10", "192.0.2.10");
        assertFalse(allocator.release(subnetId, client(2), held.address()).get().isPresent(), "only the holder may release");
        assertTrue(allocator.release(subnetId, client(1), held.address()).get().isPresent());
        assertEquals(Optional.empty(), allocator.findLease(subnetId, client(1)).get());
        assertEquals(held.address(), dora(client(2), "192.0.2.10", "192.0.2.10").address());
        store.close();
        Map<Integer, Lease4> onDisk = MemfileLeaseStore4.open(dir.resolve("leases4.csv"), 0).loadAll().stream()
                .collect(Collectors.toMap(Lease4::address, l -> l));
        assertEquals(client(2).hwAddress(), onDisk.get(held.address()).hwAddress());
    }

    @Test
    void aDeclinedAddressIsSetAsideForTheProbationPeriod() throws Exception {
        Lease4 held = dora(client(1), "192.0.2.10", "192.0.2.10");
        assertTrue(allocator.decline(subnetId, client(1), held.address(), 600).get().isPresent());
        Lease4 declined = allocator.leaseAt(subnetId, held.address()).get().orElseThrow();
        assertEquals(LeaseState.DECLINED, declined.state());
        assertTrue(declined.hwAddress().isEmpty());
        assertEquals(Optional.empty(), allocator.offer(request(client(2), "192.0.2.10", "192.0.2.10")).get());
        clock.advance(601);
        List<Lease4> recovered = allocator.reclaimExpired(100, false, 3600).get();
        assertTrue(recovered.stream().anyMatch(l -> l.address() == held.address()));
        assertEquals(held.address(), dora(client(2), "192.0.2.10", "192.0.2.10").address());
    }

    @Test
    void expiredLeasesAreReclaimedAndTheirAddressesReused() throws Exception {
        Lease4 held = dora(client(1), "192.0.2.10", "192.0.2.10");
        clock.advance(3601);
        List<Lease4> reclaimed = allocator.reclaimExpired(100, false, 3600).get();
        assertEquals(List.of(held.address()), reclaimed.stream().filter(l -> l.subnetId() == subnetId).map(Lease4::address).toList());
        assertEquals(LeaseState.EXPIRED_RECLAIMED, allocator.leaseAt(subnetId, held.address()).get().orElseThrow().state());
        assertEquals(held.address(), dora(client(2), "192.0.2.10", "192.0.2.10").address());
    }

    @Test
    void renewingMovesTheClientOffItsOldAddressWhenItTakesAnother() throws Exception {
        Lease4 first = dora(client(1), "192.0.2.10", "192.0.2.20");
        int other = first.address() == Ipv4.parse("192.0.2.15") ? Ipv4.parse("192.0.2.16") : Ipv4.parse("192.0.2.15");
        assertEquals(Commit.Outcome.GRANTED, allocator.commit(request(client(1), "192.0.2.10", "192.0.2.20"), other).get().outcome());
        assertEquals(Optional.empty(), allocator.leaseAt(subnetId, first.address()).get());
    }

    @Test
    void aColdStartLoadsEveryLeaseFromTheStore() throws Exception {
        List<Lease4> granted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            granted.add(dora(client(i), "192.0.2.10", "192.0.2.250"));
        }
        store.close();
        HazelcastInstance fresh = coordinator() == null ? null : EmbeddedCoordinator.start();
        try (MemfileLeaseStore4 reopened = MemfileLeaseStore4.open(dir.resolve("leases4.csv"), 0)) {
            PartitionedAllocator4 restarted = allocatorOn(fresh, reopened);
            assertEquals(20, restarted.loadFrom(reopened));
            for (int i = 0; i < 20; i++) {
                Lease4 found = restarted.findLease(subnetId, client(i)).get().orElseThrow();
                assertEquals(granted.get(i).address(), found.address());
                assertNotEquals(Commit.Outcome.GRANTED,
                        restarted.commit(request(client(1000 + i), "192.0.2.10", "192.0.2.250"), found.address()).get().outcome());
            }
        } finally {
            if (fresh != null) {
                fresh.shutdown();
            }
        }
    }

    /** A clock the test moves forward, so expiry is tested without waiting. */
    static final class SteppingClock extends Clock {
        private volatile long seconds;

        SteppingClock(long seconds) {
            this.seconds = seconds;
        }

        void advance(long s) {
            seconds += s;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds);
        }
    }
}
