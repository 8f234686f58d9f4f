package dev.kakapo.protocol.eval;

import static dev.kakapo.protocol.eval.ExpressionPackets.V4;
import static dev.kakapo.protocol.eval.ExpressionPackets.V6;
import static dev.kakapo.protocol.eval.ExpressionPackets.ascii;
import static dev.kakapo.protocol.eval.ExpressionPackets.discover;
import static dev.kakapo.protocol.eval.ExpressionPackets.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpressionTest {
    private static final OptionNames V4_NAMES = OptionNames.standard(Universe.DHCP4);

    /** b.6 #39-45, #47 and the manual's examples: substring('foobar', start, length). */
    static Stream<Arguments> substrings() {
        return Stream.of(
                Arguments.of("0", "6", "foobar"), Arguments.of("0", "all", "foobar"),
                Arguments.of("0", "123456", "foobar"), Arguments.of("-6", "all", "foobar"),
                Arguments.of("3", "3", "bar"), Arguments.of("3", "all", "bar"),
                Arguments.of("-3", "all", "bar"), Arguments.of("-3", "123", "bar"),
                Arguments.of("1", "4", "ooba"), Arguments.of("-5", "4", "ooba"),
                Arguments.of("-1", "-4", "ooba"), Arguments.of("5", "-4", "ooba"),
                Arguments.of("5", "all", "r"), Arguments.of("5", "1", "r"), Arguments.of("5", "5", "r"),
                Arguments.of("-1", "all", "r"), Arguments.of("-1", "1", "r"), Arguments.of("-1", "5", "r"),
                Arguments.of("0", "-4", ""), Arguments.of("1", "-4", "f"),
                Arguments.of("2", "-4", "fo"), Arguments.of("3", "-4", "foo"),
                Arguments.of("3", "4", "bar"), Arguments.of("4", "4", "ar"),
                Arguments.of("5", "4", "r"), Arguments.of("6", "4", ""),
                Arguments.of("-7", "1", ""), Arguments.of("-7", "-11", ""), Arguments.of("-7", "all", ""),
                Arguments.of("6", "1", ""), Arguments.of("6", "-11", ""), Arguments.of("6", "all", ""),
                Arguments.of("0", "0", ""), Arguments.of("-1", "-3", "oba"), Arguments.of("4", "-2", "ob"),
                Arguments.of("10", "2", ""));
    }

    @ParameterizedTest(name = "substring('foobar', {0}, {1}) = ''{2}''")
    @MethodSource("substrings")
    void substringFollowsKea(String start, String length, String expected) throws Exception {
        Expression e = Expression.compileValue("substring('foobar', " + start + ", " + length + ")", Universe.DHCP4,
                V4_NAMES);
        assertEquals(expected, e.text(V4, ClassMembership.NONE));
    }

    @Test
    void substringOfNothingIsNothing() throws Exception {
        Expression e = Expression.compileValue("substring('', 0, all)", Universe.DHCP4, V4_NAMES);
        assertEquals("", e.text(V4, ClassMembership.NONE));
    }

    @Test
    void oneCompiledTestServesManyPackets() throws Exception {
        Expression pxe = Expression.compile("substring(option[60].hex,0,9) == 'PXEClient'", Universe.DHCP4, V4_NAMES);
        PacketView pxeClient = view(discover().option(60, ascii("PXEClient:Arch:00007")));
        PacketView other = view(discover().option(60, ascii("MSFT 5.0")));
        for (int i = 0; i < 3; i++) {
            assertTrue(pxe.matches(pxeClient, ClassMembership.NONE));
            assertFalse(pxe.matches(other, ClassMembership.NONE));
            assertFalse(pxe.matches(V4, ClassMembership.NONE));
        }
        assertTrue(pxe.isTest());
        assertEquals(Universe.DHCP4, pxe.universe());
        assertEquals("substring(option[60].hex,0,9) == 'PXEClient'", pxe.source());
    }

    @Test
    void aTestReadAsAValueIsTrueOrFalse() throws Exception {
        Expression e = Expression.compile("option[100].exists", Universe.DHCP4, V4_NAMES);
        assertEquals("true", e.text(V4, ClassMembership.NONE));
        assertEquals("false", e.text(view(discover().removeOption(100)), ClassMembership.NONE));
        assertArrayEquals(ascii("false"),
                Expression.compile("'a' == 'b'", Universe.DHCP4, V4_NAMES).value(V4, ClassMembership.NONE));
    }

    @Test
    void aValueHasNoTruth() throws Exception {
        Expression e = Expression.compileValue("option[100].hex", Universe.DHCP4, V4_NAMES);
        assertFalse(e.isTest());
        assertThrows(IllegalStateException.class, () -> e.matches(V4, ClassMembership.NONE));
    }

    @Test
    void aPacketOfTheOtherUniverseIsRefused() throws Exception {
        Expression e = Expression.compile("option[100].exists", Universe.DHCP4, V4_NAMES);
        EvaluationException ex = assertThrows(EvaluationException.class, () -> e.matches(V6, ClassMembership.NONE));
        assertEquals("the expression 'option[100].exists' is written for DHCPv4 and cannot read a DHCPv6 packet",
                ex.getMessage());
    }

    @Test
    void membershipNamesAreReportedForTheDependencyCheck() throws Exception {
        Expression e = Expression.compile("member('a') or known and not member('b') or unknown", Universe.DHCP6,
                OptionNames.standard(Universe.DHCP6));
        assertEquals(Set.of("a", "b", "KNOWN", "UNKNOWN"), e.referencedClasses());
        assertTrue(e.matches(V6, "b"::equals) == false);
        assertTrue(e.matches(V6, "a"::equals));
        assertTrue(e.matches(V6, "UNKNOWN"::equals));
        assertEquals(Set.of(), Expression.compile("'a' == 'a'", Universe.DHCP4, V4_NAMES).referencedClasses());
    }

    static Stream<Arguments> evaluationErrors() {
        return Stream.of(
                Arguments.of("int16totext(0x010203) == '1'", "int16totext needs 2 bytes, not 3"),
                Arguments.of("uint8totext(0x0102) == '1'", "uint8totext needs 1 byte, not 2"),
                Arguments.of("addrtotext(0x0102030405) == '1'", "addrtotext needs 4 or 16 bytes, not 5"),
                // and, or and ifelse evaluate both sides, as Kea does
                Arguments.of("'a' == 'b' and int8totext(0x0102) == '1'", "int8totext needs 1 byte, not 2"),
                Arguments.of("'a' == 'a' or int8totext(0x0102) == '1'", "int8totext needs 1 byte, not 2"),
                Arguments.of("ifelse('a' == 'a', 'x', int8totext(0x0102)) == 'x'", "int8totext needs 1 byte, not 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evaluationErrors")
    void conversionsOfTheWrongSizeFail(String text, String message) throws Exception {
        Expression e = Expression.compile(text, Universe.DHCP4, V4_NAMES);
        EvaluationException ex = assertThrows(EvaluationException.class, () -> e.matches(V4, ClassMembership.NONE));
        assertEquals(message, ex.getMessage());
    }

    @Test
    void valuesAreCopiesTheCallerMayChange() throws Exception {
        Expression e = Expression.compileValue("'abc'", Universe.DHCP4, V4_NAMES);
        byte[] first = e.value(V4, ClassMembership.NONE);
        first[0] = 'x';
        assertArrayEquals(ascii("abc"), e.value(V4, ClassMembership.NONE));
    }

    @Test
    void transportRefusesImpossiblePorts() {
        assertThrows(IllegalArgumentException.class, () -> new Transport("eth0", ExpressionPackets.address("192.0.2.1"),
                70000, ExpressionPackets.address("192.0.2.2"), 67, 300));
        assertThrows(IllegalArgumentException.class, () -> new Transport("eth0", ExpressionPackets.address("192.0.2.1"),
                68, ExpressionPackets.address("192.0.2.2"), 67, -1));
    }
}
