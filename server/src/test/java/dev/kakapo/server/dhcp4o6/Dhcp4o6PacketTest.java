package dev.kakapo.server.dhcp4o6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.protocol.v6.RelayMessage6;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The channel's datagrams: the packet with ISC's vendor option saying where the query came from. */
class Dhcp4o6PacketTest {
    private static final Message6 QUERY = Message6.of(MessageType6.DHCPV4_QUERY.code(), 0x800000,
            Options6.of(List.of(new Option6(OptionCode6.DHCPV4_MSG, new byte[] {9, 9}))));

    @Test
    void theOriginTravelsInIscSubOptions60000And60001() throws MalformedPacketException {
        Dhcp4o6Packet p = new Dhcp4o6Packet(Packet6.decode(QUERY.encode()), Ipv6Address.parse("2001:db8::7"), "eth1");
        byte[] wire = p.encode();
        String vendor = "0011" + "0020" + "000009bf" + "ea600004" + "65746831" + "ea610010" + "20010db8000000000000000000000007";
        byte[] expected = HexFormat.of().parseHex("14800000" + "00570002" + "0909" + vendor);
        assertArrayEquals(expected, wire);

        Dhcp4o6Packet back = Dhcp4o6Packet.decode(wire);
        assertEquals(QUERY, back.packet().message(), "the vendor option is taken off");
        assertEquals(Ipv6Address.parse("2001:db8::7"), back.sourceAddress());
        assertEquals("eth1", back.interfaceName());
    }

    @Test
    void relaysAreKeptAndTheNearestInterfaceIdFound() throws MalformedPacketException {
        byte[] relayed = new RelayMessage6(MessageType6.RELAY_FORW.code(), 0, new byte[16], new byte[16], Options6.of(List.of(
                new Option6(OptionCode6.INTERFACE_ID, "port7".getBytes()),
                new Option6(OptionCode6.RELAY_MSG, QUERY.encode())))).encode();
        Dhcp4o6Packet p = new Dhcp4o6Packet(Packet6.decode(relayed), Ipv6Address.parse("::1"), "lo");
        Dhcp4o6Packet back = Dhcp4o6Packet.decode(p.encode());
        assertEquals(1, back.packet().relays().size());
        assertArrayEquals("port7".getBytes(), back.relayInterfaceId());
        assertEquals(QUERY, back.packet().message());
    }

    @Test
    void aDatagramWithoutTheOriginIsRefused() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Dhcp4o6Packet.decode(QUERY.encode()));
        assertEquals(Reason.BAD_DHCP4O6_MESSAGE, e.reason());
        assertTrue(e.getMessage().contains("2495"), e.getMessage());
    }

    @Test
    void aSubOptionRunningPastTheOptionIsRefused() throws MalformedPacketException {
        byte[] wire = new Dhcp4o6Packet(Packet6.decode(QUERY.encode()), Ipv6Address.parse("::1"), "lo").encode();
        byte[] cut = Arrays.copyOf(wire, wire.length - 1);
        cut[13] = (byte) (cut[13] - 1); // the vendor option's length (bytes 12-13), one byte shorter
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> Dhcp4o6Packet.decode(cut));
        assertEquals(Reason.SUBOPTION_OVERRUN, e.reason());
    }
}
