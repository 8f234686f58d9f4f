package dev.kakapo.protocol.eval;

import dev.kakapo.protocol.option.AddressText;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cuts an expression into tokens as Kea's scanner does: the longest match wins, a word that is no
 * keyword but starts with one splits after it ({@code notfoo} is {@code not} then {@code f}), and an
 * option name is a word only where a {@code ]} follows.
 */
final class Lexer {

    /** Token kinds, each with the name Kea's error messages use for it. */
    enum Kind {
        STRING("constant string"), INTEGER("integer"), HEXSTRING("constant hexstring"),
        OPTION_NAME("option name"), IP_ADDRESS("ip address"),
        EQUAL("=="), DOT("."), LPAREN("("), RPAREN(")"), LBRACKET("["), RBRACKET("]"), COMMA("\",\""),
        ANY("*"), PLUS("+"),
        OPTION("option"), RELAY4("relay4"), RELAY6("relay6"), PEERADDR("peeraddr"), LINKADDR("linkaddr"),
        TEXT("text"), HEX("hex"), EXISTS("exists"), PKT("pkt"), IFACE("iface"), SRC("src"), DST("dst"),
        LEN("len"), PKT4("pkt4"), MAC("mac"), HLEN("hlen"), HTYPE("htype"), CIADDR("ciaddr"),
        GIADDR("giaddr"), YIADDR("yiaddr"), SIADDR("siaddr"), PKT6("pkt6"), MSGTYPE("msgtype"),
        TRANSID("transid"), VENDOR("vendor"), VENDOR_CLASS("vendor-class"), DATA("data"),
        ENTERPRISE("enterprise"), SUBSTRING("substring"), ALL("all"), CONCAT("concat"), NOT("not"),
        AND("and"), OR("or"), SAND("sand"), SOR("sor"), MEMBER("member"), KNOWN("known"),
        UNKNOWN("unknown"), IFELSE("ifelse"), SIFELSE("sifelse"), HEXSTRING_FN("hexstring"),
        SPLIT("split"), ADDRTOTEXT("addrtotext"), INT8TOTEXT("int8totext"), INT16TOTEXT("int16totext"),
        INT32TOTEXT("int32totext"), UINT8TOTEXT("uint8totext"), UINT16TOTEXT("uint16totext"),
        UINT32TOTEXT("uint32totext"), LCASE("lcase"), UCASE("ucase"), MATCH("match"),
        END("end of file");

        final String display;

        Kind(String display) {
            this.display = display;
        }

        boolean isKeyword() {
            return compareTo(OPTION) >= 0 && this != END;
        }
    }

    private static final Map<String, Kind> KEYWORDS = Stream.of(Kind.values()).filter(Kind::isKeyword)
            .collect(Collectors.toUnmodifiableMap(k -> k.display, Function.identity()));

    /**
     * One token. {@code text} is the source text (a string literal without its quotes),
     * {@code bytes} the value of a literal, {@code number} that of an integer.
     */
    record Token(Kind kind, String text, int column, byte[] bytes, long number) {
    }

    private final String source;
    private int at;

    Lexer(String source) {
        this.source = source;
    }

    /**
     * The next token; {@link Kind#END} at column length + 1 once the text is used up. Tokens are cut
     * one at a time, as the parser asks, so a syntax error before a bad character is the one reported.
     */
    Token next() throws ExpressionException {
        while (at < source.length() && isBlank(source.charAt(at))) {
            at++;
        }
        int start = at;
        if (at == source.length()) {
            return new Token(Kind.END, "", start + 1, null, 0);
        }
        char c = source.charAt(at);
        if (c == '\'') {
            int close = at + 1;
            while (close < source.length() && source.charAt(close) != '\'' && source.charAt(close) != '\n') {
                close++;
            }
            if (close == source.length() || source.charAt(close) != '\'') {
                throw invalid(start);
            }
            String text = source.substring(at + 1, close);
            at = close + 1;
            return new Token(Kind.STRING, text, start + 1, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
        }
        Kind punctuation = punctuation(c);
        if (punctuation != null) {
            at += punctuation == Kind.EQUAL ? 2 : 1;
            return new Token(punctuation, punctuation.display, start + 1, null, 0);
        }
        int hex = hexLength(at);
        int integer = integerLength(at);
        int ipv4 = ipv4Length(at);
        int ipv6 = ipv6Length(at);
        int word = wordLength(at);
        int longest = Math.max(Math.max(hex, integer), Math.max(Math.max(ipv4, ipv6), word));
        if (longest == 0) {
            throw invalid(start);
        }
        String text = source.substring(at, at + longest);
        at += longest;
        if (longest == hex) {
            return new Token(Kind.HEXSTRING, text, start + 1, hexBytes(text.substring(2)), 0);
        }
        if (longest == ipv4 || longest == ipv6) {
            byte[] address = longest == ipv4 ? AddressText.parseIpv4(text) : AddressText.parseIpv6(text);
            if (address == null) {
                throw new ExpressionException(start + 1, "Failed to convert " + text + " to an IP address.");
            }
            return new Token(Kind.IP_ADDRESS, text, start + 1, address, 0);
        }
        if (longest == integer) {
            try {
                return new Token(Kind.INTEGER, text, start + 1, null, Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new ExpressionException(start + 1, "Failed to convert " + text + " to an integer.");
            }
        }
        return wordToken(text, start);
    }

    /** A word before {@code ]} is an option name; else a keyword, or the longest keyword it starts with. */
    private Token wordToken(String text, int start) throws ExpressionException {
        int after = at;
        while (after < source.length() && isBlank(source.charAt(after))) {
            after++;
        }
        boolean endsAlphanumeric = isAsciiLetterOrDigit(text.charAt(text.length() - 1));
        if (after < source.length() && source.charAt(after) == ']' && endsAlphanumeric) {
            return new Token(Kind.OPTION_NAME, text, start + 1, null, 0);
        }
        for (int len = text.length(); len > 0; len--) {
            Kind keyword = KEYWORDS.get(text.substring(0, len));
            if (keyword != null) {
                at = start + len;
                return new Token(keyword, keyword.display, start + 1, null, 0);
            }
        }
        throw invalid(start);
    }

    private ExpressionException invalid(int index) {
        return new ExpressionException(index + 1, "Invalid character: " + source.charAt(index));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private Kind punctuation(char c) {
        return switch (c) {
            case '=' -> at + 1 < source.length() && source.charAt(at + 1) == '=' ? Kind.EQUAL : null;
            case '.' -> Kind.DOT;
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            case ',' -> Kind.COMMA;
            case '*' -> Kind.ANY;
            case '+' -> Kind.PLUS;
            default -> null;
        };
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char charAt(int i) {
        return i < source.length() ? source.charAt(i) : 0;
    }

    /** {@code 0x} or {@code 0X} and at least one hex digit. */
    private int hexLength(int from) {
        if (charAt(from) != '0' || charAt(from + 1) != 'x' && charAt(from + 1) != 'X' || !isHexDigit(charAt(from + 2))) {
            return 0;
        }
        int i = from + 2;
        while (isHexDigit(charAt(i))) {
            i++;
        }
        return i - from;
    }

    /** An optional minus and digits. */
    private int integerLength(int from) {
        int i = charAt(from) == '-' ? from + 1 : from;
        int digits = i;
        while (isDigit(charAt(i))) {
            i++;
        }
        return i == digits ? 0 : i - from;
    }

    /** Four runs of digits joined by dots. */
    private int ipv4Length(int from) {
        int i = from;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (charAt(i) != '.') {
                    return 0;
                }
                i++;
            }
            int digits = i;
            while (isDigit(charAt(i))) {
                i++;
            }
            if (i == digits) {
                return 0;
            }
        }
        return i - from;
    }

    /** Hex digits, a colon, hex digits, a colon, then hex digits, colons and dots. */
    private int ipv6Length(int from) {
        int i = from;
        for (int colon = 0; colon < 2; colon++) {
            while (isHexDigit(charAt(i))) {
                i++;
            }
            if (charAt(i) != ':') {
                return 0;
            }
            i++;
        }
        while (isHexDigit(charAt(i)) || charAt(i) == ':' || charAt(i) == '.') {
            i++;
        }
        return i - from;
    }

    /** A letter, then letters, digits, {@code -} and {@code _}. */
    private int wordLength(int from) {
        char first = charAt(from);
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
            return 0;
        }
        int i = from + 1;
        while (i < source.length() && (isAsciiLetterOrDigit(charAt(i)) || charAt(i) == '-' || charAt(i) == '_')) {
            i++;
        }
        return i - from;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c);
    }

    /** Hex digits to bytes; an odd count gets a leading zero ({@code 0x7} is one byte 07). */
    private static byte[] hexBytes(String digits) {
        String even = digits.length() % 2 == 1 ? "0" + digits : digits;
        return java.util.HexFormat.of().parseHex(even);
    }
}
