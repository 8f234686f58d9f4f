package dev.kakapo.protocol.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.dns.ClientFqdn4;
import dev.kakapo.protocol.option.OptionCatalog;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Any datagram given to the DHCPv4 decoder either decodes or is refused with a
 * {@link MalformedPacketException} naming a byte inside it; nothing else escapes. A message that
 * decodes re-encodes to bytes that decode to the same message, and the option payloads the server
 * reads further (option 82, the Client FQDN, every standard option's text) are read the same way.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/kakapo/protocol/v4/Message4FuzzTestInputs/decode/}.
 * Fuzz with {@code bin/fuzz dhcp4}.
 */
class Message4FuzzTest {
    private static final OptionCatalog CATALOG = OptionCatalog.dhcp4();

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] datagram) {
        Message4 message;
        try {
            message = Message4.decode(datagram);
        } catch (MalformedPacketException e) {
            assertNamesAByte(e, datagram.length);
            return;
        }
        readOptionsAsTheServerDoes(message);
        byte[] wire = message.encode();
        Message4 again;
        try {
            again = Message4.decode(wire);
        } catch (MalformedPacketException e) {
            throw new AssertionError("the encoding of a decoded message does not decode: " + e.getMessage(), e);
        }
        assertSameMessage(message, again);
        assertArrayEquals(wire, again.encode(), "encoding is not stable");
    }

    static void readOptionsAsTheServerDoes(Message4 message) {
        message.messageType();
        message.toString();
        for (int code : message.options().codes()) {
            byte[] payload = message.options().get(code);
            CATALOG.byCode(code).map(def -> def.toText(payload));
            try {
                if (code == OptionCode4.RELAY_AGENT_INFO) {
                    RelayAgentInfo info = RelayAgentInfo.parse(payload);
                    assertArrayEquals(payload, info.encode(), "option 82 does not re-encode as received");
                } else if (code == 81) {
                    ClientFqdn4 fqdn = ClientFqdn4.decode(payload);
                    fqdn.name().toText();
                    fqdn.encode();
                }
            } catch (MalformedPacketException e) {
                assertNamesAByte(e, payload.length);
            }
        }
    }

    private static void assertSameMessage(Message4 expected, Message4 actual) {
        assertEquals(expected.op(), actual.op());
        assertEquals(expected.htype(), actual.htype());
        assertArrayEquals(expected.chaddr(), actual.chaddr());
        assertEquals(expected.xid(), actual.xid());
        assertEquals(expected.flags(), actual.flags());
        assertEquals(expected.ciaddr(), actual.ciaddr());
        assertEquals(expected.yiaddr(), actual.yiaddr());
        assertEquals(expected.giaddr(), actual.giaddr());
        assertArrayEquals(expected.sname(), actual.sname());
        assertArrayEquals(expected.file(), actual.file());
        assertEquals(payloads(expected), payloads(actual));
    }

    /** The options as text per code, without option 52: the encoder decides overloading itself. */
    private static Map<Integer, String> payloads(Message4 message) {
        Map<Integer, String> out = new TreeMap<>();
        message.options().payloads().forEach((code, payload) -> {
            if (code != OptionCode4.OVERLOAD) {
                out.put(code, HexFormat.of().formatHex(payload));
            }
        });
        return out;
    }

    /** A refusal names a byte of what was decoded (or the end, for a truncation) and says why. */
    static void assertNamesAByte(MalformedPacketException e, int length) {
        assertTrue(e.offset() >= 0 && e.offset() <= length, "offset " + e.offset() + " outside 0.." + length + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("at byte " + e.offset()), e.getMessage());
    }
}
