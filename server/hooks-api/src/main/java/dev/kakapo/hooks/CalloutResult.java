package dev.kakapo.hooks;

/**
 * What a callout tells the server to do next (Kea's next-step status). What SKIP and DROP mean
 * depends on the point: see {@link HookPoint}.
 */
public enum CalloutResult {
    /** Carry on, with whatever the callout changed. */
    CONTINUE,
    /** Leave out the server's own step at this point (the point says which). */
    SKIP,
    /** Drop the packet: no reply, nothing more done for it. */
    DROP
}
