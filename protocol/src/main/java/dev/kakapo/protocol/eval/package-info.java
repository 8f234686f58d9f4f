/**
 * Kea's client classification expressions: the {@code test} of a client class, and the value
 * expressions of {@code template-test} and flexible identifiers.
 *
 * <p>{@link dev.kakapo.protocol.eval.Expression#compile} turns the text into a tree of small
 * immutable nodes once, when the configuration loads; per packet,
 * {@link dev.kakapo.protocol.eval.Expression#matches} walks that tree over a
 * {@link dev.kakapo.protocol.eval.PacketView} (the decoded message and how it arrived) and the
 * {@link dev.kakapo.protocol.eval.ClassMembership} known so far. Values are byte ranges shared with
 * the packet where possible, so a typical test allocates only a few small objects.
 *
 * <p>The language is Kea 1.1's: string, hex, address and integer literals; {@code ==},
 * {@code not}, {@code and}, {@code or}; {@code substring}, {@code concat}; {@code option[..]},
 * {@code relay4[..]}, {@code relay6[..]}, {@code vendor[..]}, {@code vendor-class[..]},
 * {@code pkt}, {@code pkt4}, {@code pkt6}. Everything is a byte string, integers are 4 bytes in
 * network order, a missing option is the empty string, and {@code and}/{@code or} evaluate both
 * sides. Added from later Kea: {@code member}, {@code known}, {@code unknown}, {@code ifelse},
 * {@code hexstring}, {@code split}, {@code lcase}, {@code ucase}, {@code addrtotext},
 * {@code int8totext}..{@code uint32totext}, {@code match}, {@code +} (concatenation),
 * {@code sand}, {@code sor}, {@code sifelse} (short-circuit), negative {@code relay6} nesting
 * (-1 = the relay nearest the client) and {@code option[code].option[sub]}.
 *
 * <p>Where Kakapo differs from Kea:
 * <ul>
 * <li>{@code .text} is the payload as is, like {@code .hex}; Kea renders options that are not of a
 *     string type as a debug line ({@code type=123, len=002: 01:02}).</li>
 * <li>Booleans are typed at compile time, so Kea's run-time type errors (a string given to
 *     {@code not}, a non-integer substring bound) are syntax errors here; the result of a valid
 *     expression is the same.</li>
 * <li>Sub-options are read from the parent payload whatever its definition says: after the fixed
 *     fields of IA_NA, IA_TA, IA_PD, IA address, IA prefix and the vendor options, else from its
 *     start. Sub-option codes are numbers only, and a truncated sub-option ends the search instead
 *     of the packet being refused.</li>
 * <li>Of several instances of a DHCPv6 option, and of several enterprises in DHCPv4 options 124
 *     and 125, the first is used (as Kea documents).</li>
 * <li>Syntax errors name the token found and the tokens expected in bison's words, but the list
 *     of expected tokens is this parser's own, so it can differ from Kea's in rare spots.</li>
 * <li>{@code match} uses {@link java.util.regex.Pattern} and must match the whole value; bytes map
 *     to chars one to one.</li>
 * <li>{@code member('x')} does not check that class {@code x} exists:
 *     {@link dev.kakapo.protocol.eval.Expression#referencedClasses} lists the names for the
 *     configuration to check.</li>
 * </ul>
 */
package dev.kakapo.protocol.eval;
