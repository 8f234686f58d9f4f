package dev.kakapo.protocol.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainNameTest {
    static final byte[] MYHOST_WIRE = hex("066d79686f7374" + "076578616d706c65" + "03636f6d" + "00");

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void absoluteNameInTextAndWire() throws MalformedPacketException {
        DomainName name = DomainName.parse("myhost.example.com.");
        assertTrue(name.isAbsolute());
        assertEquals(3, name.labelCount());
        assertEquals(List.of("myhost", "example", "com"), name.labels());
        assertArrayEquals(MYHOST_WIRE, name.toWire());
        assertEquals(MYHOST_WIRE.length, name.wireLength());
        assertEquals("myhost.example.com.", name.toText());
        assertEquals(name, DomainName.decode(MYHOST_WIRE, 0, MYHOST_WIRE.length));
        assertEquals(name, DomainName.decodeAbsolute(MYHOST_WIRE, 0));
    }

    @Test
    void partialNameHasNoRootLabel() throws MalformedPacketException {
        DomainName name = DomainName.parse("myhost");
        assertFalse(name.isAbsolute());
        assertArrayEquals(hex("066d79686f7374"), name.toWire());
        assertEquals("myhost", name.toText());
        DomainName decoded = DomainName.decode(hex("066d79686f7374"), 0, 7);
        assertFalse(decoded.isAbsolute());
        assertEquals(name, decoded);
        assertNotEquals(name, name.toAbsolute());
        assertEquals("myhost.", name.toAbsolute().toText());
    }

    @Test
    void rootAndEmpty() throws MalformedPacketException {
        assertSame(DomainName.ROOT, DomainName.parse("."));
        assertSame(DomainName.EMPTY, DomainName.parse(""));
        assertArrayEquals(hex("00"), DomainName.ROOT.toWire());
        assertArrayEquals(new byte[0], DomainName.EMPTY.toWire());
        assertEquals(DomainName.ROOT, DomainName.decode(hex("00"), 0, 1));
        assertEquals(DomainName.EMPTY, DomainName.decode(new byte[0], 0, 0));
        assertTrue(DomainName.ROOT.isEmpty() && DomainName.EMPTY.isEmpty());
        assertEquals(".", DomainName.ROOT.toText());
        assertEquals("", DomainName.EMPTY.toText());
    }

    @Test
    void qualifyCompletesOnlyPartialNames() {
        DomainName suffix = DomainName.parse("example.com");
        assertEquals(DomainName.parse("myhost.example.com."), DomainName.parse("myhost").qualify(suffix));
        assertEquals(DomainName.parse("myhost.example.com."), DomainName.parse("myhost").qualify(suffix.toAbsolute()));
        assertEquals(DomainName.parse("other.org."), DomainName.parse("other.org.").qualify(suffix));
        assertEquals(DomainName.parse("myhost."), DomainName.parse("myhost").qualify(DomainName.ROOT));
        DomainName long1 = DomainName.parse(("x".repeat(60) + ".").repeat(3) + "x".repeat(60));
        assertThrows(IllegalArgumentException.class, () -> long1.qualify(DomainName.parse("abcdefghij")));
    }

    @Test
    void caseIsKeptButIgnoredByEquality() {
        DomainName mixed = DomainName.parse("MyHost.Example.COM.");
        assertEquals("MyHost.Example.COM.", mixed.toText());
        assertEquals("myhost.example.com.", mixed.toLowerCase().toText());
        assertEquals(DomainName.parse("myhost.example.com."), mixed);
        assertEquals(DomainName.parse("myhost.example.com.").hashCode(), mixed.hashCode());
        assertArrayEquals(MYHOST_WIRE, mixed.toLowerCase().toWire());
    }

    @Test
    void escapesInText() throws MalformedPacketException {
        DomainName dotted = DomainName.parse("a\\.b.example.");
        assertEquals(2, dotted.labelCount());
        assertArrayEquals(hex("03612e62" + "076578616d706c65" + "00"), dotted.toWire());
        assertEquals("a\\.b.example.", dotted.toText());
        DomainName bytes = DomainName.decode(hex("0300205c" + "00"), 0, 5);
        assertEquals("\\000\\032\\\\.", bytes.toText());
        assertEquals(bytes, DomainName.parse(bytes.toText()));
        assertArrayEquals(hex("02c3a9"), DomainName.parse("é").toWire());
    }

    @Test
    void textLimits() {
        assertEquals(63, DomainName.parse("x".repeat(63)).toWire()[0]);
        assertEquals("'a..b' has a label of 0 bytes (1..63 allowed)",
                assertThrows(IllegalArgumentException.class, () -> DomainName.parse("a..b")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DomainName.parse(".a"));
        assertThrows(IllegalArgumentException.class, () -> DomainName.parse("x".repeat(64) + ".org"));
        // 4 labels of 63 make 256 bytes in wire form
        String tooLong = ("x".repeat(63) + ".").repeat(4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DomainName.parse(tooLong)).getMessage()
                .contains("longer than 255 bytes"));
        // the same without the dot: a partial name must still fit once it is made absolute
        assertThrows(IllegalArgumentException.class, () -> DomainName.parse(tooLong.substring(0, tooLong.length() - 1)));
        String fits = ("x".repeat(63) + ".").repeat(3) + "x".repeat(61) + ".";
        assertEquals(255, DomainName.parse(fits).wireLength());
        assertThrows(IllegalArgumentException.class, () -> DomainName.parse("a\\"));
        assertThrows(IllegalArgumentException.class, () -> DomainName.parse("a\\25"));
        assertThrows(IllegalArgumentException.class, () -> DomainName.parse("a\\256"));
    }

    @Test
    void malformedWireNamesNameTheByte() {
        assertMalformed(hex("40" + "00".repeat(64)), 0);                 // label length 64
        assertMalformed(hex("03666f6f" + "c00c"), 4);                    // compression pointer
        assertMalformed(hex("03666f6f" + "05616263"), 4);                // label runs past the end
        assertMalformed(hex("03666f6f00" + "01"), 5);                    // bytes after the root label
        byte[] tooLong = new byte[257];
        for (int at = 0; at + 64 <= 256; at += 64) {
            tooLong[at] = 63;
        }
        assertMalformed(tooLong, 0);
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> DomainName.decodeAbsolute(hex("03666f6f"), 0));
        assertEquals(Reason.BAD_DOMAIN_NAME, e.reason());
        assertEquals(4, e.offset());
    }

    @Test
    void decodeAbsoluteStopsAtTheRootLabel() throws MalformedPacketException {
        byte[] two = hex("016100" + "0162016100");
        DomainName first = DomainName.decodeAbsolute(two, 0);
        assertEquals("a.", first.toText());
        DomainName second = DomainName.decodeAbsolute(two, first.wireLength());
        assertEquals("b.a.", second.toText());
    }

    private static void assertMalformed(byte[] wire, int offset) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> DomainName.decode(wire, 0, wire.length));
        assertEquals(Reason.BAD_DOMAIN_NAME, e.reason());
        assertEquals(offset, e.offset(), e.getMessage());
    }
}
