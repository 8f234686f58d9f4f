package dev.kakapo.protocol.v4;

import static dev.kakapo.protocol.v4.Message4Test.header;
import static dev.kakapo.protocol.v4.Message4Test.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MalformedPacketTest {

    private static MalformedPacketException decodeFails(byte[] wire, Reason reason, int offset) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Message4.decode(wire));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("at byte " + offset), e.getMessage());
        return e;
    }

    @Test
    void truncatedHeader() {
        decodeFails(new byte[100], Reason.TRUNCATED, 100);
        // the full header without the whole cookie
        MalformedPacketException e = decodeFails(Arrays.copyOf(header(300), 239), Reason.TRUNCATED, 239);
        assertTrue(e.getMessage().startsWith("message is 239 bytes"), e.getMessage());
    }

    @Test
    void badMagicCookie() {
        byte[] wire = header(300);
        wire[238] = 0x54;
        MalformedPacketException e = decodeFails(wire, Reason.BAD_MAGIC_COOKIE, 238);
        assertTrue(e.getMessage().contains("63825463"), e.getMessage());
    }

    @Test
    void optionRunningPastTheEnd() {
        byte[] wire = header(250);
        put(wire, 240, "350101" + "0c0a6162"); // host-name claims 10 bytes, 5 remain
        MalformedPacketException e = decodeFails(wire, Reason.OPTION_OVERRUN, 243);
        assertTrue(e.getMessage().contains("option 12 in the options field claims 10 bytes but only 5 remain"), e.getMessage());
    }

    @Test
    void optionWithoutLengthByte() {
        byte[] wire = header(244);
        put(wire, 240, "350101" + "0c");
        MalformedPacketException e = decodeFails(wire, Reason.OPTION_OVERRUN, 243);
        assertTrue(e.getMessage().contains("option 12"), e.getMessage());
    }

    @Test
    void optionRunningPastTheOverloadedFileField() {
        byte[] wire = header(300);
        put(wire, 240, "340101" + "ff");
        put(wire, 230, "0f10"); // 6 bytes before the cookie, claims 16
        MalformedPacketException e = decodeFails(wire, Reason.OPTION_OVERRUN, 230);
        assertTrue(e.getMessage().contains("in the file field"), e.getMessage());
    }

    @Test
    void overloadValueOutsideOneToThree() {
        byte[] wire = header(300);
        put(wire, 240, "350101" + "340104" + "ff");
        decodeFails(wire, Reason.BAD_OVERLOAD, 243);
    }

    @Test
    void overloadOfWrongLength() {
        byte[] wire = header(300);
        put(wire, 240, "34020101" + "ff");
        decodeFails(wire, Reason.BAD_OVERLOAD, 240);
    }

    @Test
    void hardwareAddressLongerThanChaddr() {
        byte[] wire = header(300);
        wire[2] = 17;
        decodeFails(wire, Reason.BAD_HLEN, 2);
    }

    @Test
    void relayAgentSubOptionOverrun() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> RelayAgentInfo.parse(Message4Test.hex("0103616263" + "0205aabb")));
        assertEquals(Reason.SUBOPTION_OVERRUN, e.reason());
        assertEquals(5, e.offset());
        MalformedPacketException noLength = assertThrows(MalformedPacketException.class,
                () -> RelayAgentInfo.parse(Message4Test.hex("01016102")));
        assertEquals(Reason.SUBOPTION_OVERRUN, noLength.reason());
        assertEquals(3, noLength.offset());
    }

    @Test
    void offsetsCountFromTheStartOfTheMessageInsideALargerBuffer() {
        byte[] wire = header(250);
        put(wire, 240, "0c0a61");
        byte[] framed = new byte[300];
        System.arraycopy(wire, 0, framed, 28, wire.length);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Message4.decode(framed, 28, 250));
        assertEquals(240, e.offset());
    }

    @Test
    void everyReasonIsCoveredAbove() {
        // keep this list in step with the tests: a new reason needs a test of its own
        Set<Reason> tested = EnumSet.of(Reason.TRUNCATED, Reason.BAD_MAGIC_COOKIE, Reason.OPTION_OVERRUN,
                Reason.BAD_OVERLOAD, Reason.BAD_HLEN, Reason.SUBOPTION_OVERRUN);
        // the reasons only DHCPv6 decoding raises are tested in v6.MalformedPacket6Test
        tested.addAll(EnumSet.of(Reason.RELAY_TOO_DEEP, Reason.BAD_RELAY_MESSAGE, Reason.BAD_DUID,
                Reason.BAD_PREFIX_LENGTH, Reason.BAD_DHCP4O6_MESSAGE));
        // the reasons of domain names and Client FQDN options are tested in the dns package
        tested.addAll(EnumSet.of(Reason.BAD_DOMAIN_NAME, Reason.BAD_FQDN_FLAGS));
        assertEquals(EnumSet.allOf(Reason.class), tested);
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformedPacket() {
        Random random = new Random(4242);
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] wire = header(243 + random.nextInt(120));
            for (int k = 240; k < wire.length; k++) {
                wire[k] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                for (int k = 44; k < 236; k++) {
                    wire[k] = (byte) random.nextInt(256);
                }
                put(wire, 240, "3401" + String.format("%02x", 1 + random.nextInt(3)));
            }
            try {
                Message4 m = Message4.decode(wire);
                Message4.decode(m.encode()); // what decodes re-encodes into something decodable
                decoded++;
            } catch (MalformedPacketException expected) {
                refused++; // the only way out for bad bytes
            }
        }
        assertTrue(decoded > 0 && refused > 0, decoded + " decoded, " + refused + " refused");
    }
}
