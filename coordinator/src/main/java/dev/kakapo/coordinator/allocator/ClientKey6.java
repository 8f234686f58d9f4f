package dev.kakapo.coordinator.allocator;

import com.hazelcast.partition.PartitionAware;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import java.io.Serializable;

/** Key of the DHCPv6 client index: which address or prefix an IA holds in a subnet. */
record ClientKey6(int subnetId, LeaseType6 type, Octets duid, long iaid) implements Serializable, PartitionAware<ClientKey6> {

    @Override
    public ClientKey6 getPartitionKey() {
        return this;
    }
}
