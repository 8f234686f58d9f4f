package dev.kakapo.protocol.eval;

import dev.kakapo.protocol.option.AddressText;

/** Literals and the functions from strings to strings. */
final class StringFunctions {
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private StringFunctions() {
    }

    /** A constant: string, hex, address or integer literal. */
    record Literal(ByteSlice value) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) {
            return value;
        }
    }

    /** A boolean used where a string is wanted (a boolean top expression read as a value). */
    record BoolText(BoolNode condition) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException {
            return ByteSlice.of(condition.test(packet, classes));
        }
    }

    /** {@code concat(a, b)} and {@code a + b}. */
    record Concat(StringNode left, StringNode right) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException {
            ByteSlice l = left.evaluate(packet, classes);
            ByteSlice r = right.evaluate(packet, classes);
            if (r.length() == 0) {
                return l;
            }
            if (l.length() == 0) {
                return r;
            }
            byte[] out = new byte[l.length() + r.length()];
            System.arraycopy(l.array(), l.from(), out, 0, l.length());
            System.arraycopy(r.array(), r.from(), out, l.length(), r.length());
            return ByteSlice.of(out);
        }
    }

    /**
     * {@code substring(value, start, length)} with Kea's rules: a start outside the value gives "";
     * a negative start counts from the end; a negative length takes that many bytes before start;
     * a length past the end stops at the end. {@code all} is written as a null length.
     */
    record Substring(StringNode value, long start, Long length) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException {
            ByteSlice s = value.evaluate(packet, classes);
            long size = s.length();
            if (size == 0 || start < -size || start >= size) {
                return ByteSlice.EMPTY;
            }
            long from = start < 0 ? size + start : start;
            long count = length == null ? size : length;
            if (count < 0) {
                count = -count;
                if (count <= from) {
                    from -= count;
                } else {
                    count = from;
                    from = 0;
                }
            }
            count = Math.min(count, size - from);
            return s.slice((int) from, (int) count);
        }
    }

    /** {@code ifelse(condition, a, b)} evaluates both branches as Kea does; {@code sifelse} only the one taken. */
    record IfElse(BoolNode condition, StringNode whenTrue, StringNode whenFalse, boolean lazy) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException {
            boolean c = condition.test(packet, classes);
            if (lazy) {
                return c ? whenTrue.evaluate(packet, classes) : whenFalse.evaluate(packet, classes);
            }
            ByteSlice t = whenTrue.evaluate(packet, classes);
            ByteSlice f = whenFalse.evaluate(packet, classes);
            return c ? t : f;
        }
    }

    /** {@code hexstring(value, separator)}: two lower-case hex digits per byte, separator between. */
    record HexString(StringNode value, StringNode separator) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException {
            ByteSlice v = value.evaluate(packet, classes);
            ByteSlice sep = separator.evaluate(packet, classes);
            if (v.length() == 0) {
                return ByteSlice.EMPTY;
            }
            byte[] out = new byte[v.length() * 2 + (v.length() - 1) * sep.length()];
            int at = 0;
            for (int i = 0; i < v.length(); i++) {
                if (i > 0) {
                    System.arraycopy(sep.array(), sep.from(), out, at, sep.length());
                    at += sep.length();
                }
                out[at++] = HEX_DIGITS[v.byteAt(i) >> 4];
                out[at++] = HEX_DIGITS[v.byteAt(i) & 0xf];
            }
            return ByteSlice.of(out);
        }
    }

    /**
     * {@code split(value, delimiters, field)}: field number {@code field} (1 = first) of the value
     * cut at every byte found in {@code delimiters}. Adjacent delimiters give empty fields; no
     * delimiters give the whole value; a field that does not exist gives "".
     */
    record Split(StringNode value, StringNode delimiters, long field) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException {
            ByteSlice v = value.evaluate(packet, classes);
            ByteSlice d = delimiters.evaluate(packet, classes);
            if (v.length() == 0) {
                return ByteSlice.EMPTY;
            }
            if (d.length() == 0) {
                return v;
            }
            long current = 1;
            int fieldStart = 0;
            for (int i = 0; i <= v.length(); i++) {
                if (i == v.length() || isDelimiter(v.byteAt(i), d)) {
                    if (current == field) {
                        return v.slice(fieldStart, i - fieldStart);
                    }
                    current++;
                    fieldStart = i + 1;
                }
            }
            return ByteSlice.EMPTY;
        }

        private static boolean isDelimiter(int b, ByteSlice delimiters) {
            for (int k = 0; k < delimiters.length(); k++) {
                if (delimiters.byteAt(k) == b) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code lcase(value)}, {@code ucase(value)}: ASCII letters only, other bytes unchanged. */
    record ChangeCase(StringNode value, boolean upper) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException {
            ByteSlice v = value.evaluate(packet, classes);
            byte[] out = null;
            for (int i = 0; i < v.length(); i++) {
                int b = v.byteAt(i);
                boolean change = upper ? b >= 'a' && b <= 'z' : b >= 'A' && b <= 'Z';
                if (change) {
                    if (out == null) {
                        out = v.toArray();
                    }
                    out[i] = (byte) (b ^ 0x20);
                }
            }
            return out == null ? v : ByteSlice.of(out);
        }
    }

    /** {@code addrtotext(value)}: 4 bytes as dotted quad, 16 as RFC 5952 text, nothing as "". */
    record AddressToText(StringNode value) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException {
            ByteSlice v = value.evaluate(packet, classes);
            return switch (v.length()) {
                case 0 -> ByteSlice.EMPTY;
                case 4 -> ByteSlice.ofText(AddressText.formatIpv4(v.array(), v.from()));
                case 16 -> ByteSlice.ofText(AddressText.formatIpv6(v.array(), v.from()));
                default -> throw new EvaluationException("addrtotext needs 4 or 16 bytes, not " + v.length());
            };
        }
    }

    /** {@code int8totext} .. {@code uint32totext}: a big-endian integer of exactly that size as decimal text. */
    record IntegerToText(StringNode value, int size, boolean signed, String function) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) throws EvaluationException {
            ByteSlice v = value.evaluate(packet, classes);
            if (v.length() == 0) {
                return ByteSlice.EMPTY;
            }
            if (v.length() != size) {
                throw new EvaluationException(function + " needs " + size + (size == 1 ? " byte" : " bytes")
                        + ", not " + v.length());
            }
            long n = 0;
            for (int i = 0; i < size; i++) {
                n = n << 8 | v.byteAt(i);
            }
            if (signed && n >= 1L << (8 * size - 1)) {
                n -= 1L << (8 * size);
            }
            return ByteSlice.ofText(Long.toString(n));
        }
    }
}
