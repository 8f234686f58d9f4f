package dev.kakapo.protocol.eval;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A value during evaluation: bytes {@code [from, from + length)} of an array nobody changes. Slicing
 * (substring, option payloads) shares the array instead of copying it.
 */
record ByteSlice(byte[] array, int from, int length) {
    static final ByteSlice EMPTY = new ByteSlice(new byte[0], 0, 0);
    static final ByteSlice TRUE = of("true".getBytes(StandardCharsets.US_ASCII));
    static final ByteSlice FALSE = of("false".getBytes(StandardCharsets.US_ASCII));

    static ByteSlice of(byte[] array) {
        return array.length == 0 ? EMPTY : new ByteSlice(array, 0, array.length);
    }

    /** The payload of an option found or not: empty when absent. */
    static ByteSlice orEmpty(byte[] array) {
        return array == null ? EMPTY : of(array);
    }

    static ByteSlice of(boolean value) {
        return value ? TRUE : FALSE;
    }

    static ByteSlice ofText(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Four bytes, most significant first: how Kea represents every integer. */
    static ByteSlice uint32(long value) {
        return new ByteSlice(new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value},
                0, 4);
    }

    ByteSlice slice(int start, int count) {
        return count == 0 ? EMPTY : new ByteSlice(array, from + start, count);
    }

    int byteAt(int i) {
        return array[from + i] & 0xff;
    }

    boolean sameBytes(ByteSlice other) {
        return Arrays.equals(array, from, from + length, other.array, other.from, other.from + other.length);
    }

    byte[] toArray() {
        return Arrays.copyOfRange(array, from, from + length);
    }

    /** One char per byte, so nothing is lost (regular expressions, case changes). */
    String latin1() {
        return new String(array, from, length, StandardCharsets.ISO_8859_1);
    }
}
