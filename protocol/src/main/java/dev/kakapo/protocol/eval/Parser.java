package dev.kakapo.protocol.eval;

import dev.kakapo.protocol.eval.Lexer.Kind;
import dev.kakapo.protocol.eval.Lexer.Token;
import dev.kakapo.protocol.eval.OptionLookups.OptionSource;
import dev.kakapo.protocol.v4.OptionCode4;
import java.util.LinkedHashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive descent over Kea's grammar. Precedence, loosest first: {@code or}/{@code sor},
 * {@code and}/{@code sand}, {@code not}, then {@code ==} between string expressions, where
 * {@code +} concatenates. Booleans and strings are separate: a string is never a condition and a
 * condition is never compared. Errors say what was found and, when at most four tokens could
 * have come instead, what was expected.
 */
final class Parser {
    private static final long UINT32_MAX = 0xffff_ffffL;
    private static final int MAX_NEST = 31;
    private static final int MAX_DATA_INDEX = 254;

    private final Lexer lexer;
    private final Universe universe;
    private final OptionNames names;
    private final Set<String> classes = new LinkedHashSet<>();
    private Token current;

    private Parser(String text, Universe universe, OptionNames names) throws ExpressionException {
        this.lexer = new Lexer(text);
        this.universe = universe;
        this.names = names;
        this.current = lexer.next();
    }

    /** The compiled tree of a class test or of a value expression, and the classes it asks about. */
    record Parsed(BoolNode test, StringNode value, Set<String> referencedClasses) {
    }

    static Parsed parseTest(String text, Universe universe, OptionNames names) throws ExpressionException {
        Parser p = new Parser(text, universe, names);
        BoolNode test = p.disjunction();
        p.expectEnd();
        return new Parsed(test, null, Set.copyOf(p.classes));
    }

    static Parsed parseValue(String text, Universe universe, OptionNames names) throws ExpressionException {
        Parser p = new Parser(text, universe, names);
        StringNode value = p.string();
        p.expectEnd();
        return new Parsed(null, value, Set.copyOf(p.classes));
    }

    // ---- booleans ----

    private BoolNode disjunction() throws ExpressionException {
        BoolNode left = conjunction();
        while (current.kind() == Kind.OR || current.kind() == Kind.SOR) {
            boolean shortCircuit = advance().kind() == Kind.SOR;
            left = new Logic.Or(left, conjunction(), shortCircuit);
        }
        return left;
    }

    private BoolNode conjunction() throws ExpressionException {
        BoolNode left = negation();
        while (current.kind() == Kind.AND || current.kind() == Kind.SAND) {
            boolean shortCircuit = advance().kind() == Kind.SAND;
            left = new Logic.And(left, negation(), shortCircuit);
        }
        return left;
    }

    private BoolNode negation() throws ExpressionException {
        if (current.kind() == Kind.NOT) {
            advance();
            return new Logic.Not(negation());
        }
        return condition();
    }

    private BoolNode condition() throws ExpressionException {
        switch (current.kind()) {
            case LPAREN -> {
                advance();
                BoolNode inner = disjunction();
                expect(Kind.RPAREN);
                return inner;
            }
            case MEMBER -> {
                advance();
                expect(Kind.LPAREN);
                String className = expect(Kind.STRING).text();
                expect(Kind.RPAREN);
                classes.add(className);
                return new Logic.Member(className);
            }
            case KNOWN, UNKNOWN -> {
                String className = advance().kind() == Kind.KNOWN ? "KNOWN" : "UNKNOWN";
                classes.add(className);
                return new Logic.Member(className);
            }
            case MATCH -> {
                return match();
            }
            default -> {
                Term term = term(true);
                if (term.condition() != null) {
                    return term.condition();
                }
                StringNode left = concatenation(term.value());
                expect(Kind.EQUAL);
                return new Logic.Equal(left, string());
            }
        }
    }

    private BoolNode match() throws ExpressionException {
        advance();
        expect(Kind.LPAREN);
        Token regex = expect(Kind.STRING);
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex.text());
        } catch (PatternSyntaxException e) {
            throw new ExpressionException(regex.column(), "invalid regular expression '" + regex.text() + "': "
                    + e.getDescription());
        }
        expect(Kind.COMMA);
        StringNode value = string();
        expect(Kind.RPAREN);
        return new Logic.Match(pattern, value);
    }

    // ---- strings ----

    /** One of the two: a term is a string, or (option[..].exists and the like) a condition. */
    private record Term(StringNode value, BoolNode condition) {
        static Term of(StringNode value) {
            return new Term(value, null);
        }

        static Term of(BoolNode condition) {
            return new Term(null, condition);
        }
    }

    private StringNode string() throws ExpressionException {
        return concatenation(term(false).value());
    }

    private StringNode concatenation(StringNode first) throws ExpressionException {
        StringNode value = first;
        while (current.kind() == Kind.PLUS) {
            advance();
            value = new StringFunctions.Concat(value, term(false).value());
        }
        return value;
    }

    /** A string term; when {@code conditionAllowed}, also the {@code .exists} forms. */
    private Term term(boolean conditionAllowed) throws ExpressionException {
        Token t = current;
        switch (t.kind()) {
            case STRING, HEXSTRING, IP_ADDRESS -> {
                advance();
                return Term.of(new StringFunctions.Literal(ByteSlice.of(t.bytes())));
            }
            case INTEGER -> {
                advance();
                if (t.number() < 0 || t.number() > UINT32_MAX) {
                    throw new ExpressionException(t.column(), "Failed to convert " + t.text()
                            + " to an unsigned 32-bit integer.");
                }
                return Term.of(new StringFunctions.Literal(ByteSlice.uint32(t.number())));
            }
            case OPTION -> {
                advance();
                int code = bracketed(this::optionCode);
                return optionField(new OptionLookups.TopOption(code), code, conditionAllowed, true);
            }
            case RELAY4 -> {
                onlyIn(Universe.DHCP4, t);
                advance();
                int code = bracketed(this::optionCode);
                return optionField(new OptionLookups.SubOption(new OptionLookups.TopOption(OptionCode4.RELAY_AGENT_INFO),
                        Universe.DHCP4, 0, code), code, conditionAllowed, false);
            }
            case RELAY6 -> {
                return relay6(conditionAllowed);
            }
            case PKT -> {
                return Term.of(packetField());
            }
            case PKT4 -> {
                onlyIn(Universe.DHCP4, t);
                return Term.of(header4());
            }
            case PKT6 -> {
                onlyIn(Universe.DHCP6, t);
                return Term.of(header6());
            }
            case VENDOR -> {
                return vendor(conditionAllowed);
            }
            case VENDOR_CLASS -> {
                return vendorClass(conditionAllowed);
            }
            case SUBSTRING, CONCAT, IFELSE, SIFELSE, HEXSTRING_FN, SPLIT, LCASE, UCASE, ADDRTOTEXT, INT8TOTEXT,
                 INT16TOTEXT, INT32TOTEXT, UINT8TOTEXT, UINT16TOTEXT, UINT32TOTEXT -> {
                return Term.of(function());
            }
            default -> throw unexpected();
        }
    }

    /**
     * After {@code option[code]} and the like: {@code .text}, {@code .hex}, {@code .exists}, or
     * (for a top-level option) {@code .option[sub]} followed by one of those.
     */
    private Term optionField(OptionSource source, int code, boolean conditionAllowed, boolean subOptionAllowed)
            throws ExpressionException {
        expect(Kind.DOT);
        switch (current.kind()) {
            case TEXT, HEX -> {
                advance();
                return Term.of(new OptionLookups.Payload(source));
            }
            case EXISTS -> {
                if (conditionAllowed) {
                    advance();
                    return Term.of(new OptionLookups.Exists(source));
                }
            }
            case OPTION -> {
                if (subOptionAllowed) {
                    advance();
                    int sub = bracketed(this::plainOptionCode);
                    OptionSource subOption = new OptionLookups.SubOption(source, universe,
                            OptionLookups.subOptionsStart(universe, code), sub);
                    return optionField(subOption, sub, conditionAllowed, false);
                }
            }
            default -> {
            }
        }
        if (conditionAllowed) {
            throw subOptionAllowed ? unexpected(Kind.TEXT, Kind.HEX, Kind.EXISTS, Kind.OPTION)
                    : unexpected(Kind.TEXT, Kind.HEX, Kind.EXISTS);
        }
        throw subOptionAllowed ? unexpected(Kind.TEXT, Kind.HEX, Kind.OPTION) : unexpected(Kind.TEXT, Kind.HEX);
    }

    private Term relay6(boolean conditionAllowed) throws ExpressionException {
        advance();
        int nest = bracketed(this::nestLevel);
        expect(Kind.DOT);
        switch (current.kind()) {
            case OPTION -> {
                advance();
                int code = bracketed(this::optionCode);
                return optionField(new OptionLookups.RelayOption(nest, code), code, conditionAllowed, false);
            }
            case PEERADDR, LINKADDR -> {
                boolean peer = advance().kind() == Kind.PEERADDR;
                return Term.of(new PacketFields.RelayAddress(nest, peer));
            }
            default -> throw unexpected(Kind.OPTION, Kind.PEERADDR, Kind.LINKADDR);
        }
    }

    private StringNode packetField() throws ExpressionException {
        advance();
        expect(Kind.DOT);
        PacketFields.Transported field = switch (current.kind()) {
            case IFACE -> PacketFields.Transported.IFACE;
            case SRC -> PacketFields.Transported.SRC;
            case DST -> PacketFields.Transported.DST;
            case LEN -> PacketFields.Transported.LEN;
            default -> throw unexpected(Kind.IFACE, Kind.SRC, Kind.DST, Kind.LEN);
        };
        advance();
        return field;
    }

    private StringNode header4() throws ExpressionException {
        advance();
        expect(Kind.DOT);
        PacketFields.Header4 field = switch (current.kind()) {
            case MAC -> PacketFields.Header4.MAC;
            case HLEN -> PacketFields.Header4.HLEN;
            case HTYPE -> PacketFields.Header4.HTYPE;
            case CIADDR -> PacketFields.Header4.CIADDR;
            case GIADDR -> PacketFields.Header4.GIADDR;
            case YIADDR -> PacketFields.Header4.YIADDR;
            case SIADDR -> PacketFields.Header4.SIADDR;
            case MSGTYPE -> PacketFields.Header4.MSGTYPE;
            case TRANSID -> PacketFields.Header4.TRANSID;
            default -> throw unexpected();
        };
        advance();
        return field;
    }

    private StringNode header6() throws ExpressionException {
        advance();
        expect(Kind.DOT);
        PacketFields.Header6 field = switch (current.kind()) {
            case MSGTYPE -> PacketFields.Header6.MSGTYPE;
            case TRANSID -> PacketFields.Header6.TRANSID;
            default -> throw unexpected(Kind.MSGTYPE, Kind.TRANSID);
        };
        advance();
        return field;
    }

    /** {@code vendor.enterprise}, {@code vendor[ent].exists}, {@code vendor[ent].option[code].*}. */
    private Term vendor(boolean conditionAllowed) throws ExpressionException {
        advance();
        if (current.kind() == Kind.DOT) {
            advance();
            expect(Kind.ENTERPRISE);
            return Term.of(new OptionLookups.Enterprise(OptionLookups.vendorOptionCode(universe)));
        }
        long enterprise = bracketed(this::enterprise);
        OptionLookups.VendorOption vendor = OptionLookups.VendorOption.vendor(universe, enterprise);
        expect(Kind.DOT);
        if (current.kind() == Kind.EXISTS && conditionAllowed) {
            advance();
            return Term.of(new OptionLookups.Exists(vendor));
        }
        if (current.kind() != Kind.OPTION) {
            throw conditionAllowed ? unexpected(Kind.EXISTS, Kind.OPTION) : unexpected(Kind.OPTION);
        }
        advance();
        int code = bracketed(this::plainOptionCode);
        return optionField(new OptionLookups.VendorSubOption(vendor, universe, code), code, conditionAllowed, false);
    }

    /** {@code vendor-class.enterprise}, {@code vendor-class[ent].exists}, {@code vendor-class[ent].data[i]}. */
    private Term vendorClass(boolean conditionAllowed) throws ExpressionException {
        advance();
        if (current.kind() == Kind.DOT) {
            advance();
            expect(Kind.ENTERPRISE);
            return Term.of(new OptionLookups.Enterprise(OptionLookups.vendorClassCode(universe)));
        }
        long enterprise = bracketed(this::enterprise);
        OptionLookups.VendorOption vendorClass = OptionLookups.VendorOption.vendorClass(universe, enterprise);
        expect(Kind.DOT);
        if (current.kind() == Kind.EXISTS && conditionAllowed) {
            advance();
            return Term.of(new OptionLookups.Exists(vendorClass));
        }
        if (current.kind() != Kind.DATA) {
            throw conditionAllowed ? unexpected(Kind.EXISTS, Kind.DATA) : unexpected(Kind.DATA);
        }
        advance();
        int index = 0;
        if (current.kind() == Kind.LBRACKET) {
            index = bracketed(() -> (int) number(0, MAX_DATA_INDEX, "Data index"));
        }
        return Term.of(new OptionLookups.VendorClassData(vendorClass, universe, index));
    }

    private StringNode function() throws ExpressionException {
        Kind kind = advance().kind();
        expect(Kind.LPAREN);
        StringNode result = switch (kind) {
            case SUBSTRING -> {
                StringNode value = string();
                expect(Kind.COMMA);
                long start = expect(Kind.INTEGER).number();
                expect(Kind.COMMA);
                Long length;
                if (current.kind() == Kind.ALL) {
                    advance();
                    length = null;
                } else if (current.kind() == Kind.INTEGER) {
                    length = advance().number();
                } else {
                    throw unexpected(Kind.INTEGER, Kind.ALL);
                }
                yield new StringFunctions.Substring(value, start, length);
            }
            case CONCAT -> {
                StringNode left = string();
                expect(Kind.COMMA);
                yield new StringFunctions.Concat(left, string());
            }
            case IFELSE, SIFELSE -> {
                BoolNode condition = disjunction();
                expect(Kind.COMMA);
                StringNode whenTrue = string();
                expect(Kind.COMMA);
                yield new StringFunctions.IfElse(condition, whenTrue, string(), kind == Kind.SIFELSE);
            }
            case HEXSTRING_FN -> {
                StringNode value = string();
                expect(Kind.COMMA);
                yield new StringFunctions.HexString(value, string());
            }
            case SPLIT -> {
                StringNode value = string();
                expect(Kind.COMMA);
                StringNode delimiters = string();
                expect(Kind.COMMA);
                yield new StringFunctions.Split(value, delimiters, expect(Kind.INTEGER).number());
            }
            case LCASE, UCASE -> new StringFunctions.ChangeCase(string(), kind == Kind.UCASE);
            case ADDRTOTEXT -> new StringFunctions.AddressToText(string());
            case INT8TOTEXT -> new StringFunctions.IntegerToText(string(), 1, true, kind.display);
            case INT16TOTEXT -> new StringFunctions.IntegerToText(string(), 2, true, kind.display);
            case INT32TOTEXT -> new StringFunctions.IntegerToText(string(), 4, true, kind.display);
            case UINT8TOTEXT -> new StringFunctions.IntegerToText(string(), 1, false, kind.display);
            case UINT16TOTEXT -> new StringFunctions.IntegerToText(string(), 2, false, kind.display);
            case UINT32TOTEXT -> new StringFunctions.IntegerToText(string(), 4, false, kind.display);
            default -> throw new IllegalStateException(kind + " is not a function");
        };
        expect(Kind.RPAREN);
        return result;
    }

    // ---- bracketed arguments ----

    @FunctionalInterface
    private interface Argument<T> {
        T read() throws ExpressionException;
    }

    private <T> T bracketed(Argument<T> argument) throws ExpressionException {
        expect(Kind.LBRACKET);
        T value = argument.read();
        expect(Kind.RBRACKET);
        return value;
    }

    /** An option code or name: 0..255 in DHCPv4, 0..65535 in DHCPv6. */
    private int optionCode() throws ExpressionException {
        if (current.kind() == Kind.OPTION_NAME) {
            Token name = advance();
            OptionalInt code = names.code(name.text());
            if (code.isEmpty()) {
                throw new ExpressionException(name.column(), "option '" + name.text() + "' is not defined");
            }
            return code.getAsInt();
        }
        if (current.kind() != Kind.INTEGER) {
            throw unexpected(Kind.INTEGER, Kind.OPTION_NAME);
        }
        return plainOptionCode();
    }

    /** A numeric option code (sub-options and vendor options). */
    private int plainOptionCode() throws ExpressionException {
        return (int) number(0, universe == Universe.DHCP4 ? 0xff : 0xffff, "Option code");
    }

    /** A relay nesting level: 0 the relay nearest the server, negative counts from the client. DHCPv6 only. */
    private int nestLevel() throws ExpressionException {
        if (universe == Universe.DHCP4) {
            throw new ExpressionException(current.column(), "Nest level invalid for DHCPv4 packets");
        }
        return (int) number(-MAX_NEST - 1, MAX_NEST, "Nest level");
    }

    /** An enterprise number, {@code *} (stored as 0) for any. */
    private long enterprise() throws ExpressionException {
        if (current.kind() == Kind.ANY) {
            advance();
            return 0;
        }
        if (current.kind() != Kind.INTEGER) {
            throw unexpected(Kind.INTEGER, Kind.ANY);
        }
        return number(0, UINT32_MAX, "Enterprise number");
    }

    private long number(long min, long max, String what) throws ExpressionException {
        Token t = expect(Kind.INTEGER);
        if (t.number() < min || t.number() > max) {
            throw new ExpressionException(t.column(), what + " has invalid value in " + t.text()
                    + ". Allowed range: " + min + ".." + max);
        }
        return t.number();
    }

    // ---- tokens ----

    private void onlyIn(Universe wanted, Token keyword) throws ExpressionException {
        if (universe != wanted) {
            throw new ExpressionException(keyword.column(), keyword.text() + " can only be used in "
                    + wanted.label() + ".");
        }
    }

    private Token advance() throws ExpressionException {
        Token t = current;
        current = lexer.next();
        return t;
    }

    private Token expect(Kind kind) throws ExpressionException {
        if (current.kind() != kind) {
            throw unexpected(kind);
        }
        return advance();
    }

    private void expectEnd() throws ExpressionException {
        if (current.kind() != Kind.END) {
            throw unexpected(Kind.END);
        }
    }

    /** Kea's (bison's) wording: the expected tokens are listed only when there are at most four. */
    private ExpressionException unexpected(Kind... expected) {
        StringBuilder message = new StringBuilder("syntax error, unexpected ").append(current.kind().display);
        if (expected.length > 0 && expected.length <= 4) {
            message.append(", expecting ");
            for (int i = 0; i < expected.length; i++) {
                message.append(i == 0 ? "" : " or ").append(expected[i].display);
            }
        }
        return new ExpressionException(current.column(), message.toString());
    }
}
