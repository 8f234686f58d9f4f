package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Octets;
import java.io.Serializable;
import java.util.Objects;

/**
 * Who a DHCPv4 client is: its hardware address and, when it sent one, its client identifier.
 *
 * @param matchClientId the subnet's {@code match-client-id}: when false the client identifier is
 *                      ignored and leases are matched by hardware address only (Kea's rule)
 */
public record ClientIdentity4(Octets hwAddress, Octets clientId, boolean matchClientId) implements Serializable {

    public ClientIdentity4 {
        Objects.requireNonNull(hwAddress, "hwAddress");
        clientId = clientId == null || !matchClientId ? Octets.EMPTY : clientId;
    }

    /**
     * Whether {@code lease} belongs to this client: client identifiers are equal, or one side has
     * none and the hardware addresses are equal.
     */
    public boolean owns(Lease4 lease) {
        boolean leaseHasId = !lease.clientId().isEmpty() && matchClientId;
        if (leaseHasId && !clientId.isEmpty()) {
            return lease.clientId().equals(clientId);
        }
        return !hwAddress.isEmpty() && lease.hwAddress().equals(hwAddress);
    }

    /** The key of the client index entry that finds this client's lease, or null for an anonymous client. */
    ClientKey4 primaryKey(int subnetId) {
        if (!clientId.isEmpty()) {
            return new ClientKey4(subnetId, ClientKey4.Kind.CLIENT_ID, clientId);
        }
        return hwAddress.isEmpty() ? null : new ClientKey4(subnetId, ClientKey4.Kind.HW_ADDRESS, hwAddress);
    }

    ClientKey4 hwKey(int subnetId) {
        return hwAddress.isEmpty() ? null : new ClientKey4(subnetId, ClientKey4.Kind.HW_ADDRESS, hwAddress);
    }

    /** A stable hash used to steer a new client to a block, so clients spread over partitions. */
    int steeringHash() {
        Octets basis = clientId.isEmpty() ? hwAddress : clientId;
        int h = 0x811c9dc5;
        for (int i = 0; i < basis.length(); i++) {
            h = (h ^ (basis.byteAt(i) & 0xff)) * 0x01000193;
        }
        return h & 0x7fffffff;
    }
}
