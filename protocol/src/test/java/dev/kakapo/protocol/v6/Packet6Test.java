package dev.kakapo.protocol.v6;

import static dev.kakapo.protocol.v6.CapturedPackets6.PERFDHCP_RELAY_FORW;
import static dev.kakapo.protocol.v6.CapturedPackets6.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.MalformedPacketException.Reason;
import dev.kakapo.protocol.MalformedPacketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Packet6Test {
    /** A SOLICIT: client DUID-LL 02:00:00:00:00:01, IA_NA iaid 1, elapsed time 0. */
    private static final String SOLICIT = "01a1b2c3" + "0001000a00030001020000000001"
            + "0003000c000000010000000000000000" + "000800020000";

    /**
     * The SOLICIT through two relays. Nearest the client (hop count 0): link 2001:db8:2::1, peer the
     * client fe80::1, interface-id "eth0". Nearest the server (hop count 1): link ::, peer the first
     * relay 2001:db8:2::2, remote-id (enterprise 3561, "cust1") then interface-id "ge-0/0/1".
     */
    private static final byte[] TWICE_RELAYED = hex(
            "0c01" + "00000000000000000000000000000000" + "20010db8000200000000000000000002",
            "0025000900000de96375737431" + "0012000867652d302f302f31",
            "00090056",
            /**/ "0c00" + "20010db8000200000000000000000001" + "fe800000000000000000000000000001",
            /**/ "0012000465746830",
            /**/ "00090028", SOLICIT);

    /** An ADVERTISE for it: client id, status Success. */
    private static final String ADVERTISE = "02a1b2c3" + "0001000a00030001020000000001" + "000d00020000";

    /** The ADVERTISE wrapped back: only the interface-ids echoed, hop counts and addresses kept. */
    private static final byte[] TWICE_RELAYED_REPLY = hex(
            "0d01" + "00000000000000000000000000000000" + "20010db8000200000000000000000002",
            "0012000867652d302f302f31",
            "00090046",
            /**/ "0d00" + "20010db8000200000000000000000001" + "fe800000000000000000000000000001",
            /**/ "0012000465746830",
            /**/ "00090018", ADVERTISE);

    @Test
    void twiceRelayedSolicitListsTheRelayNearestTheServerFirst() throws MalformedPacketException {
        Packet6 packet = Packet6.decode(TWICE_RELAYED, 0, TWICE_RELAYED.length);
        List<RelayMessage6> relays = packet.relays();
        assertEquals(2, relays.size());

        RelayMessage6 outer = relays.get(0);
        assertEquals(MessageType6.RELAY_FORW, outer.type());
        assertEquals(1, outer.hopCount());
        assertArrayEquals(new byte[16], outer.linkAddress());
        assertArrayEquals(hex("20010db8000200000000000000000002"), outer.peerAddress());
        assertArrayEquals("ge-0/0/1".getBytes(StandardCharsets.US_ASCII), outer.interfaceId());
        assertArrayEquals(hex("00000de96375737431"), outer.options().first(OptionCode6.REMOTE_ID));
        assertEquals(List.of(OptionCode6.REMOTE_ID, OptionCode6.INTERFACE_ID, OptionCode6.RELAY_MSG),
                outer.options().all().stream().map(Option6::code).toList());

        RelayMessage6 inner = relays.get(1);
        assertEquals(0, inner.hopCount());
        assertArrayEquals(hex("20010db8000200000000000000000001"), inner.linkAddress());
        assertArrayEquals(hex("fe800000000000000000000000000001"), inner.peerAddress());
        assertArrayEquals("eth0".getBytes(StandardCharsets.US_ASCII), inner.interfaceId());
        assertArrayEquals(hex(SOLICIT), inner.options().first(OptionCode6.RELAY_MSG));

        Message6 m = packet.message();
        assertEquals(MessageType6.SOLICIT, m.type());
        assertEquals(0xa1b2c3, m.transactionId());
        assertEquals(1, IdentityAssociation.decodeIaNa(m.options().first(OptionCode6.IA_NA)).iaid());
        assertArrayEquals(TWICE_RELAYED, outer.encode());
    }

    @Test
    void replyRetracesTheRelaysEchoingOnlyTheInterfaceIds() throws MalformedPacketException {
        Packet6 packet = Packet6.decode(TWICE_RELAYED, 0, TWICE_RELAYED.length);
        Message6 advertise = Message6.of(MessageType6.ADVERTISE.code(), 0xa1b2c3, Options6.of(List.of(
                new Option6(OptionCode6.CLIENTID, hex("00030001020000000001")),
                StatusCode.of(StatusCode6.SUCCESS, "").toOption())));
        assertArrayEquals(hex(ADVERTISE), advertise.encode());
        byte[] wire = packet.encodeReply(advertise);
        assertArrayEquals(TWICE_RELAYED_REPLY, wire);

        Packet6 back = Packet6.decode(wire, 0, wire.length);
        assertEquals(MessageType6.RELAY_REPL, back.relays().get(0).type());
        assertEquals(MessageType6.RELAY_REPL, back.relays().get(1).type());
        assertEquals(advertise, back.message());
    }

    @Test
    void replyWithoutRelaysIsTheMessageItselfAndWithoutInterfaceIdHasOnlyRelayMsg() throws MalformedPacketException {
        Message6 reply = Message6.of(MessageType6.ADVERTISE.code(), 0, Options6.none());
        Packet6 direct = Packet6.decode(hex(SOLICIT), 0, hex(SOLICIT).length);
        assertArrayEquals(hex("02000000"), direct.encodeReply(reply));

        Packet6 relayed = Packet6.decode(PERFDHCP_RELAY_FORW, 0, PERFDHCP_RELAY_FORW.length);
        assertArrayEquals(hex("0d00" + "fe80000000000000000000fffe00000b" + "fe80000000000000000000fffe00000b"
                + "00090004" + "02000000"), relayed.encodeReply(reply));
    }

    @Test
    void decodesInsideALargerBuffer() throws MalformedPacketException {
        byte[] framed = new byte[TWICE_RELAYED.length + 10];
        System.arraycopy(TWICE_RELAYED, 0, framed, 7, TWICE_RELAYED.length);
        Packet6 packet = Packet6.decode(framed, 7, TWICE_RELAYED.length);
        assertEquals(2, packet.relays().size());
        assertEquals(0xa1b2c3, packet.message().transactionId());
    }

    @Test
    void thirtyTwoRelaysAreAcceptedAndThirtyThreeAreTooDeep() throws MalformedPacketException {
        byte[] wire = hex(SOLICIT);
        for (int i = 0; i < Packet6.MAX_RELAY_DEPTH; i++) {
            wire = relayForw(i, wire);
        }
        Packet6 deepest = Packet6.decode(wire, 0, wire.length);
        assertEquals(32, deepest.relays().size());
        assertEquals(31, deepest.relays().get(0).hopCount());
        assertEquals(0, deepest.relays().get(31).hopCount());
        assertEquals(0xa1b2c3, deepest.message().transactionId());

        byte[] tooDeep = relayForw(32, wire);
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Packet6.decode(tooDeep, 0, tooDeep.length));
        assertEquals(Reason.RELAY_TOO_DEEP, e.reason());
        assertEquals(32 * (34 + 4), e.offset()); // the 33rd relay header
    }

    @Test
    void relayWithoutRelayMsgIsRefused() {
        byte[] wire = hex("0c00" + "0".repeat(64) + "0012000165");
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Packet6.decode(wire, 0, wire.length));
        assertEquals(Reason.BAD_RELAY_MESSAGE, e.reason());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("relay-msg"), e.getMessage());
    }

    @Test
    void relayWithTwoRelayMsgsIsRefused() {
        byte[] wire = hex("0c00" + "0".repeat(64) + "0009000402000000" + "0009000402000001");
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Packet6.decode(wire, 0, wire.length));
        assertEquals(Reason.BAD_RELAY_MESSAGE, e.reason());
        assertEquals(42, e.offset());
    }

    @Test
    void relayHeaderWhereAClientMessageBelongsIsRefused() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Message6.decode(PERFDHCP_RELAY_FORW));
        assertEquals(Reason.BAD_RELAY_MESSAGE, e.reason());
        assertThrows(IllegalArgumentException.class, () -> Message6.of(12, 0, Options6.none()));
    }

    @Test
    void shortRelayHeaderIsTruncated() {
        byte[] wire = hex("0c00" + "0".repeat(60));
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Packet6.decode(wire, 0, wire.length));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(32, e.offset());
    }

    @Test
    void errorsInsideRelayedMessagesCountFromThePacketStart() {
        // the inner message's IA_NA declares 13 bytes but 12 remain
        byte[] wire = hex("0c00" + "0".repeat(64) + "00090014" + "01000001" + "0003000d000000010000000000000000");
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Packet6.decode(wire, 0, wire.length));
        assertEquals(Reason.OPTION_OVERRUN, e.reason());
        assertEquals(34 + 4 + 4, e.offset());
        assertTrue(e.getMessage().contains("option 3"), e.getMessage());
    }

    @Test
    void unknownTypesStillDecode() throws MalformedPacketException {
        Message6 m = Message6.decode(hex("ff123456"));
        assertNull(m.type());
        assertEquals(0xff, m.typeCode());
        assertEquals(0x123456, m.transactionId());
        Message6 query = Message6.decode(hex("14000001"));
        assertEquals(MessageType6.DHCPV4_QUERY, query.type());
    }

    /** The twice-relayed SOLICIT, for the malformed-input tests to mutate. */
    byte[] twiceRelayedForFuzzing() {
        return TWICE_RELAYED.clone();
    }

    private static byte[] relayForw(int hopCount, byte[] message) {
        return new RelayMessage6(MessageType6.RELAY_FORW.code(), hopCount, new byte[16], new byte[16],
                Options6.of(List.of(new Option6(OptionCode6.RELAY_MSG, message)))).encode();
    }

    @Test
    void aDecodedPacketEncodesToItsOwnBytes() throws MalformedPacketException {
        Packet6 packet = Packet6.decode(TWICE_RELAYED);
        assertArrayEquals(TWICE_RELAYED, packet.encode());
    }

    @Test
    void anotherMessageInsideTheSameRelaysKeepsEveryRelayOption() throws MalformedPacketException {
        Packet6 packet = Packet6.decode(TWICE_RELAYED);
        Message6 other = Message6.decode(hex(ADVERTISE));
        Packet6 back = Packet6.decode(packet.withMessage(other).encode());
        assertEquals(other, back.message());
        assertEquals(packet.relays().get(0).options().first(OptionCode6.REMOTE_ID).length,
                back.relays().get(0).options().first(OptionCode6.REMOTE_ID).length);
        assertEquals(MessageType6.RELAY_FORW, back.relays().get(1).type());
        assertArrayEquals(TWICE_RELAYED_REPLY, packet.reply(other).encode(), "a reply is wrapped in RELAY-REPLs");
    }
}
