package dev.kakapo.coordinator.allocator;

import java.util.List;

/** The slots of one DHCPv4 block that lie in the subnet's pools. */
record PoolSlots4(int firstAddress, List<AddressRange> pools) implements SlotFilter {

    @Override
    public boolean allocatable(int slot) {
        int address = firstAddress + slot;
        for (AddressRange r : pools) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
