package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import java.io.Serializable;
import java.util.Objects;

/**
 * Which IA of which DHCPv6 client: its DUID, the IA's IAID and what the IA asks for (addresses or
 * prefixes). A lease belongs to the client whose identity matches all three (Kea's rule).
 */
public record ClientIdentity6(Octets duid, long iaid, LeaseType6 type) implements Serializable {

    public ClientIdentity6 {
        Objects.requireNonNull(duid, "duid");
        Objects.requireNonNull(type, "type");
    }

    public boolean owns(Lease6 lease) {
        return lease.type() == type && lease.iaid() == iaid && lease.duid().equals(duid);
    }

    ClientKey6 key(int subnetId) {
        return new ClientKey6(subnetId, type, duid, iaid);
    }

    /** A stable hash used to steer a new client to a block, so clients spread over partitions. */
    int steeringHash() {
        int h = 0x811c9dc5;
        for (int i = 0; i < duid.length(); i++) {
            h = (h ^ (duid.byteAt(i) & 0xff)) * 0x01000193;
        }
        h = (h ^ (int) iaid) * 0x01000193;
        return h & 0x7fffffff;
    }
}
