package dev.kakapo.coordinator.allocator;

/**
 * The outcome of committing a lease (DHCPv4 REQUEST, DHCPv6 REQUEST/RENEW/REBIND).
 *
 * @param lease the durable lease when {@code outcome} is GRANTED, else null
 */
public record Commit<L>(Outcome outcome, L lease) {

    public enum Outcome {
        /** The lease is granted and on disk. */
        GRANTED,
        /** The address is held by another client, declined, or offered to someone else. */
        CONFLICT,
        /** The address is in no pool of the subnet. */
        NOT_IN_POOL,
        /** The client asked to extend a lease it does not hold (DHCPv6 NoBinding). */
        NO_BINDING
    }

    static <L> Commit<L> granted(L lease) {
        return new Commit<>(Outcome.GRANTED, lease);
    }

    static <L> Commit<L> refused(Outcome outcome) {
        return new Commit<>(outcome, null);
    }
}
