package dev.kakapo.coordinator.allocator;

import com.hazelcast.partition.PartitionAware;
import java.io.Serializable;

/**
 * Key of one pool block: the subnet and the block's first address. Each block is its own
 * partition key, so blocks of one pool spread over partitions and members.
 */
record BlockKey(int subnetId, int firstAddress) implements Serializable, PartitionAware<BlockKey> {

    @Override
    public BlockKey getPartitionKey() {
        return this;
    }
}
