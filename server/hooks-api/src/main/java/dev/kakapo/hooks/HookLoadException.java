package dev.kakapo.hooks;

/**
 * A hook library refuses to load: its parameters are wrong or something it needs is missing.
 * The server reports the reason at the library's {@code hooks-libraries} entry, at
 * {@code parameters/NAME} when {@link #parameter()} names one.
 */
public final class HookLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /** Refuses for a reason that is not one parameter's. */
    public HookLoadException(String reason) {
        this(reason, null, null);
    }

    /** Refuses because of {@code parameter}'s value (or absence). */
    public HookLoadException(String reason, String parameter) {
        this(reason, parameter, null);
    }

    public HookLoadException(String reason, String parameter, Throwable cause) {
        super(reason, cause);
        this.parameter = parameter;
    }

    /** The parameter at fault, or null. */
    public String parameter() {
        return parameter;
    }
}
