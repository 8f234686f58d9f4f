package dev.kakapo.coordinator.lease;

import java.io.Serializable;
import java.util.Objects;

/**
 * One DHCPv6 lease (an address or a delegated prefix) as Kea records it. Times are Unix seconds.
 *
 * @param prefixLength 128 for an address, the delegated length for a prefix
 * @param iaid         the IA's identifier, an unsigned 32-bit value
 * @param hwAddress    the client's hardware address when known, else empty
 */
public record Lease6(Ipv6Address address, int prefixLength, LeaseType6 type, Octets duid, long iaid,
                     long preferredLifetime, long validLifetime, long cltt, int subnetId, boolean fqdnFwd,
                     boolean fqdnRev, String hostname, Octets hwAddress, LeaseState state) implements Serializable {

    public Lease6 {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(duid, "duid");
        Objects.requireNonNull(hwAddress, "hwAddress");
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
}
