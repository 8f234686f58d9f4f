package dev.kakapo.coordinator.allocator;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;

/** The allocator's Hazelcast maps as every member of a coordinator cluster configures them. */
public final class AllocatorMaps {
    private AllocatorMaps() {
    }

    /**
     * Blocks live as objects, so an entry processor changes them in place instead of reading and
     * writing 256 leases per call; every map keeps one synchronous backup, so losing a member
     * loses no lease; and every map is guarded by split-brain protection {@code protection} (or
     * none when null), so a minority side refuses to allocate rather than hand out twice.
     */
    public static void addTo(Config config, String protection) {
        AllocatorSerializers.register(config.getSerializationConfig());
        for (String blocks : new String[] {PartitionedAllocator4.BLOCKS_MAP, PartitionedAllocator6.BLOCKS_MAP}) {
            config.addMapConfig(new MapConfig(blocks).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1)
                    .setAsyncBackupCount(0).setSplitBrainProtectionName(protection));
        }
        for (String clients : new String[] {PartitionedAllocator4.CLIENTS_MAP, PartitionedAllocator6.CLIENTS_MAP}) {
            config.addMapConfig(new MapConfig(clients).setBackupCount(1).setSplitBrainProtectionName(protection));
        }
    }
}
