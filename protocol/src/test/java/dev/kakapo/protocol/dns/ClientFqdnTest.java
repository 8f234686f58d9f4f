package dev.kakapo.protocol.dns;

import static dev.kakapo.protocol.dns.DomainNameTest.MYHOST_WIRE;
import static dev.kakapo.protocol.dns.DomainNameTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Options 81 (DHCPv4) and 39 (DHCPv6). */
class ClientFqdnTest {
    private static final String MYHOST = HexFormat.of().formatHex(MYHOST_WIRE);

    // ---- DHCPv4 option 81 ----

    @Test
    void v4WireFormatName() throws MalformedPacketException {
        ClientFqdn4 fqdn = ClientFqdn4.decode(hex("05" + "0000" + MYHOST));
        assertTrue(fqdn.serverUpdatesForward());
        assertTrue(fqdn.canonicalWireFormat());
        assertFalse(fqdn.noServerUpdates() || fqdn.serverOverrode());
        assertEquals(DomainName.parse("myhost.example.com."), fqdn.name());
        assertArrayEquals(hex("05" + "0000" + MYHOST), fqdn.encode());
    }

    @Test
    void v4PartialAndEmptyWireNames() throws MalformedPacketException {
        ClientFqdn4 partial = ClientFqdn4.decode(hex("04" + "0000" + "066d79686f7374"));
        assertFalse(partial.name().isAbsolute());
        assertEquals("myhost", partial.name().toText());
        assertArrayEquals(hex("04" + "0000" + "066d79686f7374"), partial.encode());
        ClientFqdn4 empty = ClientFqdn4.decode(hex("04" + "0000"));
        assertEquals(DomainName.EMPTY, empty.name());
        assertArrayEquals(hex("040000"), empty.encode());
    }

    @Test
    void v4AsciiName() throws MalformedPacketException {
        ClientFqdn4 full = ClientFqdn4.decode(concat(hex("01" + "0000"), "myhost.example.com.".getBytes()));
        assertTrue(full.name().isAbsolute());
        assertEquals("myhost.example.com.", full.name().toText());
        ClientFqdn4 partial = ClientFqdn4.decode(concat(hex("00" + "0000"), "myhost".getBytes()));
        assertFalse(partial.name().isAbsolute());
        assertArrayEquals(concat(hex("000000"), "myhost".getBytes()), partial.encode());
        // a C-string terminator is dropped
        ClientFqdn4 terminated = ClientFqdn4.decode(concat(hex("000000"), "myhost\0".getBytes()));
        assertEquals("myhost", terminated.name().toText());
        assertEquals(DomainName.EMPTY, ClientFqdn4.decode(hex("000000")).name());
    }

    @Test
    void v4ReplyCarriesRcode255AndKeepsE() {
        ClientFqdn4 reply = ClientFqdn4.reply(ClientFqdn4.FLAG_S | ClientFqdn4.FLAG_O | ClientFqdn4.FLAG_E,
                DomainName.parse("myhost.example.com."));
        assertArrayEquals(hex("07" + "ffff" + MYHOST), reply.encode());
        ClientFqdn4 ascii = ClientFqdn4.reply(ClientFqdn4.FLAG_N, DomainName.parse("myhost.example.com."));
        assertArrayEquals(concat(hex("08ffff"), "myhost.example.com.".getBytes()), ascii.encode());
    }

    @Test
    void v4UpperFlagBitsAreIgnoredOnReceipt() throws MalformedPacketException {
        assertEquals(ClientFqdn4.FLAG_S | ClientFqdn4.FLAG_E, ClientFqdn4.decode(hex("f5" + "0000")).flags());
        assertThrows(IllegalArgumentException.class, () -> new ClientFqdn4(0x10, 0, 0, DomainName.EMPTY));
    }

    @Test
    void v4MalformedInput() {
        assertMalformed4(hex("0500"), Reason.TRUNCATED, 2);
        assertMalformed4(hex(""), Reason.TRUNCATED, 0);
        assertMalformed4(hex("09" + "0000"), Reason.BAD_FQDN_FLAGS, 0);
        assertMalformed4(hex("05" + "0000" + "40"), Reason.BAD_DOMAIN_NAME, 3);
        assertMalformed4(hex("05" + "0000" + "0361626300" + "00"), Reason.BAD_DOMAIN_NAME, 8);
        assertMalformed4(hex("05" + "0000" + "0561"), Reason.BAD_DOMAIN_NAME, 3);
        assertMalformed4(concat(hex("010000"), "a\u0001b".getBytes()), Reason.BAD_DOMAIN_NAME, 4);
        assertMalformed4(concat(hex("010000"), "a..b".getBytes()), Reason.BAD_DOMAIN_NAME, 3);
        assertThrows(IllegalArgumentException.class, () -> new ClientFqdn4(0x09, 0, 0, DomainName.EMPTY));
    }

    // ---- DHCPv6 option 39 ----

    @Test
    void v6FullPartialAndEmptyNames() throws MalformedPacketException {
        ClientFqdn6 full = ClientFqdn6.decode(hex("01" + MYHOST));
        assertTrue(full.serverUpdatesForward());
        assertEquals("myhost.example.com.", full.name().toText());
        assertArrayEquals(hex("01" + MYHOST), full.encode());
        ClientFqdn6 partial = ClientFqdn6.decode(hex("00" + "066d79686f7374"));
        assertFalse(partial.name().isAbsolute());
        assertArrayEquals(hex("00066d79686f7374"), partial.encode());
        ClientFqdn6 empty = ClientFqdn6.decode(hex("04"));
        assertTrue(empty.noServerUpdates());
        assertEquals(DomainName.EMPTY, empty.name());
        assertArrayEquals(hex("04"), empty.encode());
        assertEquals(ClientFqdn6.FLAG_S, ClientFqdn6.decode(hex("f9")).flags());
        assertArrayEquals(hex("03" + MYHOST), new ClientFqdn6(ClientFqdn6.FLAG_S | ClientFqdn6.FLAG_O,
                DomainName.parse("MYHOST.example.com.").toLowerCase()).encode());
    }

    @Test
    void v6MalformedInput() {
        assertMalformed6(hex(""), Reason.TRUNCATED, 0);
        assertMalformed6(hex("05"), Reason.BAD_FQDN_FLAGS, 0);
        assertMalformed6(hex("01" + "c00c"), Reason.BAD_DOMAIN_NAME, 1);
        assertMalformed6(hex("01" + "036162"), Reason.BAD_DOMAIN_NAME, 1);
        assertThrows(IllegalArgumentException.class, () -> new ClientFqdn6(0x08, DomainName.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new ClientFqdn6(0x05, DomainName.EMPTY));
    }

    @Test
    void randomPayloadsDecodeOrRaiseMalformedPacketOnly() {
        java.util.Random random = new java.util.Random(8181);
        int decoded = 0;
        for (int i = 0; i < 20000; i++) {
            byte[] payload = new byte[random.nextInt(40)];
            random.nextBytes(payload);
            if (payload.length > 3 && random.nextBoolean()) {
                payload[3] = (byte) random.nextInt(8); // short labels, so some names decode
            }
            try {
                ClientFqdn4 v4 = ClientFqdn4.decode(payload);
                assertEquals(v4, ClientFqdn4.decode(v4.encode()));
                decoded++;
            } catch (MalformedPacketException expected) {
                // the only way bad input may fail
            }
            try {
                ClientFqdn6 v6 = ClientFqdn6.decode(payload);
                assertEquals(v6, ClientFqdn6.decode(v6.encode()));
                decoded++;
            } catch (MalformedPacketException expected) {
                // as above
            }
        }
        assertTrue(decoded > 100, "only " + decoded + " payloads decoded");
    }

    private static void assertMalformed4(byte[] payload, Reason reason, int offset) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> ClientFqdn4.decode(payload));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    private static void assertMalformed6(byte[] payload, Reason reason, int offset) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> ClientFqdn6.decode(payload));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
