package dev.kakapo.protocol.eval;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * A client classification expression in Kea's language, compiled once into a tree and then
 * evaluated per packet without parsing again.
 *
 * <pre>{@code
 * Expression pxe = Expression.compile("substring(option[60].hex,0,9) == 'PXEClient'",
 *         Universe.DHCP4, OptionNames.standard(Universe.DHCP4));
 * boolean member = pxe.matches(PacketView.of(discover, transport), ClassMembership.NONE);
 * }</pre>
 *
 * Immutable and safe to share between threads.
 */
public final class Expression {
    private final String source;
    private final Universe universe;
    private final BoolNode test;
    private final StringNode value;
    private final Set<String> referencedClasses;

    private Expression(String source, Universe universe, Parser.Parsed parsed) {
        this.source = source;
        this.universe = universe;
        this.test = parsed.test();
        this.value = parsed.test() != null ? new StringFunctions.BoolText(parsed.test()) : parsed.value();
        this.referencedClasses = parsed.referencedClasses();
    }

    /**
     * Compiles a class {@code test}: the expression must be a condition ({@code 'a' == 'b'},
     * {@code option[1].exists}, {@code not}/{@code and}/{@code or} of those). A bare string is refused
     * ("syntax error, unexpected end of file, expecting ==").
     *
     * @param names the option names usable instead of codes
     */
    public static Expression compile(String text, Universe universe, OptionNames names) throws ExpressionException {
        return new Expression(text, universe, Parser.parseTest(Objects.requireNonNull(text, "text"),
                Objects.requireNonNull(universe, "universe"), Objects.requireNonNull(names, "names")));
    }

    /**
     * Compiles an expression whose value is a string, as Kea's {@code template-test} and the
     * flexible identifier use: {@code substring(option[61].hex,0,3)}. A condition is refused.
     */
    public static Expression compileValue(String text, Universe universe, OptionNames names)
            throws ExpressionException {
        return new Expression(text, universe, Parser.parseValue(Objects.requireNonNull(text, "text"),
                Objects.requireNonNull(universe, "universe"), Objects.requireNonNull(names, "names")));
    }

    /**
     * Whether the packet is in the class this test defines.
     *
     * @throws IllegalStateException when this is a value expression (see {@link #isTest()})
     * @throws EvaluationException   when the packet is of the other universe or a conversion
     *                               function cannot read its input; Kea counts such a packet out
     */
    public boolean matches(PacketView packet, ClassMembership classes) throws EvaluationException {
        if (test == null) {
            throw new IllegalStateException("'" + source + "' is a value, not a condition");
        }
        checkUniverse(packet);
        return test.test(packet, Objects.requireNonNull(classes, "classes"));
    }

    /** The bytes the expression yields; a condition yields {@code true} or {@code false}. */
    public byte[] value(PacketView packet, ClassMembership classes) throws EvaluationException {
        checkUniverse(packet);
        return value.evaluate(packet, Objects.requireNonNull(classes, "classes")).toArray();
    }

    /** {@link #value} read as UTF-8 text (a spawned class name, for instance). */
    public String text(PacketView packet, ClassMembership classes) throws EvaluationException {
        return new String(value(packet, classes), StandardCharsets.UTF_8);
    }

    /** True for a class test ({@link #compile}), false for a value ({@link #compileValue}). */
    public boolean isTest() {
        return test != null;
    }

    public Universe universe() {
        return universe;
    }

    /** The expression as written. */
    public String source() {
        return source;
    }

    /**
     * The classes named by {@code member('..')}, {@code known} (KNOWN) and {@code unknown}
     * (UNKNOWN): the server checks they are defined before this class, as Kea does.
     */
    public Set<String> referencedClasses() {
        return referencedClasses;
    }

    private void checkUniverse(PacketView packet) throws EvaluationException {
        if (packet.universe() != universe) {
            throw new EvaluationException("the expression '" + source + "' is written for " + universe.label()
                    + " and cannot read a " + packet.universe().label() + " packet");
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
