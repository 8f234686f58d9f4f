package dev.kakapo.coordinator.allocator;

/**
 * The outcome of committing a lease (DHCPv4 REQUEST, DHCPv6 REQUEST/RENEW/REBIND).
 *
 * @param lease    the durable lease when {@code outcome} is GRANTED, else null
 * @param previous the client's lease on the address before (not yet reclaimed), when GRANTED renewed one;
 *                 null for a new lease (DNS updates are sent only when the name changed)
 */
public record Commit<L>(Outcome outcome, L lease, L previous) {

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

    public Commit(Outcome outcome, L lease) {
        this(outcome, lease, null);
    }

    static <L> Commit<L> granted(L lease, L previous) {
        return new Commit<>(Outcome.GRANTED, lease, previous);
    }

    static <L> Commit<L> refused(Outcome outcome) {
        return new Commit<>(outcome, null, null);
    }
}
