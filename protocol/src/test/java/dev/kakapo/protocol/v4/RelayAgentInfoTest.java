package dev.kakapo.protocol.v4;

import static dev.kakapo.protocol.v4.Message4Test.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kakapo.protocol.MalformedPacketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayAgentInfoTest {
    /** circuit-id "eth0/1/3:100", remote-id = MAC 02:00:00:00:00:0b. */
    private static final byte[] PAYLOAD = hex("010c" + "657468302f312f333a313030" + "0206" + "02000000000b");

    @Test
    void parsesCircuitIdAndRemoteId() throws MalformedPacketException {
        RelayAgentInfo info = RelayAgentInfo.parse(PAYLOAD);
        assertEquals(2, info.subOptions().size());
        assertArrayEquals("eth0/1/3:100".getBytes(StandardCharsets.US_ASCII), info.subOption(RelayAgentInfo.CIRCUIT_ID));
        assertArrayEquals(hex("02000000000b"), info.subOption(RelayAgentInfo.REMOTE_ID));
        assertNull(info.subOption(RelayAgentInfo.LINK_SELECTION));
        assertEquals(new RelayAgentInfo.SubOption(2, hex("02000000000b")), info.subOptions().get(1));
    }

    @Test
    void encodesBackToTheSameBytes() throws MalformedPacketException {
        assertArrayEquals(PAYLOAD, RelayAgentInfo.parse(PAYLOAD).encode());
        RelayAgentInfo built = RelayAgentInfo.of(List.of(
                new RelayAgentInfo.SubOption(RelayAgentInfo.CIRCUIT_ID, "eth0/1/3:100".getBytes(StandardCharsets.US_ASCII)),
                new RelayAgentInfo.SubOption(RelayAgentInfo.REMOTE_ID, hex("02000000000b"))));
        assertArrayEquals(PAYLOAD, built.encode());
    }

    @Test
    void travelsAsOption82AtTheEndOfAMessage() throws MalformedPacketException {
        byte[] wire = Message4.builder().op(1).giaddr(0xc6336401)
                .option(OptionCode4.RELAY_AGENT_INFO, PAYLOAD)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {1})
                .option(OptionCode4.CLIENT_ID, hex("0102000000000b")).build().encode();
        Message4 m = Message4.decode(wire);
        // added first, written last: 53, 61, then 82
        assertArrayEquals(new int[] {53, 61, 82}, m.options().codes());
        assertEquals(OptionCode4.RELAY_AGENT_INFO, wire[240 + 3 + 9] & 0xff);
        RelayAgentInfo info = RelayAgentInfo.parse(m.options().get(OptionCode4.RELAY_AGENT_INFO));
        assertArrayEquals(hex("02000000000b"), info.subOption(RelayAgentInfo.REMOTE_ID));
    }

    @Test
    void emptyPayloadHasNoSubOptions() throws MalformedPacketException {
        assertEquals(0, RelayAgentInfo.parse(new byte[0]).subOptions().size());
    }

    @Test
    void subOptionDataIsLimitedTo255Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new RelayAgentInfo.SubOption(1, new byte[256]));
    }
}
