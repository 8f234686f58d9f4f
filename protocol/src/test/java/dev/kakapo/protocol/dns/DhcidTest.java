package dev.kakapo.protocol.dns;

import static dev.kakapo.protocol.dns.DomainNameTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kakapo.protocol.v6.Duid;
import org.junit.jupiter.api.Test;

/** The vectors of RFC 4701 section 3.5 as Kea computes them (FQDN myhost.example.com.). */
class DhcidTest {
    private static final DomainName MYHOST = DomainName.parse("myhost.example.com.");
    private static final byte[] ZERO_TO_SIX = hex("00010203040506");
    private static final String DIGEST_0_6 = "2191B7B21AF97E0E656DF887C5E2DEF30E7758A207EDF4CCB2DE8CA37066021C";

    @Test
    void fromDuid() {
        Dhcid dhcid = Dhcid.fromDuid(ZERO_TO_SIX, MYHOST);
        assertEquals("000201" + DIGEST_0_6, dhcid.toHex());
        assertEquals(Dhcid.TYPE_DUID, dhcid.identifierType());
    }

    @Test
    void fromDuidRecordHashesItsBytes() {
        byte[] enterprise = hex("0002000009bf0102");
        assertEquals(Dhcid.fromDuid(enterprise, MYHOST), Dhcid.fromDuid(new Duid(enterprise), MYHOST));
    }

    @Test
    void fromOneByteDuid() {
        assertEquals("000201F89004F73E60CAEDFF514E11CB91D1F45C8F0A55D4BC4C688484A819F8EA4074",
                Dhcid.fromDuid(hex("01"), MYHOST).toHex());
    }

    @Test
    void fromClientId() {
        Dhcid dhcid = Dhcid.fromClientId(ZERO_TO_SIX, MYHOST);
        assertEquals("000101" + DIGEST_0_6, dhcid.toHex());
        assertEquals(Dhcid.TYPE_CLIENT_ID, dhcid.identifierType());
    }

    @Test
    void fromHardwareAddress() {
        assertEquals("0000012247F6DC4423C3E8627434A9D6868609D88948F78018B215EDCAA30C0C135035",
                Dhcid.fromHardwareAddress(1, ZERO_TO_SIX, MYHOST).toHex());
    }

    @Test
    void nameIsHashedInLowerCase() {
        assertEquals(Dhcid.fromDuid(ZERO_TO_SIX, MYHOST),
                Dhcid.fromDuid(ZERO_TO_SIX, DomainName.parse("MyHost.EXAMPLE.com.")));
    }

    @Test
    void refusesWhatCannotBeADhcid() {
        assertThrows(IllegalArgumentException.class, () -> Dhcid.fromDuid(new byte[0], MYHOST));
        assertThrows(IllegalArgumentException.class, () -> Dhcid.fromDuid(ZERO_TO_SIX, DomainName.parse("myhost")));
        assertThrows(IllegalArgumentException.class, () -> Dhcid.fromHardwareAddress(256, ZERO_TO_SIX, MYHOST));
        assertThrows(IllegalArgumentException.class, () -> new Dhcid(new byte[34]));
    }

    @Test
    void rdataIsCopied() {
        Dhcid dhcid = Dhcid.fromDuid(ZERO_TO_SIX, MYHOST);
        byte[] rdata = dhcid.rdata();
        rdata[5] ^= 1;
        assertArrayEquals(hex(dhcid.toHex()), dhcid.rdata());
    }
}
