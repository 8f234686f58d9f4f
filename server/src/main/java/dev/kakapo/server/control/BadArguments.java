package dev.kakapo.server.control;

/** A command's arguments are missing or wrong; the message names the argument at fault. The answer is result 1. */
public final class BadArguments extends Exception {
    private static final long serialVersionUID = 1L;

    public BadArguments(String reason) {
        super(reason);
    }
}
