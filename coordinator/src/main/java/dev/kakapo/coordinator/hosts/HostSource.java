package dev.kakapo.coordinator.hosts;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where host reservations are looked up (Kea's {@code hosts-database}). Every method returns at
 * once; the work happens on the source's own threads, so a packet thread never waits on a database.
 * Subnet ids are Kea's (0 is the global scope). A source opened read-only fails every write with
 * {@link ReadOnlyHostSourceException}.
 */
public interface HostSource extends AutoCloseable {

    /** The reservation for the DHCPv4 client with this identifier in the subnet. */
    CompletableFuture<Optional<Host>> get4(int subnetId, HostIdentifierType type, Octets identifier);

    /** The reservation for the DHCPv6 client with this identifier in the subnet. */
    CompletableFuture<Optional<Host>> get6(int subnetId, HostIdentifierType type, Octets identifier);

    /** The reservation holding this IPv4 address (unsigned 32 bits in an int) in the subnet. */
    CompletableFuture<Optional<Host>> get4ByAddress(int subnetId, int address);

    /** The reservation holding this IPv6 address (length 128) or prefix in the subnet. */
    CompletableFuture<Optional<Host>> get6ByAddress(int subnetId, Ipv6Address address, int prefixLength);

    /** Every DHCPv4 reservation in the subnet. */
    CompletableFuture<List<Host>> all4(int subnetId);

    /** Every DHCPv6 reservation in the subnet. */
    CompletableFuture<List<Host>> all6(int subnetId);

    /**
     * Stores a new reservation; fails with IllegalArgumentException when a column cannot hold a
     * value, and with IOException when it clashes with one already stored (same identifier or
     * address in the subnet).
     */
    CompletableFuture<Void> add(Host host);

    /** Deletes the DHCPv4 reservation of the address in the subnet; true when there was one. */
    CompletableFuture<Boolean> delete4(int subnetId, int address);

    /** Deletes the DHCPv4 reservation of the identifier in the subnet; true when there was one. */
    CompletableFuture<Boolean> delete4(int subnetId, HostIdentifierType type, Octets identifier);

    /** Deletes the DHCPv6 reservation of the identifier in the subnet; true when there was one. */
    CompletableFuture<Boolean> delete6(int subnetId, HostIdentifierType type, Octets identifier);

    /** Whether writes are refused ({@code readonly: true}). */
    boolean isReadOnly();

    /** Stops the source's threads and disconnects. */
    @Override
    void close();
}
