/**
 * What a Kakapo hook library is written against: Kakapo's counterpart of Kea's hooks.
 *
 * <p>A hook library is a jar named in a {@code hooks-libraries} entry. It declares one
 * {@link dev.kakapo.hooks.HookLibrary} as a service ({@code META-INF/services/dev.kakapo.hooks.HookLibrary}),
 * is loaded in a class loader of its own, reads the entry's {@code parameters} through
 * {@link dev.kakapo.hooks.HookParameters} and registers {@link dev.kakapo.hooks.Callout}s at
 * {@link dev.kakapo.hooks.HookPoint}s, which carry Kea's names and meaning. A callout reads and
 * changes what its point's argument object lets it (the point's Kea arguments) and returns a
 * {@link dev.kakapo.hooks.CalloutResult}: CONTINUE, SKIP or DROP.
 *
 * <p>Callouts run on the server's hook threads, never on a network thread, within a time budget;
 * one that throws or runs too long is cut off and the packet dropped or served as if it had
 * returned CONTINUE, as the operator configured. A callout may block briefly (read a file, ask a
 * service) but should not hold on to its arguments after it returns: they are one packet's.
 *
 * <p>Compile against {@code dev.kakapo:kakapo-hooks} (and {@code kakapo-protocol} for the message
 * types) with {@code provided} scope: the server supplies these classes, and Jackson's, at run time.
 * docs/hooks.md in the repository walks through writing, building and configuring one.
 */
package dev.kakapo.hooks;
