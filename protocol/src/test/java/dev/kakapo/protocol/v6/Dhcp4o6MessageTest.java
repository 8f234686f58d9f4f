package dev.kakapo.protocol.v6;

import static dev.kakapo.protocol.v6.CapturedPackets6.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dhcp4o6MessageTest {
    private static final Message4 DISCOVER = Message4.builder().op(1).htype(1)
            .chaddr(new byte[] {2, 0, 0x5e, 0, 0, 1}).xid(0x1234abcd)
            .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) MessageType4.DISCOVER.code()}).build();

    @Test
    void aQueryIsTypeTwentyFlagsAndOptionEightySeven() throws MalformedPacketException {
        byte[] dhcp4 = DISCOVER.encode();
        byte[] wire = Dhcp4o6Message.query(Dhcp4o6Message.UNICAST_FLAG, DISCOVER).toMessage6().encode();
        byte[] header = hex("14800000" + "0057" + String.format("%04x", dhcp4.length));
        assertArrayEquals(header, Arrays.copyOf(wire, 8));
        assertArrayEquals(dhcp4, Arrays.copyOfRange(wire, 8, wire.length));

        Dhcp4o6Message back = Dhcp4o6Message.decode(Message6.decode(wire));
        assertEquals(MessageType6.DHCPV4_QUERY, back.type());
        assertTrue(back.unicast());
        assertEquals(0x1234abcd, back.dhcp4().xid());
        assertEquals(MessageType4.DISCOVER, back.dhcp4().messageType());
    }

    @Test
    void aResponseCarriesTheQuerysFlags() throws MalformedPacketException {
        Dhcp4o6Message query = Dhcp4o6Message.query(0x00a1b2, DISCOVER);
        Message6 response = Dhcp4o6Message.response(query, DISCOVER).toMessage6();
        assertEquals(MessageType6.DHCPV4_RESPONSE, response.type());
        assertEquals(0x00a1b2, response.transactionId());
        assertFalse(Dhcp4o6Message.decode(response).unicast());
    }

    @Test
    void optionEightySevenMustHoldADhcpv4Message() {
        Message6 broken = Message6.of(MessageType6.DHCPV4_QUERY.code(), 1,
                Options6.of(List.of(new Option6(OptionCode6.DHCPV4_MSG, new byte[] {1, 1, 6, 0}))));
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Dhcp4o6Message.decode(broken));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertTrue(e.getMessage().contains("option (87)"), e.getMessage());
    }

    @Test
    void exactlyOneOptionEightySeven() {
        Message6 none = Message6.of(MessageType6.DHCPV4_QUERY.code(), 1, Options6.none());
        assertEquals(Reason.BAD_DHCP4O6_MESSAGE,
                assertThrows(MalformedPacketException.class, () -> Dhcp4o6Message.decode(none)).reason());
        Option6 carried = new Option6(OptionCode6.DHCPV4_MSG, DISCOVER.encode());
        Message6 two = Message6.of(MessageType6.DHCPV4_QUERY.code(), 1, Options6.of(List.of(carried, carried)));
        assertEquals(Reason.BAD_DHCP4O6_MESSAGE,
                assertThrows(MalformedPacketException.class, () -> Dhcp4o6Message.decode(two)).reason());
    }

    @Test
    void otherMessageTypesCarryNoDhcpv4() {
        Message6 solicit = Message6.of(MessageType6.SOLICIT.code(), 1,
                Options6.of(List.of(new Option6(OptionCode6.DHCPV4_MSG, DISCOVER.encode()))));
        assertThrows(MalformedPacketException.class, () -> Dhcp4o6Message.decode(solicit));
        assertThrows(IllegalArgumentException.class, () -> new Dhcp4o6Message(MessageType6.REPLY, 0, DISCOVER));
    }
}
