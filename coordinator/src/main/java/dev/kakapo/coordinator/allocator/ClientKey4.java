package dev.kakapo.coordinator.allocator;

import com.hazelcast.partition.PartitionAware;
import dev.kakapo.coordinator.lease.Octets;
import java.io.Serializable;

/** Key of the client index: which address a client holds in a subnet. */
record ClientKey4(int subnetId, Kind kind, Octets identifier) implements Serializable, PartitionAware<ClientKey4> {

    enum Kind { CLIENT_ID, HW_ADDRESS }

    @Override
    public ClientKey4 getPartitionKey() {
        return this;
    }
}
