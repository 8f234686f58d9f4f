package dev.kakapo.protocol.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.MalformedPacketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Message4Test {
    private static final byte[] MAC = hex("02000000000b");

    /** An OFFER as a server builds it: option 53 added after others, option 82 echoed early. */
    private static Message4.Builder offer() {
        return Message4.builder()
                .op(2).htype(1).chaddr(MAC).xid(0x12345678).flags(0x8000)
                .yiaddr(0xc000020a).siaddr(0xc0000201)
                .option(OptionCode4.SERVER_ID, hex("c0000201"))
                .option(OptionCode4.RELAY_AGENT_INFO, hex("0103616263"))
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {2})
                .option(OptionCode4.LEASE_TIME, hex("00000e10"))
                .option(OptionCode4.SUBNET_MASK, hex("ffffff00"));
    }

    @Test
    void handBuiltOfferEncodesToKnownBytes() {
        byte[] expected = new byte[300];
        put(expected, 0, "02010600" + "12345678" + "0000" + "8000" + "00000000" + "c000020a" + "c0000201" + "00000000"
                + "02000000000b");
        put(expected, 236, "63825363"
                + "350102"                 // 53 first
                + "3604c0000201"           // then insertion order
                + "330400000e10"
                + "0104ffffff00"
                + "52050103616263"         // 82 last
                + "ff");
        assertArrayEquals(expected, offer().build().encode());
    }

    @Test
    void handBuiltAckDecodesToWhatWasBuilt() throws MalformedPacketException {
        Message4 ack = offer().option(OptionCode4.MESSAGE_TYPE, new byte[] {5}).ciaddr(0xc000020a).giaddr(0xc6336401)
                .hops(1).secs(3).build();
        Message4 back = Message4.decode(ack.encode());
        assertEquals(MessageType4.ACK, back.messageType());
        assertEquals(2, back.op());
        assertEquals(1, back.hops());
        assertEquals(3, back.secs());
        assertTrue(back.broadcastFlag());
        assertEquals(0xc000020a, back.ciaddr());
        assertEquals(0xc000020a, back.yiaddr());
        assertEquals(0xc0000201, back.siaddr());
        assertEquals(0xc6336401, back.giaddr());
        assertArrayEquals(MAC, back.chaddr());
        // replacing option 53 kept its place, the layout still puts it first
        assertArrayEquals(new int[] {53, 54, 51, 1, 82}, back.options().codes());
        assertArrayEquals(ack.encode(), back.encode());
    }

    @Test
    void builderReplacesInPlaceAndRemoves() {
        Message4 m = Message4.builder().option(1, hex("ffffff00")).option(3, hex("c0000201")).option(6, hex("c0000202"))
                .option(3, hex("c0000209")).removeOption(6).build();
        assertArrayEquals(new int[] {1, 3}, m.options().codes());
        assertArrayEquals(hex("c0000209"), m.options().get(3));
        assertEquals(2, m.options().size());
        assertFalse(m.options().contains(6));
        assertNull(m.options().get(6));
        assertNull(m.messageType());
    }

    @Test
    void builderRejectsWhatTheWireCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Message4.builder().chaddr(new byte[17]));
        assertThrows(IllegalArgumentException.class, () -> Message4.builder().hlen(17));
        assertThrows(IllegalArgumentException.class, () -> Message4.builder().sname(new byte[65]));
        assertThrows(IllegalArgumentException.class, () -> Message4.builder().file(new byte[129]));
        assertThrows(IllegalArgumentException.class, () -> Message4.builder().secs(65536));
        assertThrows(IllegalArgumentException.class, () -> Message4.builder().option(0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> Message4.builder().option(255, new byte[1]));
    }

    @Test
    void messageIsImmutable() {
        byte[] payload = hex("c0000201");
        Message4 m = Message4.builder().chaddr(MAC).option(3, payload).build();
        payload[0] = 0;
        m.options().get(3)[1] = 1;
        m.chaddr()[0] = 9;
        assertArrayEquals(hex("c0000201"), m.options().get(3));
        assertArrayEquals(MAC, m.chaddr());
    }

    @Test
    void unknownOrMissingMessageTypeIsNull() {
        assertNull(Message4.builder().option(53, new byte[] {99}).build().messageType());
        assertNull(Message4.builder().option(53, new byte[] {1, 1}).build().messageType());
        assertEquals(MessageType4.INFORM, Message4.builder().option(53, new byte[] {8}).build().messageType());
        assertEquals(MessageType4.NAK, MessageType4.fromCode(6));
        assertNull(MessageType4.fromCode(0));
        assertNull(MessageType4.fromCode(-1));
    }

    @Test
    void decodeReadsASliceAndToleratesMissingEnd() throws MalformedPacketException {
        byte[] wire = offer().build().encode();
        int end = 240 + 3 + 6 + 6 + 6 + 7; // the END byte
        byte[] framed = new byte[end + 20];
        System.arraycopy(wire, 0, framed, 10, end);
        Message4 m = Message4.decode(framed, 10, end);
        assertEquals(0x12345678, m.xid());
        assertArrayEquals(hex("0103616263"), m.options().get(OptionCode4.RELAY_AGENT_INFO));
        assertEquals(5, m.options().size());
    }

    @Test
    void padBytesBetweenOptionsAreSkipped() throws MalformedPacketException {
        byte[] wire = header(260);
        put(wire, 240, "00" + "350101" + "0000" + "0104ffffff00" + "ff");
        Message4 m = Message4.decode(wire);
        assertArrayEquals(new int[] {53, 1}, m.options().codes());
    }

    // ---- RFC 3396 ----

    @Test
    void optionLongerThan255IsSplitAndJoined() throws MalformedPacketException {
        byte[] big = new byte[600];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        byte[] wire = Message4.builder().option(53, new byte[] {5}).option(43, big).option(1, hex("ffffff00")).build().encode();
        // three consecutive instances: 255, 255, 90
        assertEquals(43, wire[243] & 0xff);
        assertEquals(255, wire[244] & 0xff);
        assertEquals(43, wire[243 + 257] & 0xff);
        assertEquals(255, wire[244 + 257] & 0xff);
        assertEquals(43, wire[243 + 514] & 0xff);
        assertEquals(90, wire[244 + 514] & 0xff);
        assertEquals(1, wire[243 + 514 + 92] & 0xff);
        assertEquals(240 + 3 + 257 + 257 + 92 + 6 + 1, wire.length);
        Message4 back = Message4.decode(wire);
        assertArrayEquals(big, back.options().get(43));
        assertArrayEquals(new int[] {53, 43, 1}, back.options().codes());
    }

    @Test
    void instancesOfOneCodeAreJoinedInOrderEvenWhenApart() throws MalformedPacketException {
        byte[] wire = header(300);
        put(wire, 240, "0c026162" + "350101" + "0c0163" + "ff");
        Message4 m = Message4.decode(wire);
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), m.options().get(12));
        assertArrayEquals(new int[] {12, 53}, m.options().codes());
    }

    // ---- RFC 2132 9.3 overload ----

    @Test
    void overloadedFileAndSnameAreReadFileFirstAndJoined() throws MalformedPacketException {
        byte[] wire = header(300);
        put(wire, 240, "350105" + "340103" + "0c03616263" + "ff");
        put(wire, 108, "0c026465" + "ff");                             // file: host-name continues
        put(wire, 44, "0f0b" + HexFormat.of().formatHex(ascii("example.org")) + "ff");       // sname
        Message4 m = Message4.decode(wire);
        assertArrayEquals(new int[] {53, 52, 12, 15}, m.options().codes());
        assertArrayEquals("abcde".getBytes(StandardCharsets.US_ASCII), m.options().get(12));
        assertArrayEquals("example.org".getBytes(StandardCharsets.US_ASCII), m.options().get(15));
        assertArrayEquals(new byte[64], m.sname());
        assertArrayEquals(new byte[128], m.file());
    }

    @Test
    void overloadOfFileOnlyLeavesSnameAlone() throws MalformedPacketException {
        byte[] wire = header(300);
        put(wire, 240, "340101" + "ff");
        put(wire, 108, "0f03" + "6f7267");                             // no END: the field's end stops it
        System.arraycopy(ascii("server.example"), 0, wire, 44, 14);
        Message4 m = Message4.decode(wire);
        assertArrayEquals("org".getBytes(StandardCharsets.US_ASCII), m.options().get(15));
        assertEquals("server.example", new String(m.sname(), StandardCharsets.US_ASCII).trim());
    }

    @Test
    void encodeOverloadsIntoFileWhenOptionsDoNotFit() throws MalformedPacketException {
        byte[] host = ascii40();
        Message4 m = Message4.builder().op(2).htype(1).chaddr(MAC).xid(0xcafebabe)
                .option(53, new byte[] {5})
                .option(12, host)                         // 42 bytes: fits beside 53 and 52 (53 free)
                .option(15, "x".repeat(30).getBytes())    // 32 bytes: moves to file
                .option(6, hex("c0000201c0000202"))      // follows into file
                .build();
        byte[] wire = m.encode(300);
        assertEquals(300, wire.length);
        byte[] expected = header(300);
        expected[0] = 2;
        put(expected, 240, "350105" + "340101" + "0c28" + HexFormat.of().formatHex(host) + "ff");
        put(expected, 108, "0f1e" + "78".repeat(30) + "0608c0000201c0000202" + "ff");
        assertArrayEquals(expected, wire);
        Message4 back = Message4.decode(wire);
        assertArrayEquals(m.options().get(15), back.options().get(15));
        assertArrayEquals(m.options().get(6), back.options().get(6));
        assertArrayEquals(new byte[] {1}, back.options().get(52));
        // without a size limit everything stays in the options field and 52 is dropped
        Message4 plain = Message4.decode(back.encode());
        assertFalse(plain.options().contains(52));
        assertArrayEquals(m.options().get(15), plain.options().get(15));
    }

    @Test
    void encodeSplitsALongOptionAcrossAllThreeFields() throws MalformedPacketException {
        byte[] big = new byte[600];
        Arrays.fill(big, (byte) 0x5a);
        Message4 m = Message4.builder().option(53, new byte[] {2}).option(43, big).build();
        byte[] wire = m.encode(700);
        assertTrue(wire.length <= 700);
        assertEquals(3, wire[243 + 2] & 0xff); // option 52 right after 53 says file and sname
        Message4 back = Message4.decode(wire);
        assertArrayEquals(big, back.options().get(43));
        assertNull(back.options().get(0));
    }

    @Test
    void fieldsInUseAreNotOverloaded() throws MalformedPacketException {
        byte[] bootFile = ascii("pxelinux.0");
        Message4 m = Message4.builder().option(53, new byte[] {2}).file(bootFile)
                .option(12, new byte[100]).build();
        byte[] wire = m.encode(300);
        Message4 back = Message4.decode(wire);
        assertArrayEquals(new byte[] {2}, back.options().get(52)); // sname only
        assertArrayEquals(Arrays.copyOf(bootFile, 128), back.file());
        assertArrayEquals(new byte[100], back.options().get(12));
    }

    @Test
    void optionsThatCannotFitAreRefused() {
        Message4 m = Message4.builder().sname(ascii("srv")).file(ascii("boot")).option(43, new byte[200]).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.encode(300));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
        assertEquals(240 + 202 + 1, m.encode(576).length);
    }

    // ---- helpers ----

    /** A minimal valid request header with the magic cookie, {@code size} bytes long. */
    static byte[] header(int size) {
        byte[] wire = new byte[size];
        put(wire, 0, "01010600" + "cafebabe");
        put(wire, 28, "02000000000b");
        put(wire, 236, "63825363");
        return wire;
    }

    static void put(byte[] into, int at, String hex) {
        byte[] b = hex(hex);
        System.arraycopy(b, 0, into, at, b.length);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii40() {
        return "host-0123456789-0123456789-0123456789-01".substring(0, 40).getBytes(StandardCharsets.US_ASCII);
    }
}
