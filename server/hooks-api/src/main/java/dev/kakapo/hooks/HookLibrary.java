package dev.kakapo.hooks;

/**
 * A hook library: the one service a hook jar declares in
 * {@code META-INF/services/dev.kakapo.hooks.HookLibrary}. The server makes it with its public
 * no-argument constructor, calls {@link #load} once, and {@link #unload} when it stops. A
 * configuration check ({@code kakapo dhcp4 -t FILE}) loads and unloads it too, so
 * {@code load} should only check and prepare, not start serving anything of its own.
 */
public interface HookLibrary {

    /**
     * Reads the library's parameters and registers its callouts. Throwing
     * {@link HookLoadException} refuses the configuration, with the reason shown to the operator.
     */
    void load(HookParameters parameters, CalloutRegistry callouts) throws HookLoadException;

    /** Releases what {@link #load} took (open files, threads). No callout runs after this. */
    default void unload() {
    }
}
