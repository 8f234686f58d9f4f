package dev.kakapo.coordinator.lease;

import java.io.Serializable;
import java.util.Objects;

/**
 * One DHCPv4 lease as Kea records it. Times are Unix seconds.
 *
 * @param address       the leased IPv4 address as an unsigned 32-bit value in an int
 * @param hwAddress     client hardware address (empty for a declined lease)
 * @param clientId      client identifier (option 61 payload), empty when none
 * @param validLifetime seconds; a lease written with 0 is a deletion in the lease file
 * @param cltt          client last transaction time
 */
public record Lease4(int address, Octets hwAddress, Octets clientId, long validLifetime, long cltt,
                     int subnetId, boolean fqdnFwd, boolean fqdnRev, String hostname, LeaseState state)
        implements Serializable {

    public Lease4 {
        Objects.requireNonNull(hwAddress, "hwAddress");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(state, "state");
        hostname = hostname == null ? "" : hostname;
    }

    /** When the lease ends: cltt + valid lifetime. */
    public long expire() {
        return cltt + validLifetime;
    }

    public boolean isExpired(long nowSeconds) {
        return expire() <= nowSeconds;
    }

    public Lease4 withState(LeaseState newState) {
        return new Lease4(address, hwAddress, clientId, validLifetime, cltt, subnetId, fqdnFwd, fqdnRev, hostname, newState);
    }

    public Lease4 withTimes(long newCltt, long newValidLifetime) {
        return new Lease4(address, hwAddress, clientId, newValidLifetime, newCltt, subnetId, fqdnFwd, fqdnRev, hostname, state);
    }

    /** Dotted-quad text of {@link #address()}. */
    public String addressText() {
        return Ipv4.toText(address);
    }
}
