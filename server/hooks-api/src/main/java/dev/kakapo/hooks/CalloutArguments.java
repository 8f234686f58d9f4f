package dev.kakapo.hooks;

/**
 * The arguments of one callout call: what the point lets a callout read, with setters for what
 * it may change. Each callout gets its own copy, so a callout that is cut off (it threw or ran
 * too long) leaves nothing half changed behind.
 */
public interface CalloutArguments {

    /** An independent copy with the same values. */
    CalloutArguments copy();
}
