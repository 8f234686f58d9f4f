package dev.kakapo.server.control;

import java.util.Optional;

/**
 * Whether a process can do its work now, answered on {@code GET /readyz}: a server node or a
 * coordinator is ready while it can allocate (coordinators reachable, quorum present); a
 * ddns-worker once it listens.
 */
@FunctionalInterface
public interface Readiness {
    Readiness ALWAYS = Optional::empty;

    /** Empty when ready; otherwise the reason, in words. */
    Optional<String> notReadyBecause();
}
