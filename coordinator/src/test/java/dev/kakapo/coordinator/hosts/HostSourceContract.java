package dev.kakapo.coordinator.hosts;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link HostSource} does: each database runs these against a fresh, empty store.
 * Subnet ids follow Kea: 0 is the global scope.
 */
public abstract class HostSourceContract {

    private final List<HostSource> opened = new ArrayList<>();

    /** A writable source over an empty database of its own. */
    protected abstract HostSource openEmpty() throws Exception;

    @AfterEach
    void closeSources() {
        opened.forEach(HostSource::close);
        opened.clear();
    }

    protected HostSource source() throws Exception {
        HostSource source = openEmpty();
        opened.add(source);
        return source;
    }

    @Test
    void findsADhcp4ReservationByEachIdentifierType() throws Exception {
        HostSource hosts = source();
        int n = 0;
        for (HostIdentifierType type : HostIdentifierType.values()) {
            n++;
            Host host = Host.forSubnet4(type, Octets.of(new byte[] {1, 2, 3, (byte) n}), 1)
                    .withIpv4Address(Ipv4.parse("192.0.2." + (10 + n)));
            await(hosts.add(host));
            assertEquals(Optional.of(host), await(hosts.get4(1, type, host.identifier())), type.keaName());
            assertEquals(Optional.empty(), await(hosts.get4(2, type, host.identifier())), type.keaName());
            assertEquals(Optional.empty(), await(hosts.get6(1, type, host.identifier())), type.keaName());
        }
        // The same bytes as another type are another client.
        assertEquals(Optional.empty(), await(hosts.get4(1, HostIdentifierType.DUID, Octets.of(new byte[] {1, 2, 3, 1}))));
    }

    @Test
    void findsADhcp6ReservationByEachIdentifierType() throws Exception {
        HostSource hosts = source();
        int n = 0;
        for (HostIdentifierType type : HostIdentifierType.values()) {
            n++;
            Host host = Host.forSubnet6(type, Octets.of(new byte[] {0, 3, 0, 1, (byte) n}), 7)
                    .withIpv6Reservations(List.of(Ipv6Reservation.address(Ipv6Address.parse("2001:db8:1::" + n))));
            await(hosts.add(host));
            assertEquals(Optional.of(host), await(hosts.get6(7, type, host.identifier())), type.keaName());
            assertEquals(Optional.empty(), await(hosts.get6(8, type, host.identifier())), type.keaName());
            assertEquals(Optional.empty(), await(hosts.get4(7, type, host.identifier())), type.keaName());
        }
    }

    @Test
    void findsReservationsByAddressAndPrefix() throws Exception {
        HostSource hosts = source();
        Host v4 = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("1a:1b:1c:1d:1e:1f"), 1)
                .withIpv4Address(Ipv4.parse("192.0.2.202"));
        Host v6 = Host.forSubnet6(HostIdentifierType.DUID, Octets.parse("01:02:03:04:05:0a:0b:0c:0d:0e"), 1)
                .withIpv6Reservations(List.of(Ipv6Reservation.address(Ipv6Address.parse("2001:db8:1::100")),
                        Ipv6Reservation.prefix(Ipv6Address.parse("2001:db8:2:abcd::"), 64)));
        await(hosts.add(v4));
        await(hosts.add(v6));

        assertEquals(Optional.of(v4), await(hosts.get4ByAddress(1, Ipv4.parse("192.0.2.202"))));
        assertEquals(Optional.empty(), await(hosts.get4ByAddress(1, Ipv4.parse("192.0.2.203"))));
        assertEquals(Optional.empty(), await(hosts.get4ByAddress(2, Ipv4.parse("192.0.2.202"))));
        assertEquals(Optional.of(v6), await(hosts.get6ByAddress(1, Ipv6Address.parse("2001:db8:1::100"), 128)));
        assertEquals(Optional.of(v6), await(hosts.get6ByAddress(1, Ipv6Address.parse("2001:db8:2:abcd::"), 64)));
        assertEquals(Optional.empty(), await(hosts.get6ByAddress(1, Ipv6Address.parse("2001:db8:2:abcd::"), 56)));
        assertEquals(Optional.empty(), await(hosts.get6ByAddress(2, Ipv6Address.parse("2001:db8:1::100"), 128)));
    }

    @Test
    void listsTheReservationsOfASubnet() throws Exception {
        HostSource hosts = source();
        List<Host> subnet1 = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Host host = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.of(new byte[] {0, 12, 41, 0, 0, (byte) i}), 1)
                    .withIpv4Address(Ipv4.parse("192.0.2." + i));
            subnet1.add(host);
            await(hosts.add(host));
        }
        Host other = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("00:0c:29:00:00:09"), 2);
        Host v6 = Host.forSubnet6(HostIdentifierType.DUID, Octets.parse("00:01"), 1).withHostname("six");
        await(hosts.add(other));
        await(hosts.add(v6));

        assertEquals(subnet1, await(hosts.all4(1)));
        assertEquals(List.of(other), await(hosts.all4(2)));
        assertEquals(List.of(v6), await(hosts.all6(1)));
        assertEquals(List.of(), await(hosts.all6(2)));
    }

    @Test
    void deletesReservationsWithTheirOptionsAndAddresses() throws Exception {
        HostSource hosts = source();
        ReservedOption dns = new ReservedOption(6, "dhcp4", Octets.parse("c0:00:02:01"), "192.0.2.1", false);
        Host byAddress = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("00:0c:29:00:00:01"), 1)
                .withIpv4Address(Ipv4.parse("192.0.2.1")).withOptions(List.of(dns), List.of());
        Host byIdentifier = Host.forSubnet4(HostIdentifierType.CLIENT_ID, Octets.parse("01:00:0c:29:00:00:02"), 1)
                .withIpv4Address(Ipv4.parse("192.0.2.2"));
        Host v6 = Host.forSubnet6(HostIdentifierType.DUID, Octets.parse("00:03:00:01:00:0c:29:00:00:03"), 1)
                .withIpv6Reservations(List.of(Ipv6Reservation.address(Ipv6Address.parse("2001:db8::3"))));
        for (Host host : List.of(byAddress, byIdentifier, v6)) {
            await(hosts.add(host));
        }

        assertTrue(await(hosts.delete4(1, Ipv4.parse("192.0.2.1"))));
        assertFalse(await(hosts.delete4(1, Ipv4.parse("192.0.2.1"))));
        assertTrue(await(hosts.delete4(1, HostIdentifierType.CLIENT_ID, byIdentifier.identifier())));
        assertFalse(await(hosts.delete4(2, HostIdentifierType.DUID, v6.identifier())));
        assertTrue(await(hosts.delete6(1, HostIdentifierType.DUID, v6.identifier())));
        assertEquals(List.of(), await(hosts.all4(1)));
        assertEquals(List.of(), await(hosts.all6(1)));

        // The reserved IPv6 address is free again, and the options went with their host.
        await(hosts.add(v6));
        await(hosts.add(byAddress.withOptions(List.of(), List.of())));
        assertEquals(List.of(), await(hosts.get4(1, HostIdentifierType.HW_ADDRESS, byAddress.identifier()))
                .orElseThrow().dhcp4Options());
    }

    @Test
    void keepsGlobalReservationsInSubnetZero() throws Exception {
        HostSource hosts = source();
        Host global = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("00:0c:29:00:00:01"),
                Host.GLOBAL_SUBNET).withHostname("everywhere").withSubnets(Host.GLOBAL_SUBNET, Host.GLOBAL_SUBNET);
        await(hosts.add(global));
        assertEquals(Optional.of(global), await(hosts.get4(0, HostIdentifierType.HW_ADDRESS, global.identifier())));
        assertEquals(Optional.of(global), await(hosts.get6(0, HostIdentifierType.HW_ADDRESS, global.identifier())));
        assertEquals(Optional.empty(), await(hosts.get4(1, HostIdentifierType.HW_ADDRESS, global.identifier())));
        assertEquals(List.of(global), await(hosts.all4(0)));
    }

    @Test
    void roundTripsEveryFieldOptionsAndIpv6Reservations() throws Exception {
        HostSource hosts = source();
        Host host = new Host(HostIdentifierType.DUID, Octets.parse("00:01:00:01:12:34:56:78:00:0c:29:00:00:01"), 1, 1,
                Ipv4.parse("192.0.2.202"), "special.example.org", List.of("vip", "lab"), List.of("v6-vip"),
                Ipv4.parse("192.0.2.1"), "boot-server", "/tmp/boot",
                List.of(new Ipv6Reservation(Ipv6Address.parse("2001:db8:1::100"), 128, Ipv6Reservation.Type.ADDRESS,
                                4294967294L),
                        new Ipv6Reservation(Ipv6Address.parse("2001:db8:2:abcd::"), 64, Ipv6Reservation.Type.PREFIX, 7)),
                List.of(new ReservedOption(6, "dhcp4", Octets.parse("c0:00:02:01:c0:00:02:02"), "192.0.2.1, 192.0.2.2",
                                true),
                        new ReservedOption(2, "vendor-4491", Octets.parse("00:ff"), "", false)),
                List.of(new ReservedOption(23, "dhcp6", Octets.of(Ipv6Address.parse("2001:db8::53").toBytes()),
                                "2001:db8::53", false),
                        new ReservedOption(65000, "dhcp6", Octets.of(new byte[300]), "", true)));
        await(hosts.add(host));
        assertEquals(Optional.of(host), await(hosts.get4(1, HostIdentifierType.DUID, host.identifier())));
        assertEquals(Optional.of(host), await(hosts.get6(1, HostIdentifierType.DUID, host.identifier())));
        assertEquals(Optional.of(host), await(hosts.get6ByAddress(1, Ipv6Address.parse("2001:db8:1::100"), 128)));
    }

    @Test
    void refusesASecondReservationForTheSameClientOrAddress() throws Exception {
        HostSource hosts = source();
        Host first = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("00:0c:29:00:00:01"), 1)
                .withIpv4Address(Ipv4.parse("192.0.2.1"));
        await(hosts.add(first));
        IOException sameClient = assertThrows(IOException.class, () -> await(hosts.add(first.withIpv4Address(
                Ipv4.parse("192.0.2.2")))));
        assertTrue(sameClient.getMessage().contains("already holds a reservation"), sameClient.getMessage());
        assertThrows(IOException.class, () -> await(hosts.add(Host.forSubnet4(HostIdentifierType.HW_ADDRESS,
                Octets.parse("00:0c:29:00:00:02"), 1).withIpv4Address(Ipv4.parse("192.0.2.1")))));
        // The failed adds left nothing behind.
        assertEquals(List.of(first), await(hosts.all4(1)));
        // Hosts without an address do not clash with each other.
        await(hosts.add(Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("00:0c:29:00:00:03"), 1)));
        await(hosts.add(Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("00:0c:29:00:00:04"), 1)));
        assertEquals(3, await(hosts.all4(1)).size());
    }

    @Test
    void refusesValuesKeasColumnsCannotHold() throws Exception {
        HostSource hosts = source();
        Host longName = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("00:0c:29:00:00:01"), 1)
                .withBootFields(0, "s".repeat(65), "");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> await(hosts.add(longName)));
        assertTrue(refused.getMessage().contains("hw-address 00:0c:29:00:00:01: dhcp4_server_hostname"),
                refused.getMessage());
        Host noSubnet = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, Octets.parse("00:0c:29:00:00:02"), 1)
                .withSubnets(Host.NO_SUBNET, Host.NO_SUBNET);
        assertThrows(IllegalArgumentException.class, () -> await(hosts.add(noSubnet)));
        assertEquals(List.of(), await(hosts.all4(1)));
    }

    @Test
    void cacheShowsItsOwnWritesAtOnce() throws Exception {
        HostCache cache = new HostCache(source(), 100, Duration.ofMinutes(5));
        Octets mac = Octets.parse("00:0c:29:00:00:01");
        assertEquals(Optional.empty(), await(cache.get4(1, HostIdentifierType.HW_ADDRESS, mac)));
        assertEquals(Optional.empty(), await(cache.get4(1, HostIdentifierType.HW_ADDRESS, mac)));
        assertEquals(1, cache.hits(), "the negative answer was kept");

        Host host = Host.forSubnet4(HostIdentifierType.HW_ADDRESS, mac, 1).withIpv4Address(Ipv4.parse("192.0.2.9"));
        await(cache.add(host));
        assertEquals(Optional.of(host), await(cache.get4(1, HostIdentifierType.HW_ADDRESS, mac)));
        assertEquals(List.of(host), await(cache.all4(1)));

        assertTrue(await(cache.delete4(1, Ipv4.parse("192.0.2.9"))));
        assertEquals(Optional.empty(), await(cache.get4(1, HostIdentifierType.HW_ADDRESS, mac)));
        assertEquals(List.of(), await(cache.all4(1)));
    }

    @Test
    void cacheExpiresAnswersAfterItsLifetime() throws Exception {
        HostSource database = source();
        AtomicLong now = new AtomicLong();
        HostCache cache = new HostCache(database, 100, Duration.ofSeconds(60), now::get);
        Octets duid = Octets.parse("00:03:00:01:00:0c:29:00:00:01");
        assertEquals(Optional.empty(), await(cache.get6(1, HostIdentifierType.DUID, duid)));

        // Written by someone else: the cache does not know until its answer expires.
        Host host = Host.forSubnet6(HostIdentifierType.DUID, duid, 1).withHostname("late");
        await(database.add(host));
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertEquals(Optional.empty(), await(cache.get6(1, HostIdentifierType.DUID, duid)));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(Optional.of(host), await(cache.get6(1, HostIdentifierType.DUID, duid)));
        assertEquals(2, cache.misses());
    }

    @Test
    void cacheKeepsAtMostItsSize() throws Exception {
        HostCache cache = new HostCache(source(), 2, Duration.ofMinutes(5));
        for (int i = 1; i <= 3; i++) {
            await(cache.get4ByAddress(1, Ipv4.parse("192.0.2." + i)));
        }
        assertEquals(2, cache.size());
        await(cache.get4ByAddress(1, Ipv4.parse("192.0.2.3")));
        assertEquals(1, cache.hits());
        await(cache.get4ByAddress(1, Ipv4.parse("192.0.2.1")));
        assertEquals(4, cache.misses(), "the oldest answer was dropped");
    }

    /** The future's value, or the exception it failed with. */
    protected static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Fails unless the future failed with {@link ReadOnlyHostSourceException}; returns its message. */
    protected static String refusedAsReadOnly(CompletableFuture<?> future) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        assertInstanceOf(ReadOnlyHostSourceException.class, failed.getCause());
        return failed.getCause().getMessage();
    }
}
