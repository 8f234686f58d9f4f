package dev.kakapo.protocol.v4;

import static dev.kakapo.protocol.v4.CapturedPackets.DHCLIENT_DISCOVER;
import static dev.kakapo.protocol.v4.CapturedPackets.DHCLIENT_REQUEST;
import static dev.kakapo.protocol.v4.CapturedPackets.UDHCPC_DISCOVER;
import static dev.kakapo.protocol.v4.CapturedPackets.UDHCPC_REQUEST;
import static dev.kakapo.protocol.v4.CapturedPackets.UDHCPD_ACK_TO_DHCLIENT;
import static dev.kakapo.protocol.v4.CapturedPackets.UDHCPD_ACK_TO_UDHCPC;
import static dev.kakapo.protocol.v4.CapturedPackets.UDHCPD_OFFER_TO_DHCLIENT;
import static dev.kakapo.protocol.v4.CapturedPackets.UDHCPD_OFFER_TO_UDHCPC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kakapo.protocol.MalformedPacketException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Decodes packets real clients and a real server put on the wire, and re-encodes them. Every
 * captured message keeps its options in wire order with option 53 first and is zero-padded to
 * 300 bytes (or, for udhcpc's 308-byte REQUEST, not padded at all), exactly as {@link Message4#encode()}
 * lays a message out, so re-encoding must reproduce every byte.
 */
class CapturedPacketsTest {
    private static final byte[] CLIENT_MAC = hex("02000000000b");
    private static final byte[] CLIENT_ID = hex("0102000000000b");

    static Stream<Arguments> captured() {
        return Stream.of(
                Arguments.of("dhclient DISCOVER", DHCLIENT_DISCOVER),
                Arguments.of("udhcpd OFFER to dhclient", UDHCPD_OFFER_TO_DHCLIENT),
                Arguments.of("dhclient REQUEST", DHCLIENT_REQUEST),
                Arguments.of("udhcpd ACK to dhclient", UDHCPD_ACK_TO_DHCLIENT),
                Arguments.of("udhcpc DISCOVER", UDHCPC_DISCOVER),
                Arguments.of("udhcpd OFFER to udhcpc", UDHCPD_OFFER_TO_UDHCPC),
                Arguments.of("udhcpc REQUEST", UDHCPC_REQUEST),
                Arguments.of("udhcpd ACK to udhcpc", UDHCPD_ACK_TO_UDHCPC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void reEncodesByteForByte(String name, byte[] wire) throws MalformedPacketException {
        assertArrayEquals(wire, Message4.decode(wire).encode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void rebuildingThroughTheBuilderChangesNothing(String name, byte[] wire) throws MalformedPacketException {
        assertArrayEquals(wire, Message4.decode(wire).toBuilder().build().encode());
    }

    @Test
    void dhclientDiscover() throws MalformedPacketException {
        Message4 m = Message4.decode(DHCLIENT_DISCOVER);
        assertEquals(300, DHCLIENT_DISCOVER.length);
        assertEquals(1, m.op());
        assertEquals(1, m.htype());
        assertEquals(6, m.hlen());
        assertEquals(0, m.hops());
        assertEquals(0x5b7a2a2a, m.xid());
        assertEquals(0, m.secs());
        assertFalse(m.broadcastFlag());
        assertEquals(0, m.ciaddr());
        assertArrayEquals(CLIENT_MAC, m.chaddr());
        assertEquals(MessageType4.DISCOVER, m.messageType());
        assertArrayEquals(new int[] {53, 12, 55, 57, 61}, m.options().codes());
        assertArrayEquals("kakapo-dhclient".getBytes(StandardCharsets.US_ASCII), m.options().get(OptionCode4.HOST_NAME));
        // subnet-mask, broadcast, time-offset, routers, domain-name, dns, host-name, mtu, ntp
        assertArrayEquals(hex("011c02030f060c1a2a"), m.options().get(OptionCode4.PARAMETER_REQUEST_LIST));
        assertArrayEquals(hex("0578"), m.options().get(OptionCode4.MAX_MESSAGE_SIZE)); // 1400
        assertArrayEquals(CLIENT_ID, m.options().get(OptionCode4.CLIENT_ID));
        assertArrayEquals(new byte[64], m.sname());
        assertArrayEquals(new byte[128], m.file());
    }

    @Test
    void dhclientRequestNamesTheOfferedAddressAndServer() throws MalformedPacketException {
        Message4 m = Message4.decode(DHCLIENT_REQUEST);
        assertEquals(MessageType4.REQUEST, m.messageType());
        assertEquals(0x5b7a2a2a, m.xid());
        assertArrayEquals(new int[] {53, 54, 50, 12, 55, 57, 61}, m.options().codes());
        assertArrayEquals(hex("c0000289"), m.options().get(OptionCode4.REQUESTED_ADDRESS)); // 192.0.2.137
        assertArrayEquals(hex("c0000201"), m.options().get(OptionCode4.SERVER_ID));
    }

    @Test
    void udhcpcDiscover() throws MalformedPacketException {
        Message4 m = Message4.decode(UDHCPC_DISCOVER);
        assertEquals(MessageType4.DISCOVER, m.messageType());
        assertEquals(0x26fc4468, m.xid());
        assertArrayEquals(CLIENT_MAC, m.chaddr());
        assertArrayEquals(new int[] {53, 57, 55, 12, 60, 61}, m.options().codes());
        assertArrayEquals(hex("0240"), m.options().get(OptionCode4.MAX_MESSAGE_SIZE)); // 576
        assertArrayEquals(hex("0103060c0f1c2a"), m.options().get(OptionCode4.PARAMETER_REQUEST_LIST));
        assertArrayEquals("kakapo-udhcpc".getBytes(StandardCharsets.US_ASCII), m.options().get(OptionCode4.HOST_NAME));
        assertArrayEquals("kakapo-vendor".getBytes(StandardCharsets.US_ASCII), m.options().get(OptionCode4.VENDOR_CLASS_ID));
        assertArrayEquals(CLIENT_ID, m.options().get(OptionCode4.CLIENT_ID));
    }

    @Test
    void udhcpcRequestIsNotPaddedAndStaysThatLong() throws MalformedPacketException {
        Message4 m = Message4.decode(UDHCPC_REQUEST);
        assertEquals(308, UDHCPC_REQUEST.length);
        assertEquals(MessageType4.REQUEST, m.messageType());
        assertEquals(0xff, UDHCPC_REQUEST[307] & 0xff); // END is the last byte
        assertEquals(308, m.encode().length);
    }

    @Test
    void udhcpdOfferAndAck() throws MalformedPacketException {
        for (byte[] wire : new byte[][] {UDHCPD_OFFER_TO_DHCLIENT, UDHCPD_OFFER_TO_UDHCPC}) {
            Message4 offer = Message4.decode(wire);
            assertEquals(2, offer.op());
            assertEquals(MessageType4.OFFER, offer.messageType());
            assertEquals(0xc0000289, offer.yiaddr());
            assertArrayEquals(new int[] {53, 54, 51, 1, 3, 6, 15}, offer.options().codes());
            assertArrayEquals(hex("00000e10"), offer.options().get(OptionCode4.LEASE_TIME));
            assertArrayEquals("example.org".getBytes(StandardCharsets.US_ASCII), offer.options().get(OptionCode4.DOMAIN_NAME));
        }
        Message4 ack = Message4.decode(UDHCPD_ACK_TO_UDHCPC);
        assertEquals(MessageType4.ACK, ack.messageType());
        assertEquals(0x26fc4468, ack.xid());
        assertArrayEquals(hex("ffffff00"), ack.options().get(OptionCode4.SUBNET_MASK));
        assertArrayEquals(hex("c0000201"), ack.options().get(OptionCode4.ROUTERS));
        assertNull(ack.options().get(OptionCode4.RELAY_AGENT_INFO));
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
