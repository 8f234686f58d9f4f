package dev.kakapo.coordinator.allocator;

/** A block's key names the subnet the block belongs to, so the control API can pick one subnet's blocks. */
interface SubnetBlock {
    int subnetId();
}
