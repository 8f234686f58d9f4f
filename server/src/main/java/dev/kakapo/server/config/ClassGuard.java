package dev.kakapo.server.config;

import java.util.List;
import java.util.Set;

/**
 * What a subnet or pool asks of a client's classes: Kea's {@code client-class} /
 * {@code client-classes} (the client must be in one of them; none listed admits every client)
 * and {@code require-client-classes} / {@code evaluate-additional-classes} (classes evaluated once
 * the subnet or pool is chosen).
 */
public record ClassGuard(List<String> allowed, List<String> required) {

    public static final ClassGuard NONE = new ClassGuard(List.of(), List.of());

    public ClassGuard {
        allowed = List.copyOf(allowed);
        required = List.copyOf(required);
    }

    /** Whether a client in {@code classes} may use the subnet or pool. */
    public boolean admits(Set<String> classes) {
        if (allowed.isEmpty()) {
            return true;
        }
        for (String name : allowed) {
            if (classes.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
