package dev.kakapo.protocol.eval;

/**
 * A compiled expression part that yields Kea's {@code "true"} or {@code "false"}. The grammar keeps
 * booleans and strings apart, so booleans are evaluated as Java booleans; only a boolean top
 * expression turned into a value becomes the string again.
 */
interface BoolNode {
    boolean test(PacketView packet, ClassMembership classes) throws EvaluationException;
}
