package dev.kakapo.protocol.v6;

import static dev.kakapo.protocol.v6.CapturedPackets6.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.MalformedPacketException.Reason;
import dev.kakapo.protocol.MalformedPacketException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MalformedPacket6Test {

    @Test
    void shortMessagesAreTruncated() {
        for (String wire : List.of("", "01", "01aabb")) {
            MalformedPacketException e = assertThrows(MalformedPacketException.class,
                    () -> Packet6.decode(hex(wire), 0, wire.length() / 2));
            assertEquals(Reason.TRUNCATED, e.reason());
            assertEquals(wire.length() / 2, e.offset());
        }
    }

    @Test
    void optionOverrunNamesOffsetAndCode() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Options6.decode(hex("000800020000" + "00010005010203"), 0, 13));
        assertEquals(Reason.OPTION_OVERRUN, e.reason());
        assertEquals(6, e.offset());
        assertTrue(e.getMessage().contains("option 1 at byte 6 declares 5 bytes but 3 remain"), e.getMessage());

        MalformedPacketException header = assertThrows(MalformedPacketException.class,
                () -> Message6.decode(hex("01000000" + "000800020000" + "000e00")));
        assertEquals(Reason.OPTION_OVERRUN, header.reason());
        assertEquals(10, header.offset());
    }

    @Test
    void offsetsCountFromTheGivenStart() {
        byte[] framed = hex("ffffff" + "01000000" + "0001000a0003");
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Message6.decode(framed, 3, framed.length - 3));
        assertEquals(4, e.offset());
        MalformedPacketException options = assertThrows(MalformedPacketException.class,
                () -> Options6.decode(framed, 7, framed.length - 7));
        assertEquals(0, options.offset());
    }

    @Test
    void everyReasonIsCoveredByTheTestsOfEitherFamily() {
        // keep in step with the tests in this package: a new DHCPv6 reason needs a test of its own
        Set<Reason> dhcp6 = EnumSet.of(Reason.TRUNCATED, Reason.OPTION_OVERRUN, Reason.RELAY_TOO_DEEP,
                Reason.BAD_RELAY_MESSAGE, Reason.BAD_DUID, Reason.BAD_PREFIX_LENGTH);
        // tested in v4.MalformedPacketTest
        Set<Reason> dhcp4Only = EnumSet.of(Reason.BAD_MAGIC_COOKIE, Reason.BAD_OVERLOAD, Reason.BAD_HLEN,
                Reason.SUBOPTION_OVERRUN);
        dhcp6.addAll(dhcp4Only);
        // tested in the dns package (ClientFqdnTest, DomainNameTest)
        dhcp6.addAll(EnumSet.of(Reason.BAD_DOMAIN_NAME, Reason.BAD_FQDN_FLAGS));
        // tested in Dhcp4o6MessageTest
        dhcp6.add(Reason.BAD_DHCP4O6_MESSAGE);
        assertEquals(EnumSet.allOf(Reason.class), dhcp6);
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformedPacket() {
        Random random = new Random(6464);
        int decoded = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] wire = new byte[random.nextInt(160)];
            random.nextBytes(wire);
            if (wire.length > 0 && random.nextBoolean()) {
                wire[0] = (byte) (12 + random.nextInt(2)); // often a relay, to reach the nesting code
            }
            decoded += decodeEverything(wire);
        }
        assertTrue(decoded > 0, "some random inputs decode");
    }

    @Test
    void everyTruncationAndByteFlipOfRealPacketsIsHandled() throws MalformedPacketException {
        Random random = new Random(8415);
        List<byte[]> seeds = new ArrayList<>(List.of(CapturedPackets6.ALL));
        seeds.add(new Packet6Test().twiceRelayedForFuzzing());
        int refused = 0;
        for (byte[] seed : seeds) {
            Packet6.decode(seed, 0, seed.length);
            for (int len = 0; len < seed.length; len++) {
                try {
                    Packet6.decode(seed, 0, len);
                } catch (MalformedPacketException e) {
                    refused++;
                    assertTrue(e.offset() >= 0 && e.offset() <= len, e.getMessage());
                }
            }
            for (int i = 0; i < 500; i++) {
                byte[] mutated = seed.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                decodeEverything(mutated);
            }
        }
        assertTrue(refused > 0);
    }

    /** Runs every decoder over {@code wire}; returns 1 when the packet decoded. */
    private static int decodeEverything(byte[] wire) {
        int ok = 0;
        try {
            Packet6 p = Packet6.decode(wire, 0, wire.length);
            ok = 1;
            for (Option6 o : p.message().options().all()) {
                decodePayload(o.code(), o.data());
            }
        } catch (MalformedPacketException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= wire.length, e.getMessage());
        }
        try {
            Options6.decode(wire, 0, wire.length);
        } catch (MalformedPacketException expected) {
            // only this may escape
        }
        for (int code : new int[] {OptionCode6.CLIENTID, OptionCode6.IA_NA, OptionCode6.IA_PD,
                OptionCode6.IAADDR, OptionCode6.IAPREFIX, OptionCode6.STATUS_CODE}) {
            decodePayload(code, wire);
        }
        return ok;
    }

    private static void decodePayload(int code, byte[] payload) {
        try {
            switch (code) {
                case OptionCode6.CLIENTID -> Duid.parse(payload);
                case OptionCode6.IA_NA -> IdentityAssociation.decodeIaNa(payload).encode();
                case OptionCode6.IA_PD -> IdentityAssociation.decodeIaPd(payload).encode();
                case OptionCode6.IAADDR -> IaAddress.decode(payload).encode();
                case OptionCode6.IAPREFIX -> IaPrefix.decode(payload).encode();
                case OptionCode6.STATUS_CODE -> StatusCode.decode(payload);
                default -> { }
            }
        } catch (MalformedPacketException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= payload.length, e.getMessage());
        }
    }
}
