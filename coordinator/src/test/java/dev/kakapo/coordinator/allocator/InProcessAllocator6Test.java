package dev.kakapo.coordinator.allocator;

import com.hazelcast.core.HazelcastInstance;

/** Every test of {@link PartitionedAllocator6Test} again with the blocks and the client index in this process (the all-in-one server). */
class InProcessAllocator6Test extends PartitionedAllocator6Test {
    @Override
    HazelcastInstance coordinator() {
        return null;
    }
}
