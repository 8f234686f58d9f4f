package dev.kakapo.coordinator.allocator;

import com.hazelcast.core.HazelcastInstance;

/** Every test of {@link PartitionedAllocator4Test} again with the blocks and the client index in this process (the all-in-one server). */
class InProcessAllocator4Test extends PartitionedAllocator4Test {
    @Override
    HazelcastInstance coordinator() {
        return null;
    }
}
