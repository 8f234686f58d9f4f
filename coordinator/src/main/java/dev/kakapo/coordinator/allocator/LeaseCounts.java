package dev.kakapo.coordinator.allocator;

/**
 * How many leases of one subnet (and, for DHCPv6, one lease type) the blocks hold now: Kea's
 * {@code assigned-addresses} / {@code assigned-nas} / {@code assigned-pds} and
 * {@code declined-addresses}.
 *
 * @param assigned unexpired leases in the default state
 * @param declined declined addresses still on probation
 */
public record LeaseCounts(long assigned, long declined) {
    public static final LeaseCounts NONE = new LeaseCounts(0, 0);

    LeaseCounts plus(long[] block) {
        return new LeaseCounts(assigned + block[0], declined + block[1]);
    }
}
