package dev.kakapo.coordinator.allocator;

import java.util.List;

/** The slots of one DHCPv6 block that lie in the subnet's pools of the block's slot length. */
record PoolSlots6(BlockKey6 block, List<SlotRange6> pools) implements SlotFilter {

    @Override
    public boolean allocatable(int slot) {
        var address = block.address(slot);
        for (SlotRange6 r : pools) {
            if (r.contains(address, block.slotLength())) {
                return true;
            }
        }
        return false;
    }
}
