package dev.kakapo.protocol.v6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.dns.ClientFqdn6;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.v4.Message4;

/**
 * Any datagram given to the DHCPv6 decoder either decodes (every relay header unwrapped down to
 * the client's message) or is refused with a {@link MalformedPacketException} naming a byte inside
 * it. A packet that decodes re-encodes to the same bytes and decodes to the same packet; the
 * structured options the server reads (IA_NA, IA_PD and what they carry, status codes, DUIDs, the
 * Client FQDN, DHCPv4-over-DHCPv6) are read too, with the same promise.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/kakapo/protocol/v6/Packet6FuzzTestInputs/decode/}.
 * Fuzz with {@code bin/fuzz dhcp6}.
 */
class Packet6FuzzTest {
    private static final OptionCatalog CATALOG = OptionCatalog.dhcp6();

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] datagram) {
        Packet6 packet;
        try {
            packet = Packet6.decode(datagram);
        } catch (MalformedPacketException e) {
            assertNamesAByte(e, datagram.length);
            return;
        }
        assertTrue(packet.relays().size() <= Packet6.MAX_RELAY_DEPTH);
        byte[] wire = packet.encode();
        assertArrayEquals(datagram, wire, "a decoded packet does not re-encode to its bytes");
        Packet6 again;
        try {
            again = Packet6.decode(wire);
        } catch (MalformedPacketException e) {
            throw new AssertionError("the encoding of a decoded packet does not decode: " + e.getMessage(), e);
        }
        assertEquals(packet.relays(), again.relays());
        assertEquals(packet.message(), again.message());
        packet.toString();
        for (RelayMessage6 relay : packet.relays()) {
            relay.interfaceId();
            readOptions(relay.options());
        }
        readOptions(packet.message().options());
        packet.message().type();
        packet.encodeReply(Message6.of(7, packet.message().transactionId(), Options6.none()));
        readDhcp4o6(packet.message());
    }

    private static void readDhcp4o6(Message6 message) {
        Dhcp4o6Message dhcp4o6;
        try {
            dhcp4o6 = Dhcp4o6Message.decode(message);
        } catch (MalformedPacketException e) {
            assertTrue(e.offset() >= 0, e.getMessage());
            return;
        }
        dhcp4o6.unicast();
        Message4 inner = dhcp4o6.dhcp4();
        try {
            Dhcp4o6Message back = Dhcp4o6Message.decode(dhcp4o6.toMessage6());
            assertEquals(inner.xid(), back.dhcp4().xid());
            assertEquals(dhcp4o6.flags(), back.flags());
        } catch (MalformedPacketException e) {
            throw new AssertionError("a re-encoded DHCPv4-over-DHCPv6 message does not decode: " + e.getMessage(), e);
        }
    }

    /** Reads the options the server looks inside, recursively, as it would. */
    static void readOptions(Options6 options) {
        for (Option6 option : options.all()) {
            byte[] payload = option.data();
            CATALOG.byCode(option.code()).map(def -> def.toText(payload));
            try {
                switch (option.code()) {
                    case OptionCode6.CLIENTID, OptionCode6.SERVERID -> Duid.parse(payload).toString();
                    case OptionCode6.IA_NA -> roundTrip(payload, IdentityAssociation.decodeIaNa(payload));
                    case OptionCode6.IA_PD -> roundTrip(payload, IdentityAssociation.decodeIaPd(payload));
                    case OptionCode6.IAADDR -> {
                        IaAddress address = IaAddress.decode(payload);
                        assertArrayEquals(payload, address.encode());
                        readOptions(address.options());
                    }
                    case OptionCode6.IAPREFIX -> {
                        IaPrefix prefix = IaPrefix.decode(payload);
                        assertArrayEquals(payload, prefix.encode());
                        readOptions(prefix.options());
                    }
                    case OptionCode6.STATUS_CODE -> StatusCode.decode(payload).message();
                    case OptionCode6.CLIENT_FQDN -> {
                        ClientFqdn6 fqdn = ClientFqdn6.decode(payload);
                        fqdn.name().toText();
                        fqdn.encode();
                    }
                    default -> { }
                }
            } catch (MalformedPacketException e) {
                assertNamesAByte(e, payload.length);
            }
        }
    }

    private static void roundTrip(byte[] payload, IdentityAssociation ia) {
        assertArrayEquals(payload, ia.encode(), "IA option " + ia.code() + " does not re-encode as received");
        readOptions(ia.options());
    }

    static void assertNamesAByte(MalformedPacketException e, int length) {
        assertTrue(e.offset() >= 0 && e.offset() <= length, "offset " + e.offset() + " outside 0.." + length + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("at byte " + e.offset()), e.getMessage());
    }
}
