package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Ipv6Address;
import java.io.Serializable;

/**
 * A DHCPv6 pool as the allocator sees it: slots of {@code slotLength} bits from {@code first} to
 * {@code last} inclusive. An address pool has 128-bit slots; a prefix delegation pool of
 * 2001:db8:8::/56 delegating /64s is {@code first} 2001:db8:8::, {@code last} 2001:db8:8:ff::,
 * slot length 64.
 */
public record SlotRange6(Ipv6Address first, Ipv6Address last, int slotLength) implements Serializable {

    public SlotRange6 {
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range start is after its end");
        }
        if (slotLength < 8 || slotLength > 128) {
            throw new IllegalArgumentException("slot length " + slotLength + " is outside 8..128");
        }
    }

    /** An address pool "first - last". */
    public static SlotRange6 addresses(Ipv6Address first, Ipv6Address last) {
        return new SlotRange6(first, last, 128);
    }

    /** A {@code pd-pools} entry: /{@code delegatedLength} prefixes cut from {@code prefix}/{@code prefixLength}. */
    public static SlotRange6 prefixes(Ipv6Address prefix, int prefixLength, int delegatedLength) {
        Ipv6Address start = prefix.masked(prefixLength);
        Ipv6Address end = BlockKey6.lastOf(start, prefixLength).masked(delegatedLength);
        return new SlotRange6(start, end, delegatedLength);
    }

    public boolean contains(Ipv6Address address, int length) {
        return length == slotLength && address.compareTo(first) >= 0 && address.compareTo(last) <= 0
                && address.masked(slotLength).equals(address);
    }
}
