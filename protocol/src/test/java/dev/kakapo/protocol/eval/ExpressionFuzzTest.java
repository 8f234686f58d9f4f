package dev.kakapo.protocol.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v6.Packet6;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Any text given to the expression compiler either compiles or is refused with an
 * {@link ExpressionException} whose column lies inside the text (or just past its end); an
 * expression that compiles, evaluated over a fuzzed packet, yields a value or raises
 * {@link EvaluationException}, nothing else.
 *
 * <p>The input is read as: a first byte whose bit 0 picks DHCPv6 over DHCPv4 and bit 1 a value
 * over a test, the expression text in UTF-8 up to the first zero byte, then the packet. The packet
 * bytes are decoded as a whole message; when they are not one, they are the options
 * of a DISCOVER or SOLICIT; when not even that, a fixed relayed packet stands in, so every
 * compiled expression is evaluated.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/kakapo/protocol/eval/ExpressionFuzzTestInputs/compileAndEvaluate/}.
 * Fuzz with {@code bin/fuzz expressions}.
 */
class ExpressionFuzzTest {
    /** The fixed part of a DISCOVER (header and magic cookie), without options. */
    private static final byte[] DISCOVER_HEADER = Arrays.copyOf(
            ExpressionPackets.discover().removeOption(100).removeOption(53).build().encode(), 240);
    /** SOLICIT, transaction id 12345. */
    private static final byte[] SOLICIT_HEADER = HexFormat.of().parseHex("01003039");

    private static final ClassMembership SOME_CLASSES = name -> name.length() % 2 == 0;

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"option[", "].hex", "].text", "].exists", ".option[", "relay4[", "relay6[", "].peeraddr",
            "].linkaddr", "vendor[", "vendor-class[", "].enterprise", "].data", "pkt.iface", "pkt.src", "pkt.dst",
            "pkt.len", "pkt4.mac", "pkt4.hlen", "pkt4.htype", "pkt4.ciaddr", "pkt4.giaddr", "pkt4.yiaddr",
            "pkt4.siaddr", "pkt4.msgtype", "pkt4.transid", "pkt6.msgtype", "pkt6.transid", "substring(", "concat(",
            "ifelse(", "sifelse(", "hexstring(", "split(", "lcase(", "ucase(", "addrtotext(", "int8totext(",
            "int16totext(", "int32totext(", "uint8totext(", "uint16totext(", "uint32totext(", "match(", "member(",
            " == ", " and ", " or ", " sand ", " sor ", "not ", "known", "unknown", "all", "0x", "'", ",", ")",
            "*", "+", "-1", "192.0.2.1", "2001:db8::1", "host-name", "dhcp-client-identifier"})
    void compileAndEvaluate(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Universe universe = (input[0] & 1) == 0 ? Universe.DHCP4 : Universe.DHCP6;
        boolean test = (input[0] & 2) == 0;
        int end = 1;
        while (end < input.length && input[end] != 0) {
            end++;
        }
        String text = new String(input, 1, end - 1, StandardCharsets.UTF_8);
        byte[] packetBytes = Arrays.copyOfRange(input, Math.min(end + 1, input.length), input.length);
        Expression expression;
        try {
            expression = test
                    ? Expression.compile(text, universe, OptionNames.standard(universe))
                    : Expression.compileValue(text, universe, OptionNames.standard(universe));
        } catch (ExpressionException e) {
            assertTrue(e.column() >= 1 && e.column() <= text.length() + 1,
                    "column " + e.column() + " outside the text of " + text.length() + " chars: " + e.getMessage());
            assertTrue(e.reason() != null && !e.reason().isEmpty());
            return;
        }
        assertEquals(test, expression.isTest());
        PacketView packet = universe == Universe.DHCP4 ? packet4(packetBytes) : packet6(packetBytes);
        try {
            if (test) {
                boolean member = expression.matches(packet, SOME_CLASSES);
                assertEquals(member ? "true" : "false", expression.text(packet, SOME_CLASSES));
            } else {
                expression.value(packet, SOME_CLASSES);
            }
        } catch (EvaluationException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }

    private static PacketView packet4(byte[] bytes) {
        Message4 message = decode4(bytes);
        if (message == null) {
            ByteArrayOutputStream withHeader = new ByteArrayOutputStream();
            withHeader.writeBytes(DISCOVER_HEADER);
            withHeader.writeBytes(bytes);
            message = decode4(withHeader.toByteArray());
        }
        return message != null ? PacketView.of(message, ExpressionPackets.transport4(bytes.length))
                : ExpressionPackets.V4_RELAYED_AND_TOP_LEVEL;
    }

    private static PacketView packet6(byte[] bytes) {
        Packet6 packet = decode6(bytes);
        if (packet == null) {
            ByteArrayOutputStream withHeader = new ByteArrayOutputStream();
            withHeader.writeBytes(SOLICIT_HEADER);
            withHeader.writeBytes(bytes);
            packet = decode6(withHeader.toByteArray());
        }
        return packet != null ? PacketView.of(packet, ExpressionPackets.transport6(bytes.length))
                : ExpressionPackets.V6_TWO_RELAYS;
    }

    private static Message4 decode4(byte[] bytes) {
        try {
            return Message4.decode(bytes);
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    private static Packet6 decode6(byte[] bytes) {
        try {
            return Packet6.decode(bytes);
        } catch (MalformedPacketException e) {
            return null;
        }
    }
}
