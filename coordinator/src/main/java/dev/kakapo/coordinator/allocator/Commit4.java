package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Lease4;

/**
 * The outcome of committing a lease (DHCPREQUEST).
 *
 * @param lease the durable lease when {@code outcome} is GRANTED, else null
 */
public record Commit4(Outcome outcome, Lease4 lease) {

    public enum Outcome {
        /** The lease is granted and on disk: ACK. */
        GRANTED,
        /** The address is held by another client, declined, or offered to someone else: NAK. */
        CONFLICT,
        /** The address is in no pool of the subnet: NAK. */
        NOT_IN_POOL
    }

    static Commit4 granted(Lease4 lease) {
        return new Commit4(Outcome.GRANTED, lease);
    }

    static Commit4 refused(Outcome outcome) {
        return new Commit4(outcome, null);
    }
}
