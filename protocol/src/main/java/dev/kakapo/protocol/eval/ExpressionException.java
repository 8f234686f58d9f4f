package dev.kakapo.protocol.eval;

/**
 * An expression text that does not compile: a character the language does not know, a token where
 * the grammar wants another, a number out of range, an unknown option name, or a token the universe
 * does not have. The reason uses Kea's words ("syntax error, unexpected ., expecting ==").
 */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final String reason;

    ExpressionException(int column, String reason) {
        super("column " + column + ": " + reason);
        this.column = column;
        this.reason = reason;
    }

    /** Where the fault starts, 1 = the first character; the text's length + 1 when it ended too early. */
    public int column() {
        return column;
    }

    /** What is wrong, without the column. */
    public String reason() {
        return reason;
    }
}
