package dev.kakapo.coordinator.allocator;

import java.io.Serializable;

/** Which slots of a block the subnet's pools let the allocator hand out. Travels with entry processors. */
interface SlotFilter extends Serializable {

    boolean allocatable(int slot);
}
