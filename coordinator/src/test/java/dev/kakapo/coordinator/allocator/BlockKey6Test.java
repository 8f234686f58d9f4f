package dev.kakapo.coordinator.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.LeaseType6;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Slot arithmetic of DHCPv6 blocks for every kind of slot length: address and slot map back and forth. */
class BlockKey6Test {

    @ParameterizedTest
    @CsvSource({
            "2001:db8:1::1a7, 128, 2001:db8:1::100, 167",
            "2001:db8:8:2a::, 64, 2001:db8:8::, 42",
            "2001:db8:8:2a00::, 56, 2001:db8:8::, 42",
            "2001:db8:8:2a0::, 60, 2001:db8:8::, 42",
            "2001:db8:0:1:2a00::, 72, 2001:db8:0:1::, 42",
            "2001:db8:0:1:0:2a::, 96, 2001:db8:0:1::, 42",
            "2001:db8::12a0, 124, 2001:db8::1000, 42",
            "2001:db8:0:1:2a:0:0:0, 80, 2001:db8:0:1::, 42",
    })
    void slotAndAddressAgree(String address, int slotLength, String blockFirst, int slot) {
        Ipv6Address a = Ipv6Address.parse(address);
        BlockKey6 key = BlockKey6.of(1, LeaseType6.PD, a, slotLength);
        assertEquals(Ipv6Address.parse(blockFirst), key.first());
        assertEquals(slot, BlockKey6.slotOf(a, slotLength));
        assertEquals(a, key.address(slot));
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:8::, 56, 64, 256", "2001:db8:8::, 48, 64, 65536", "2001:db8:1::, 120, 128, 256"})
    void everySlotOfAPoolIsDistinctAndInside(String prefix, int prefixLength, int delegated, int expected) {
        SlotRange6 pool = SlotRange6.prefixes(Ipv6Address.parse(prefix), prefixLength, delegated);
        Set<Ipv6Address> seen = new HashSet<>();
        Ipv6Address p = pool.first();
        int n = 0;
        while (p.compareTo(pool.last()) <= 0) {
            BlockKey6 key = BlockKey6.of(1, LeaseType6.PD, p, delegated);
            assertEquals(p, key.address(BlockKey6.slotOf(p, delegated)));
            assertTrue(pool.contains(p, delegated));
            assertTrue(seen.add(p));
            n++;
            p = step(p, delegated);
        }
        assertEquals(expected, n);
    }

    private static Ipv6Address step(Ipv6Address p, int length) {
        int shift = 128 - length;
        return shift >= 64 ? new Ipv6Address(p.high() + (1L << (shift - 64)), p.low()) : p.plus(1L << shift);
    }
}
