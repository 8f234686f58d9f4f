package dev.kakapo.coordinator.allocator;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;

/** The allocator's Hazelcast maps as every member of a coordinator cluster configures them. */
public final class AllocatorMaps {
    private AllocatorMaps() {
    }

    /**
     * Blocks live as objects, so an entry processor changes them in place instead of reading and
     * writing 256 leases per call; every map keeps one synchronous backup, so losing a member
     * loses no lease; and every map is guarded by split-brain protection {@code protection} (or
     * none when null), so a minority side refuses to allocate rather than hand out twice.
     *
     * <p>When a split heals, the smaller side merges into the larger keeping the larger side's
     * entries: the smaller side was below the quorum, so nothing it changed was granted (a grant
     * completes only once its backup, on the larger side, has it). Its entries fill in only what
     * the larger side lacks, as when every member was cut off alone and each kept part of the blocks.
     */
    public static void addTo(Config config, String protection) {
        AllocatorSerializers.register(config.getSerializationConfig());
        MergePolicyConfig keepTheLargerSide = new MergePolicyConfig().setPolicy(PutIfAbsentMergePolicy.class.getName());
        for (String blocks : new String[] {PartitionedAllocator4.BLOCKS_MAP, PartitionedAllocator6.BLOCKS_MAP}) {
            config.addMapConfig(new MapConfig(blocks).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1)
                    .setAsyncBackupCount(0).setSplitBrainProtectionName(protection).setMergePolicyConfig(keepTheLargerSide));
        }
        for (String clients : new String[] {PartitionedAllocator4.CLIENTS_MAP, PartitionedAllocator6.CLIENTS_MAP}) {
            config.addMapConfig(new MapConfig(clients).setBackupCount(1).setSplitBrainProtectionName(protection)
                    .setMergePolicyConfig(keepTheLargerSide));
        }
    }
}
