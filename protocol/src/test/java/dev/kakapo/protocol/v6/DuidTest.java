package dev.kakapo.protocol.v6;

import static dev.kakapo.protocol.v6.CapturedPackets6.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import org.junit.jupiter.api.Test;

class DuidTest {
    private static final byte[] MAC = hex("02000000000b");

    @Test
    void lltCarriesHardwareTypeTimeAndAddress() {
        Duid d = Duid.llt(1, 0x329ee7faL, MAC);
        assertArrayEquals(hex("0001" + "0001" + "329ee7fa" + "02000000000b"), d.bytes());
        assertEquals(Duid.Type.LLT, d.type());
        assertEquals(1, d.hardwareType());
        assertArrayEquals(MAC, d.linkLayerAddress());
        assertEquals("00:01:00:01:32:9e:e7:fa:02:00:00:00:00:0b", d.toString());
    }

    @Test
    void enCarriesEnterpriseAndIdentifier() {
        Duid d = Duid.en(2495, hex("0102030405060708"));
        assertArrayEquals(hex("0002" + "000009bf" + "0102030405060708"), d.bytes());
        assertEquals(Duid.Type.EN, d.type());
        assertNull(d.linkLayerAddress());
        assertEquals(-1, d.hardwareType());
    }

    @Test
    void llCarriesHardwareTypeAndAddress() {
        Duid d = Duid.ll(1, MAC);
        assertArrayEquals(hex("0003" + "0001" + "02000000000b"), d.bytes());
        assertEquals(Duid.Type.LL, d.type());
        assertArrayEquals(MAC, d.linkLayerAddress());
    }

    @Test
    void uuidIsSixteenBytes() {
        Duid d = Duid.uuid(hex("00112233445566778899aabbccddeeff"));
        assertArrayEquals(hex("0004" + "00112233445566778899aabbccddeeff"), d.bytes());
        assertEquals(Duid.Type.UUID, d.type());
        assertNull(d.linkLayerAddress());
        assertThrows(IllegalArgumentException.class, () -> Duid.uuid(new byte[15]));
    }

    @Test
    void parseKeepsUnknownTypesAndComparesByContent() throws MalformedPacketException {
        Duid d = Duid.parse(hex("abcd01"));
        assertEquals(Duid.Type.UNKNOWN, d.type());
        assertNull(d.linkLayerAddress());
        assertEquals(Duid.ll(1, MAC), Duid.parse(hex("0003000102000000000b")));
        assertEquals(Duid.ll(1, MAC).hashCode(), Duid.parse(hex("0003000102000000000b")).hashCode());
        assertEquals(130, Duid.parse(new byte[130]).bytes().length);
    }

    @Test
    void parseRefusesBadLengths() {
        assertBadDuid(new byte[0], 0);
        assertBadDuid(hex("00"), 1);
        assertBadDuid(new byte[131], 130);
        assertBadDuid(hex("0001" + "0001" + "329ee7fa"), 8);            // LLT without an address
        assertBadDuid(hex("0002" + "000009"), 5);                      // EN cut inside the enterprise number
        assertBadDuid(hex("0003" + "0001"), 4);                        // LL without an address
        assertBadDuid(hex("0004" + "00112233445566778899aabbccddee"), 17); // UUID one byte short
        assertBadDuid(hex("0004" + "00112233445566778899aabbccddeeff00"), 18);
        assertThrows(IllegalArgumentException.class, () -> new Duid(new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> Duid.ll(1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Duid.ll(0x10000, MAC));
        assertThrows(IllegalArgumentException.class, () -> Duid.ll(1, new byte[127]));
    }

    @Test
    void bytesAreCopiedInAndOut() throws MalformedPacketException {
        byte[] raw = hex("0003000102000000000b");
        Duid d = Duid.parse(raw);
        raw[9] = 0;
        d.bytes()[9] = 0;
        assertArrayEquals(MAC, d.linkLayerAddress());
    }

    private static void assertBadDuid(byte[] bytes, int offset) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Duid.parse(bytes));
        assertEquals(Reason.BAD_DUID, e.reason());
        assertEquals(offset, e.offset());
    }
}
