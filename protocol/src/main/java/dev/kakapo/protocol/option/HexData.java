package dev.kakapo.protocol.option;

/**
 * Option data given as hexadecimal text ({@code csv-format: false}, and {@code binary} fields).
 * Accepts what current Kea accepts: an optional {@code 0x} prefix, an odd digit count (a leading
 * {@code 0} is implied), or bytes separated by {@code :} or by spaces ({@code "1:2:ff"},
 * {@code "01 02 ff"}), where each byte has one or two digits.
 */
public final class HexData {
    private HexData() {
    }

    /**
     * The bytes {@code text} spells. IllegalArgumentException names the offending character and its
     * offset in {@code text} (0 is the first character).
     */
    public static byte[] parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("hex data is missing");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return new byte[0];
        }
        int lead = text.indexOf(trimmed); // offsets in messages count from the untrimmed text
        char separator = separatorOf(trimmed);
        return separator == 0
                ? parseRun(text, trimmed, lead)
                : parseSeparated(text, trimmed, lead, separator);
    }

    private static char separatorOf(String s) {
        if (s.indexOf(':') >= 0) {
            return ':';
        }
        return s.indexOf(' ') >= 0 ? ' ' : 0;
    }

    /** Digits with no separators: "0x0a0b", "a0b" (= 0a 0b). */
    private static byte[] parseRun(String original, String s, int lead) {
        int start = 0;
        if (s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            start = 2;
        }
        int digits = s.length() - start;
        byte[] out = new byte[(digits + 1) / 2];
        // an odd count means the first byte has a single digit
        int nibble = digits % 2 == 1 ? 1 : 0;
        for (int i = start; i < s.length(); i++, nibble++) {
            int v = digit(original, s.charAt(i), lead + i);
            out[nibble / 2] |= (byte) (nibble % 2 == 0 ? v << 4 : v);
        }
        return out;
    }

    /** Bytes of one or two digits between separators: "1:2:ff", "01 02 ff". */
    private static byte[] parseSeparated(String original, String s, int lead, char separator) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i <= s.length()) {
            int end = s.indexOf(separator, i);
            if (end < 0) {
                end = s.length();
            }
            int len = end - i;
            if (len == 0 || len > 2) {
                int at = lead + (len == 0 ? i : i + 2);
                String what = at < original.length()
                        ? "'" + original.charAt(at) + "'" : "end of text";
                throw new IllegalArgumentException("invalid hex data '" + original + "': unexpected "
                        + what + " at offset " + at + " (bytes are 1 or 2 hex digits between '"
                        + separator + "')");
            }
            int v = 0;
            for (int k = i; k < end; k++) {
                v = v << 4 | digit(original, s.charAt(k), lead + k);
            }
            out.write(v);
            i = end + 1;
        }
        return out.toByteArray();
    }

    private static int digit(String original, char c, int offset) {
        int v = Character.digit(c, 16);
        if (v < 0 || c > 'f') {
            throw new IllegalArgumentException("invalid hex data '" + original + "': '" + c
                    + "' at offset " + offset + " is not a hex digit");
        }
        return v;
    }
}
