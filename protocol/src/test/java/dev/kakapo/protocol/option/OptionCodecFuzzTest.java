package dev.kakapo.protocol.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.dns.ClientFqdn4;
import dev.kakapo.protocol.dns.ClientFqdn6;
import dev.kakapo.protocol.dns.DomainName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The option value codecs on arbitrary input: {@code csv-format} text for a definition (standard,
 * or an {@code option-def} of any type, array and record layout) encodes or is refused with an
 * IllegalArgumentException quoting the value; any payload renders as text without failing; a
 * payload of a fixed-size type renders to text that encodes back to it. Domain names, hex data,
 * addresses and the Client FQDN options (81, 39) are read from text and from wire bytes with the
 * same promises.
 *
 * <p>{@code csvAndPayload} reads its input as: byte 0 (bit 0: an option-def rather than a standard
 * definition, bit 1: a DHCPv4 space), byte 1 (the standard definition's index, or the option-def's
 * type), byte 2 (bit 0: an array, bits 1-7: how many record fields follow, at most 4), the record
 * field types one byte each, the csv text in UTF-8 up to the first zero byte, then the payload.
 * {@code namesAndText} reads the text up to the first zero byte, then the wire bytes.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/kakapo/protocol/option/OptionCodecFuzzTestInputs/<method>/}.
 * Fuzz with {@code bin/fuzz options}.
 */
class OptionCodecFuzzTest {
    private static final List<OptionDefinition> STANDARD = standard();
    private static final OptionDataType[] TYPES = OptionDataType.values();
    /** Types whose text form is one value that reads back as the same bytes. */
    private static final Set<OptionDataType> EXACT_TEXT = EnumSet.of(OptionDataType.BOOLEAN, OptionDataType.INT8,
            OptionDataType.INT16, OptionDataType.INT32, OptionDataType.UINT8, OptionDataType.UINT16,
            OptionDataType.UINT32, OptionDataType.IPV4_ADDRESS, OptionDataType.IPV6_ADDRESS);

    private static List<OptionDefinition> standard() {
        List<OptionDefinition> all = new ArrayList<>(OptionCatalog.dhcp4().definitions());
        all.addAll(OptionCatalog.dhcp6().definitions());
        return List.copyOf(all);
    }

    @FuzzTest(maxDuration = "5m")
    void csvAndPayload(byte[] input) {
        if (input.length < 3) {
            return;
        }
        int at = 3;
        OptionDefinition def;
        if ((input[0] & 1) == 0) {
            def = STANDARD.get((input[1] & 0xff) % STANDARD.size());
        } else {
            List<OptionDataType> fields = new ArrayList<>();
            int count = Math.min(((input[2] & 0xff) >> 1) % 5, input.length - at);
            for (int i = 0; i < count; i++) {
                fields.add(type(input[at++]));
            }
            def = new OptionDefinition("fuzzed", 222, (input[0] & 2) != 0 ? "dhcp4" : "dhcp6", type(input[1]),
                    (input[2] & 1) != 0, fields, null);
        }
        boolean dhcp4 = (input[0] & 2) != 0;
        int end = textEnd(input, at);
        String text = new String(input, at, end - at, StandardCharsets.UTF_8);
        byte[] payload = Arrays.copyOfRange(input, Math.min(end + 1, input.length), input.length);

        try {
            byte[] encoded = def.encodeCsv(text, dhcp4);
            assertNotNull(def.toText(encoded));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }

        String rendered = def.toText(payload);
        assertNotNull(rendered);
        if (!def.array() && EXACT_TEXT.contains(def.type()) && payload.length == size(def.type())
                && (def.type() != OptionDataType.BOOLEAN || payload[0] == 0 || payload[0] == 1)) {
            try {
                assertArrayEquals(payload, def.encodeCsv(rendered, dhcp4), "'" + rendered + "' does not read back");
            } catch (IllegalArgumentException e) {
                throw new AssertionError("the text form '" + rendered + "' of a payload is refused: " + e.getMessage(), e);
            }
        }
    }

    private static int size(OptionDataType type) {
        return switch (type) {
            case BOOLEAN, INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32, IPV4_ADDRESS -> 4;
            case IPV6_ADDRESS -> 16;
            default -> -1;
        };
    }

    private static OptionDataType type(byte b) {
        return TYPES[(b & 0xff) % TYPES.length];
    }

    /** The index of the first zero byte from {@code from}, or the input's length. */
    private static int textEnd(byte[] input, int from) {
        int end = from;
        while (end < input.length && input[end] != 0) {
            end++;
        }
        return end;
    }

    @FuzzTest(maxDuration = "5m")
    void namesAndText(byte[] input) {
        int end = textEnd(input, 0);
        String text = new String(input, 0, end, StandardCharsets.UTF_8);
        byte[] wire = Arrays.copyOfRange(input, Math.min(end + 1, input.length), input.length);

        try {
            DomainName name = DomainName.parse(text);
            byte[] bytes = name.toWire();
            assertEquals(name, DomainName.decode(bytes, 0, bytes.length));
            name.toText();
            name.toLowerCase();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("'"), e.getMessage());
        } catch (MalformedPacketException e) {
            throw new AssertionError("the wire form of a parsed name does not decode: " + e.getMessage(), e);
        }
        try {
            HexData.parse(text);
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
        }
        AddressText.parseIpv4(text);
        byte[] v6 = AddressText.parseIpv6(text);
        if (v6 != null) {
            assertArrayEquals(v6, AddressText.parseIpv6(AddressText.formatIpv6(v6, 0)));
        }

        try {
            DomainName name = DomainName.decode(wire, 0, wire.length);
            byte[] again = name.toWire();
            assertArrayEquals(wire, again, "a decoded name does not re-encode as received");
        } catch (MalformedPacketException e) {
            assertInside(e, wire.length);
        }
        try {
            ClientFqdn4 fqdn = ClientFqdn4.decode(wire);
            fqdn.name().toText();
            fqdn.encode();
        } catch (MalformedPacketException e) {
            assertInside(e, wire.length);
        }
        try {
            ClientFqdn6 fqdn = ClientFqdn6.decode(wire);
            fqdn.name().toText();
            fqdn.encode();
        } catch (MalformedPacketException e) {
            assertInside(e, wire.length);
        }
    }

    private static void assertInside(MalformedPacketException e, int length) {
        assertTrue(e.offset() >= 0 && e.offset() <= length, "offset " + e.offset() + " outside 0.." + length + ": " + e.getMessage());
    }
}
