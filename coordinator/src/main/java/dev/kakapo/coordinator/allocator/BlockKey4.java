package dev.kakapo.coordinator.allocator;

import com.hazelcast.partition.PartitionAware;
import java.io.Serializable;

/**
 * Key of one DHCPv4 block: the subnet and the block's first address (an aligned /24). Each
 * block is its own partition key, so the blocks of one pool spread over partitions and members.
 */
record BlockKey4(int subnetId, int firstAddress) implements Serializable, PartitionAware<BlockKey4>, SubnetBlock {

    static final int SLOT_MASK = Block.SIZE - 1;

    static BlockKey4 of(int subnetId, int address) {
        return new BlockKey4(subnetId, address & ~SLOT_MASK);
    }

    static int slotOf(int address) {
        return address & SLOT_MASK;
    }

    int address(int slot) {
        return firstAddress + slot;
    }

    /**
     * Blocks of a pool differ only from bit 8 of their address up, which a hash table's bucket
     * index barely sees (Hazelcast hashes the serialised key instead): the block number goes low.
     */
    @Override
    public int hashCode() {
        return Integer.rotateRight(firstAddress, 8) * 31 + subnetId;
    }

    @Override
    public BlockKey4 getPartitionKey() {
        return this;
    }
}
