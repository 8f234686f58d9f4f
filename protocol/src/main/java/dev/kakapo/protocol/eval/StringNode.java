package dev.kakapo.protocol.eval;

/** A compiled expression part that yields a byte string. Implementations are immutable and shareable. */
interface StringNode {
    ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException;
}
