package dev.kakapo.protocol.eval;

/**
 * The client classes a packet already belongs to when an expression is evaluated: the built-in ones
 * ({@code ALL}, {@code VENDOR_CLASS_...}, {@code KNOWN} or {@code UNKNOWN}) and those whose tests
 * ran earlier. {@code member('x')}, {@code known} and {@code unknown} ask it.
 */
@FunctionalInterface
public interface ClassMembership {
    /** A packet in no class at all. */
    ClassMembership NONE = className -> false;

    boolean member(String className);
}
