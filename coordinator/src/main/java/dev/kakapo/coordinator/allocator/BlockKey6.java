package dev.kakapo.coordinator.allocator;

import com.hazelcast.partition.PartitionAware;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.LeaseType6;
import java.io.Serializable;

/**
 * Key of one DHCPv6 block: 256 consecutive slots of {@code slotLength} bits (addresses when 128,
 * delegated prefixes otherwise) starting at {@code first}, which is aligned to the block.
 */
record BlockKey6(int subnetId, LeaseType6 type, Ipv6Address first, int slotLength)
        implements Serializable, PartitionAware<BlockKey6>, SubnetBlock {

    static BlockKey6 of(int subnetId, LeaseType6 type, Ipv6Address address, int slotLength) {
        return new BlockKey6(subnetId, type, address.masked(slotLength - 8), slotLength);
    }

    /** The slot of {@code address}: the 8 bits just above the slot's own bits. */
    static int slotOf(Ipv6Address address, int slotLength) {
        int shift = 128 - slotLength;
        long bits = shift >= 64 ? address.high() >>> (shift - 64)
                : shift == 0 ? address.low() : (address.low() >>> shift) | (address.high() << (64 - shift));
        return (int) (bits & (Block.SIZE - 1));
    }

    Ipv6Address address(int slot) {
        int shift = 128 - slotLength;
        if (shift >= 64) {
            return new Ipv6Address(first.high() | ((long) slot << (shift - 64)), first.low());
        }
        long low = first.low() | ((long) slot << shift);
        long high = shift <= 56 ? first.high() : first.high() | ((long) slot >>> (64 - shift));
        return new Ipv6Address(high, low);
    }

    /** The last address of {@code prefix}/{@code length}. */
    static Ipv6Address lastOf(Ipv6Address prefix, int length) {
        if (length >= 128) {
            return prefix;
        }
        if (length <= 64) {
            long hostHigh = length == 64 ? 0 : -1L >>> length;
            return new Ipv6Address(prefix.high() | hostHigh, -1L);
        }
        return new Ipv6Address(prefix.high(), prefix.low() | (-1L >>> (length - 64)));
    }

    @Override
    public BlockKey6 getPartitionKey() {
        return this;
    }
}
