package dev.kakapo.protocol.v6;

import static dev.kakapo.protocol.v6.CapturedPackets6.DHCLIENT_SOLICIT_IA_NA;
import static dev.kakapo.protocol.v6.CapturedPackets6.DHCLIENT_SOLICIT_IA_NA_RETRANSMITTED;
import static dev.kakapo.protocol.v6.CapturedPackets6.DHCLIENT_SOLICIT_IA_PD;
import static dev.kakapo.protocol.v6.CapturedPackets6.PERFDHCP_RELAY_FORW;
import static dev.kakapo.protocol.v6.CapturedPackets6.PERFDHCP_SOLICIT;
import static dev.kakapo.protocol.v6.CapturedPackets6.PERFDHCP_SOLICIT_THIRD;
import static dev.kakapo.protocol.v6.CapturedPackets6.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.MalformedPacketException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Decodes SOLICITs real clients put on the wire, and re-encodes them byte for byte. */
class CapturedPackets6Test {
    private static final byte[] DHCLIENT_MAC = hex("02000000000b");
    private static final byte[] CLIENT_LINK_LOCAL = hex("fe80000000000000000000fffe00000b");

    static Stream<Arguments> captured() {
        return Stream.of(
                Arguments.of("dhclient SOLICIT with IA_NA", DHCLIENT_SOLICIT_IA_NA),
                Arguments.of("dhclient SOLICIT with IA_NA, retransmitted", DHCLIENT_SOLICIT_IA_NA_RETRANSMITTED),
                Arguments.of("dhclient SOLICIT with IA_PD", DHCLIENT_SOLICIT_IA_PD),
                Arguments.of("perfdhcp SOLICIT", PERFDHCP_SOLICIT),
                Arguments.of("perfdhcp SOLICIT, third client", PERFDHCP_SOLICIT_THIRD),
                Arguments.of("perfdhcp RELAY-FORW", PERFDHCP_RELAY_FORW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void reEncodesByteForByte(String name, byte[] wire) throws MalformedPacketException {
        Packet6 packet = Packet6.decode(wire, 0, wire.length);
        byte[] again = packet.relays().isEmpty() ? packet.message().encode() : packet.relays().get(0).encode();
        assertArrayEquals(wire, again);
        // the innermost message re-encodes to exactly the bytes the relay carried
        byte[] inner = packet.relays().isEmpty() ? wire
                : packet.relays().get(packet.relays().size() - 1).options().first(OptionCode6.RELAY_MSG);
        assertArrayEquals(inner, packet.message().encode());
        assertArrayEquals(inner, Message6.of(packet.message().typeCode(), packet.message().transactionId(),
                Options6.of(packet.message().options().all())).encode());
    }

    @Test
    void dhclientSolicitWithIaNa() throws MalformedPacketException {
        Packet6 packet = Packet6.decode(DHCLIENT_SOLICIT_IA_NA, 0, DHCLIENT_SOLICIT_IA_NA.length);
        assertTrue(packet.relays().isEmpty());
        Message6 m = packet.message();
        assertEquals(MessageType6.SOLICIT, m.type());
        assertEquals(0x2b1d0b, m.transactionId());
        assertEquals(List.of(1, 6, 8, 3), codes(m.options()));

        Duid duid = Duid.parse(m.options().first(OptionCode6.CLIENTID));
        assertEquals(Duid.Type.LLT, duid.type());
        assertEquals(1, duid.hardwareType());
        assertArrayEquals(DHCLIENT_MAC, duid.linkLayerAddress());
        assertEquals(Duid.llt(1, 0x329ee7faL, DHCLIENT_MAC), duid);

        assertArrayEquals(hex("00170018001f"), m.options().first(OptionCode6.ORO)); // dns, domain-search, sntp
        assertArrayEquals(hex("0000"), m.options().first(OptionCode6.ELAPSED_TIME));

        IdentityAssociation ia = IdentityAssociation.decodeIaNa(m.options().first(OptionCode6.IA_NA));
        assertEquals(11, ia.iaid()); // dhclient uses the last four bytes of the MAC
        assertEquals(3600, ia.t1());
        assertEquals(5400, ia.t2());
        assertTrue(ia.options().all().isEmpty());
        assertFalse(m.options().contains(OptionCode6.IA_PD));
        assertFalse(m.options().contains(OptionCode6.SERVERID));
    }

    @Test
    void dhclientRetransmissionCountsElapsedTimeInHundredths() throws MalformedPacketException {
        Message6 first = Message6.decode(DHCLIENT_SOLICIT_IA_NA);
        Message6 third = Message6.decode(DHCLIENT_SOLICIT_IA_NA_RETRANSMITTED);
        assertEquals(first.transactionId(), third.transactionId());
        assertArrayEquals(hex("013a"), third.options().first(OptionCode6.ELAPSED_TIME)); // 3.14 s
        assertArrayEquals(first.options().first(OptionCode6.IA_NA), third.options().first(OptionCode6.IA_NA));
    }

    @Test
    void dhclientSolicitWithIaPd() throws MalformedPacketException {
        Message6 m = Packet6.decode(DHCLIENT_SOLICIT_IA_PD, 0, DHCLIENT_SOLICIT_IA_PD.length).message();
        assertEquals(MessageType6.SOLICIT, m.type());
        assertEquals(0x4b2a77, m.transactionId());
        Duid duid = Duid.parse(m.options().first(OptionCode6.CLIENTID));
        assertEquals(Duid.Type.LL, duid.type());
        assertArrayEquals(DHCLIENT_MAC, duid.linkLayerAddress());
        assertEquals(Duid.ll(1, DHCLIENT_MAC), duid);
        assertFalse(m.options().contains(OptionCode6.IA_NA));
        IdentityAssociation pd = IdentityAssociation.decodeIaPd(m.options().first(OptionCode6.IA_PD));
        assertEquals(11, pd.iaid());
        assertEquals(3600, pd.t1());
        assertEquals(5400, pd.t2());
        assertEquals(Options6.none(), pd.options());
        assertArrayEquals(m.options().first(OptionCode6.IA_PD), pd.encode());
    }

    @Test
    void perfdhcpSolicits() throws MalformedPacketException {
        Message6 first = Message6.decode(PERFDHCP_SOLICIT);
        Message6 third = Message6.decode(PERFDHCP_SOLICIT_THIRD);
        assertEquals(MessageType6.SOLICIT, first.type());
        assertEquals(0, first.transactionId());
        assertEquals(2, third.transactionId());
        assertEquals(List.of(1, 3, 6, 8), codes(first.options()));
        assertArrayEquals(hex("000c01020304"), Duid.parse(first.options().first(OptionCode6.CLIENTID)).linkLayerAddress());
        assertArrayEquals(hex("000c01020306"), Duid.parse(third.options().first(OptionCode6.CLIENTID)).linkLayerAddress());
        IdentityAssociation ia = IdentityAssociation.decodeIaNa(first.options().first(OptionCode6.IA_NA));
        assertEquals(IdentityAssociation.iaNa(1, 3600, 5400, Options6.none()), ia);
        assertArrayEquals(hex("00170018"), first.options().first(OptionCode6.ORO));
        assertArrayEquals(hex("0000"), first.options().first(OptionCode6.ELAPSED_TIME));
    }

    @Test
    void perfdhcpRelayForw() throws MalformedPacketException {
        Packet6 packet = Packet6.decode(PERFDHCP_RELAY_FORW, 0, PERFDHCP_RELAY_FORW.length);
        assertEquals(1, packet.relays().size());
        RelayMessage6 relay = packet.relays().get(0);
        assertEquals(MessageType6.RELAY_FORW, relay.type());
        assertEquals(0, relay.hopCount());
        assertArrayEquals(CLIENT_LINK_LOCAL, relay.linkAddress());
        assertArrayEquals(CLIENT_LINK_LOCAL, relay.peerAddress());
        assertNull(relay.interfaceId());
        assertEquals(List.of(OptionCode6.RELAY_MSG), codes(relay.options()));

        Message6 m = packet.message();
        assertEquals(MessageType6.SOLICIT, m.type());
        assertEquals(0, m.transactionId());
        Duid duid = Duid.parse(m.options().first(OptionCode6.CLIENTID));
        assertEquals(Duid.Type.LLT, duid.type());
        assertArrayEquals(hex("000c01020304"), duid.linkLayerAddress());
        assertEquals(1, IdentityAssociation.decodeIaNa(m.options().first(OptionCode6.IA_NA)).iaid());
    }

    private static List<Integer> codes(Options6 options) {
        return options.all().stream().map(Option6::code).toList();
    }
}
