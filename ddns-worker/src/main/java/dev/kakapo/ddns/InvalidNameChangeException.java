package dev.kakapo.ddns;

/** A NameChangeRequest that is malformed; the message names the field at fault. */
public final class InvalidNameChangeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidNameChangeException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The request field at fault, as the .proto names it ({@code fqdn}, {@code lease_length}). */
    public String field() {
        return field;
    }
}
