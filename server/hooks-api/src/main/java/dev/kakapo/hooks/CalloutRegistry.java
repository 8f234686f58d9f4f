package dev.kakapo.hooks;

/**
 * Where a library registers its callouts while it loads. Callouts of one point run in the order
 * of the {@code hooks-libraries} list, and within a library in registration order.
 */
public interface CalloutRegistry {

    /**
     * Registers {@code callout} at {@code point}.
     *
     * @param arguments the point's argument type, stated so a mismatch is found at load time
     * @throws IllegalArgumentException when {@code arguments} is not the point's argument type
     */
    <A extends CalloutArguments> void register(HookPoint point, Class<A> arguments, Callout<A> callout);
}
