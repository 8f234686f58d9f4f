package dev.kakapo.protocol.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Texts that must not compile: the reason in Kea's words and the 1-based column of the fault.
 * Rows marked "b.6" are Kea 1.1's parser test vectors.
 */
class ExpressionSyntaxTest {

    static Stream<Arguments> badTests() {
        Universe v4 = Universe.DHCP4;
        Universe v6 = Universe.DHCP6;
        return Stream.of(
                // b.6 parse-error vectors
                Arguments.of(v4, "'", 1, "Invalid character: '"),
                Arguments.of(v4, "'\\''", 4, "Invalid character: '"),
                Arguments.of(v4, "0x123h", 6, "Invalid character: h"),
                Arguments.of(v4, "foo", 1, "Invalid character: f"),
                Arguments.of(v4, "10.0.1", 3, "syntax error, unexpected ., expecting =="),
                Arguments.of(v4, "===", 1, "syntax error, unexpected =="),
                Arguments.of(v4, "option[-1].text", 8, "Option code has invalid value in -1. Allowed range: 0..255"),
                Arguments.of(v4, "option[256].text", 8, "Option code has invalid value in 256. Allowed range: 0..255"),
                Arguments.of(v6, "option[65536].text", 8,
                        "Option code has invalid value in 65536. Allowed range: 0..65535"),
                Arguments.of(v4, "option[123]", 12, "syntax error, unexpected end of file, expecting ."),
                Arguments.of(v4, "option[ab].text == 'foo'", 8, "option 'ab' is not defined"),
                Arguments.of(v4, "option[0xa].text == 'ab'", 8,
                        "syntax error, unexpected constant hexstring, expecting integer or option name"),
                Arguments.of(v4, "option[10].exists == 'foo'", 19, "syntax error, unexpected ==, expecting end of file"),
                Arguments.of(v4, "substring('foobar',3) == 'bar'", 21, "syntax error, unexpected ), expecting \",\""),
                Arguments.of(v4, "substring('foobar','3',3) == 'bar'", 20,
                        "syntax error, unexpected constant string, expecting integer"),
                Arguments.of(v4, "concat('foo','bar','') == 'foobar'", 19, "syntax error, unexpected \",\", expecting )"),
                Arguments.of(v4, "'foobar'", 9, "syntax error, unexpected end of file, expecting =="),
                Arguments.of(v4, "not 'true'", 11, "syntax error, unexpected end of file, expecting =="),
                Arguments.of(v4, "relay6[0].linkaddr == ::", 8, "Nest level invalid for DHCPv4 packets"),
                Arguments.of(v4, "", 1, "syntax error, unexpected end of file"),
                Arguments.of(v4, "4294967295 == -1", 15, "Failed to convert -1 to an unsigned 32-bit integer."),
                Arguments.of(v4, "4294967296 == 0", 1, "Failed to convert 4294967296 to an unsigned 32-bit integer."),
                // b.6 #46, #52, #53: what Kea checks on its stack cannot even be written here
                Arguments.of(v4, "substring('foobar','0ick',1) == 'f'", 20,
                        "syntax error, unexpected constant string, expecting integer"),
                Arguments.of(v4, "substring('foobar',0,'allaboard') == 'f'", 22,
                        "syntax error, unexpected constant string, expecting integer or all"),
                Arguments.of(v4, "not 'foo'", 10, "syntax error, unexpected end of file, expecting =="),
                Arguments.of(v4, "'True'", 7, "syntax error, unexpected end of file, expecting =="),
                Arguments.of(v4, "('a' == 'b') == 'false'", 14, "syntax error, unexpected ==, expecting end of file"),
                // lexical
                Arguments.of(v4, "99999999999999999999 == 1", 1, "Failed to convert 99999999999999999999 to an integer."),
                Arguments.of(v4, "10.256.0.1 == pkt4.ciaddr", 1, "Failed to convert 10.256.0.1 to an IP address."),
                Arguments.of(v6, "::: == pkt.src", 1, "Failed to convert ::: to an IP address."),
                Arguments.of(v4, "0x == 1", 2, "Invalid character: x"),
                Arguments.of(v4, "notfoo", 4, "Invalid character: f"),
                Arguments.of(v4, "'a' = 'a'", 5, "Invalid character: ="),
                Arguments.of(v4, "member(foo)", 8, "Invalid character: f"),
                // one universe only
                Arguments.of(v6, "pkt4.mac == 0x01", 1, "pkt4 can only be used in DHCPv4."),
                Arguments.of(v4, "pkt6.msgtype == 1", 1, "pkt6 can only be used in DHCPv6."),
                Arguments.of(v6, "relay4[1].exists", 1, "relay4 can only be used in DHCPv4."),
                Arguments.of(v6, "relay6[32].peeraddr == ::", 8,
                        "Nest level has invalid value in 32. Allowed range: -32..31"),
                // ranges and shapes
                Arguments.of(v4, "vendor-class[4491].data[255] == 'a'", 25,
                        "Data index has invalid value in 255. Allowed range: 0..254"),
                Arguments.of(v4, "vendor[4294967296].exists", 8,
                        "Enterprise number has invalid value in 4294967296. Allowed range: 0..4294967295"),
                Arguments.of(v4, "vendor[-1].exists", 8,
                        "Enterprise number has invalid value in -1. Allowed range: 0..4294967295"),
                Arguments.of(v4, "vendor[x].exists", 8, "syntax error, unexpected option name, expecting integer or *"),
                Arguments.of(v4, "option[82].option[256].exists", 19,
                        "Option code has invalid value in 256. Allowed range: 0..255"),
                Arguments.of(v4, "option[82].option[1].option[2].exists", 22,
                        "syntax error, unexpected option, expecting text or hex or exists"),
                Arguments.of(v4, "concat(option[1].exists, 'a') == 'b'", 18,
                        "syntax error, unexpected exists, expecting text or hex or option"),
                Arguments.of(v4, "pkt.size == 1", 5, "Invalid character: s"),
                Arguments.of(v4, "pkt.transid == 1", 5, "syntax error, unexpected transid, expecting iface or src or dst or len"),
                Arguments.of(v4, "ifelse('a', 'b', 'c') == 'b'", 11, "syntax error, unexpected \",\", expecting =="),
                Arguments.of(v4, "match('(', 'x')", 7, "invalid regular expression '(': Unclosed group"),
                Arguments.of(v4, "option[1].exists and", 21, "syntax error, unexpected end of file"));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("badTests")
    void refusesTest(Universe universe, String text, int column, String reason) {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.compile(text, universe, OptionNames.standard(universe)));
        assertEquals(reason, e.reason());
        assertEquals(column, e.column());
        assertEquals("column " + column + ": " + reason, e.getMessage());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("'a' == 'b'", 5, "syntax error, unexpected ==, expecting end of file"),
                Arguments.of("option[1].exists", 11, "syntax error, unexpected exists, expecting text or hex or option"),
                Arguments.of("substring(option[61].hex,0,3", 29, "syntax error, unexpected end of file, expecting )"),
                Arguments.of("known", 1, "syntax error, unexpected known"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badValues")
    void refusesValue(String text, int column, String reason) {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.compileValue(text, Universe.DHCP4, OptionNames.standard(Universe.DHCP4)));
        assertEquals(reason, e.reason());
        assertEquals(column, e.column());
    }

    @Test
    void namesComeFromTheNamesGiven() throws ExpressionException {
        OptionNames custom = name -> name.equals("my-option") ? OptionalInt.of(222) : OptionalInt.empty();
        Expression.compile("option[my-option].exists", Universe.DHCP4, custom);
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.compile("option[host-name].exists", Universe.DHCP4, custom));
        assertEquals("option 'host-name' is not defined", e.reason());
    }
}
