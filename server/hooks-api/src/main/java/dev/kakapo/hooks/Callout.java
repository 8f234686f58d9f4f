package dev.kakapo.hooks;

/**
 * The code a library runs at a hook point. It reads and changes {@code arguments} (the packet's,
 * for this call only) and says what the server does next. Anything it throws is contained: the
 * server logs it once, counts it, and drops the packet or carries on without the callout's
 * changes, as configured.
 *
 * @param <A> the point's argument type ({@link HookPoint#argumentType()})
 */
@FunctionalInterface
public interface Callout<A extends CalloutArguments> {
    CalloutResult call(A arguments) throws Exception;
}
