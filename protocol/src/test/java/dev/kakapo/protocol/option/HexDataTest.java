package dev.kakapo.protocol.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HexDataTest {

    @Test
    void plainDigitsInEitherCase() {
        assertArrayEquals(new byte[] {0x01, 0x02, (byte) 0xaa, (byte) 0xbb}, HexData.parse("0102AAbb"));
    }

    @Test
    void prefixIsOptional() {
        assertArrayEquals(new byte[] {0x0a, 0x0b}, HexData.parse("0x0a0b"));
        assertArrayEquals(new byte[] {0x0a, 0x0b}, HexData.parse("0X0A0B"));
    }

    @Test
    void oddLengthGetsALeadingZero() {
        assertArrayEquals(new byte[] {0x0a, (byte) 0xbc}, HexData.parse("abc"));
        assertArrayEquals(new byte[] {0x01}, HexData.parse("0x1"));
    }

    @Test
    void colonOrSpaceSeparatedBytesOfOneOrTwoDigits() {
        assertArrayEquals(new byte[] {0x01, 0x02, (byte) 0xff}, HexData.parse("1:02:ff"));
        assertArrayEquals(new byte[] {0x01, 0x02, (byte) 0xff}, HexData.parse("01 2 FF"));
    }

    @Test
    void emptyTextIsNoBytes() {
        assertEquals(0, HexData.parse("").length);
        assertEquals(0, HexData.parse("   ").length);
    }

    @Test
    void badDigitIsNamedWithItsOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HexData.parse("0102g3"));
        assertEquals("invalid hex data '0102g3': 'g' at offset 4 is not a hex digit", e.getMessage());
    }

    @Test
    void offsetCountsFromTheUntrimmedText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HexData.parse("  0z"));
        assertEquals("invalid hex data '  0z': 'z' at offset 3 is not a hex digit", e.getMessage());
    }

    @Test
    void separatedGroupsOfThreeDigitsOrEmptyGroupsAreRejected() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> HexData.parse("01:023"));
        assertEquals("invalid hex data '01:023': unexpected '3' at offset 5"
                + " (bytes are 1 or 2 hex digits between ':')", tooLong.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> HexData.parse("01::02"));
        assertEquals("invalid hex data '01::02': unexpected ':' at offset 3"
                + " (bytes are 1 or 2 hex digits between ':')", empty.getMessage());
    }

    @Test
    void nonAsciiDigitsAreRejected() {
        // Character.digit accepts full-width digits; hex data does not
        assertThrows(IllegalArgumentException.class, () -> HexData.parse("\uff11\uff12"));
    }
}
