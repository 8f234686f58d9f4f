package dev.kakapo.coordinator.allocator;

import java.io.Serializable;

/** An inclusive range of IPv4 addresses (unsigned values in ints): one pool. */
public record AddressRange(int first, int last) implements Serializable {

    public AddressRange {
        if (Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("range start is after its end");
        }
    }

    public boolean contains(int address) {
        return Integer.compareUnsigned(address, first) >= 0 && Integer.compareUnsigned(address, last) <= 0;
    }

    public long size() {
        return Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1;
    }
}
