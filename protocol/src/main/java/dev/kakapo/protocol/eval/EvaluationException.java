package dev.kakapo.protocol.eval;

/**
 * An expression that compiled but cannot produce a value for this packet, e.g. {@code int16totext}
 * of a 3-byte value, or an expression written for DHCPv4 given a DHCPv6 packet. Kea counts the
 * packet as not in the class.
 */
public final class EvaluationException extends Exception {
    private static final long serialVersionUID = 1L;

    EvaluationException(String message) {
        super(message);
    }
}
