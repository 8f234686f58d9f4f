package dev.kakapo.protocol.eval;

import java.util.regex.Pattern;

/** The boolean operators and predicates. */
final class Logic {
    private Logic() {
    }

    /** {@code a == b}: same length, same bytes. */
    record Equal(StringNode left, StringNode right) implements BoolNode {
        @Override
        public boolean test(PacketView packet, ClassMembership classes) throws EvaluationException {
            ByteSlice l = left.evaluate(packet, classes);
            return l.sameBytes(right.evaluate(packet, classes));
        }
    }

    record Not(BoolNode operand) implements BoolNode {
        @Override
        public boolean test(PacketView packet, ClassMembership classes) throws EvaluationException {
            return !operand.test(packet, classes);
        }
    }

    /**
     * {@code and} evaluates both sides whatever the first gives, as Kea does, so an evaluation error
     * on the right still counts; {@code sand} (short-circuit) stops at a false left side.
     */
    record And(BoolNode left, BoolNode right, boolean shortCircuit) implements BoolNode {
        @Override
        public boolean test(PacketView packet, ClassMembership classes) throws EvaluationException {
            boolean l = left.test(packet, classes);
            if (shortCircuit && !l) {
                return false;
            }
            boolean r = right.test(packet, classes);
            return l && r;
        }
    }

    /** {@code or} evaluates both sides; {@code sor} stops at a true left side. */
    record Or(BoolNode left, BoolNode right, boolean shortCircuit) implements BoolNode {
        @Override
        public boolean test(PacketView packet, ClassMembership classes) throws EvaluationException {
            boolean l = left.test(packet, classes);
            if (shortCircuit && l) {
                return true;
            }
            boolean r = right.test(packet, classes);
            return l || r;
        }
    }

    /** {@code member('class')}; {@code known} is member('KNOWN'), {@code unknown} member('UNKNOWN'). */
    record Member(String className) implements BoolNode {
        @Override
        public boolean test(PacketView packet, ClassMembership classes) {
            return classes.member(className);
        }
    }

    /**
     * {@code match('regex', value)}: the whole value must match. Bytes map one to one to chars
     * (ISO-8859-1), so binary values can be matched too. A pattern that blows the stack on a
     * pathological input counts as no match, as Kea treats run-time regex failures.
     */
    record Match(Pattern pattern, StringNode value) implements BoolNode {
        @Override
        public boolean test(PacketView packet, ClassMembership classes) throws EvaluationException {
            String text = value.evaluate(packet, classes).latin1();
            try {
                return pattern.matcher(text).matches();
            } catch (StackOverflowError e) {
                return false;
            }
        }
    }
}
