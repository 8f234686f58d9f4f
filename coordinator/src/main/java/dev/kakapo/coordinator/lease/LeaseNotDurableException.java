package dev.kakapo.coordinator.lease;

import java.io.IOException;

/**
 * The lease store did not make a lease change durable (a database down, a disk full): the
 * exchange that made the change must not be answered. Its cause says why.
 */
public final class LeaseNotDurableException extends IOException {
    public LeaseNotDurableException(String what, Throwable cause) {
        super(what + " was not made durable: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    }

    /** Whether {@code failure}, or one of its causes, is a lease store's refusal. */
    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LeaseNotDurableException) {
                return true;
            }
        }
        return false;
    }
}
