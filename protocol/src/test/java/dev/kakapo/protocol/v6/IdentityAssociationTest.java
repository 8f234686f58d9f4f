package dev.kakapo.protocol.v6;

import static dev.kakapo.protocol.v6.CapturedPackets6.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kakapo.protocol.MalformedPacketException.Reason;
import dev.kakapo.protocol.MalformedPacketException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IA_NA, IA_PD and what they carry: IAADDR, IAPREFIX, status codes. */
class IdentityAssociationTest {
    private static final String ADDRESS_1 = "20010db8000100000000000000000010";
    private static final String ADDRESS_2 = "20010db8000100000000000000000011";

    /** IAID 0x0b, T1 1000, T2 2000; two IAADDRs, the second carrying a status; a top status. */
    private static final byte[] IA_NA = hex(
            "0000000b" + "000003e8" + "000007d0",
            "00050018" + ADDRESS_1 + "00000bb8" + "00000fa0",
            "00050023" + ADDRESS_2 + "00000000" + "00000000" + "000d0007" + "0003" + "676f6e6521",
            "000d000b" + "0000" + "616c6c20676f6f6421");

    @Test
    void iaNaWithTwoAddressesAndAStatusCode() throws MalformedPacketException {
        IdentityAssociation ia = IdentityAssociation.decodeIaNa(IA_NA);
        assertEquals(11, ia.iaid());
        assertEquals(1000, ia.t1());
        assertEquals(2000, ia.t2());
        List<byte[]> addresses = ia.options().all(OptionCode6.IAADDR);
        assertEquals(2, addresses.size());

        IaAddress first = IaAddress.decode(addresses.get(0));
        assertArrayEquals(hex(ADDRESS_1), first.address());
        assertEquals(3000, first.preferredLifetime());
        assertEquals(4000, first.validLifetime());
        assertEquals(Options6.none(), first.options());

        IaAddress second = IaAddress.decode(addresses.get(1));
        assertArrayEquals(hex(ADDRESS_2), second.address());
        assertEquals(0, second.validLifetime());
        StatusCode gone = StatusCode.decode(second.options().first(OptionCode6.STATUS_CODE));
        assertEquals(StatusCode6.NO_BINDING, gone.status());
        assertEquals("gone!", gone.message());

        StatusCode top = StatusCode.decode(ia.options().first(OptionCode6.STATUS_CODE));
        assertEquals(new StatusCode(0, "all good!"), top);
        assertEquals(StatusCode6.SUCCESS, top.status());
        assertArrayEquals(IA_NA, ia.encode());
    }

    @Test
    void iaNaBuiltFromPartsEncodesToTheSameBytes() {
        IdentityAssociation built = IdentityAssociation.iaNa(11, 1000, 2000, Options6.of(List.of(
                new IaAddress(hex(ADDRESS_1), 3000, 4000, Options6.none()).toOption(),
                new IaAddress(hex(ADDRESS_2), 0, 0,
                        Options6.of(List.of(StatusCode.of(StatusCode6.NO_BINDING, "gone!").toOption()))).toOption(),
                new StatusCode(0, "all good!").toOption())));
        assertArrayEquals(IA_NA, built.encode());
        assertEquals(new Option6(OptionCode6.IA_NA, IA_NA), built.toOption());
    }

    @Test
    void iaPdWithAPrefix() throws MalformedPacketException {
        byte[] payload = hex("00000001" + "00000e10" + "00001518",
                "001a" + "0019" + "00000fa0" + "00001f40" + "38" + "20010db8000100000000000000000000");
        IdentityAssociation pd = IdentityAssociation.decodeIaPd(payload);
        assertEquals(1, pd.iaid());
        assertEquals(3600, pd.t1());
        assertEquals(5400, pd.t2());
        IaPrefix prefix = IaPrefix.decode(pd.options().first(OptionCode6.IAPREFIX));
        assertEquals(4000, prefix.preferredLifetime());
        assertEquals(8000, prefix.validLifetime());
        assertEquals(56, prefix.prefixLength());
        assertArrayEquals(hex("20010db8000100000000000000000000"), prefix.prefix());
        assertArrayEquals(payload, pd.encode());
        assertEquals(pd, IdentityAssociation.iaPd(1, 3600, 5400, Options6.of(List.of(prefix.toOption()))));
    }

    @Test
    void unsignedFieldsUseAllThirtyTwoBits() throws MalformedPacketException {
        IdentityAssociation ia = IdentityAssociation.decodeIaNa(hex("ffffffff" + "fffffffe" + "80000000"));
        assertEquals(0xffffffffL, ia.iaid());
        assertEquals(0xfffffffeL, ia.t1());
        assertEquals(0x80000000L, ia.t2());
        assertArrayEquals(hex("ffffffff" + "fffffffe" + "80000000"), ia.encode());
        assertThrows(IllegalArgumentException.class, () -> IdentityAssociation.iaNa(1L << 32, 0, 0, Options6.none()));
        assertThrows(IllegalArgumentException.class, () -> IdentityAssociation.iaNa(-1, 0, 0, Options6.none()));
    }

    @Test
    void shortPayloadsAreTruncated() {
        assertTruncated(() -> IdentityAssociation.decodeIaNa(new byte[11]), 11);
        assertTruncated(() -> IdentityAssociation.decodeIaPd(new byte[3]), 3);
        assertTruncated(() -> IaAddress.decode(new byte[23]), 23);
        assertTruncated(() -> IaPrefix.decode(new byte[24]), 24);
        assertTruncated(() -> StatusCode.decode(new byte[1]), 1);
    }

    @Test
    void subOptionOverrunNamesTheByteInThePayload() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> IdentityAssociation.decodeIaNa(hex("000000010000000000000000" + "0005001800")));
        assertEquals(Reason.OPTION_OVERRUN, e.reason());
        assertEquals(12, e.offset());
    }

    @Test
    void prefixLengthAbove128IsRefused() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> IaPrefix.decode(hex("0000000000000000" + "81" + "0".repeat(32))));
        assertEquals(Reason.BAD_PREFIX_LENGTH, e.reason());
        assertEquals(8, e.offset());
        assertThrows(IllegalArgumentException.class, () -> new IaPrefix(0, 0, 129, new byte[16], Options6.none()));
    }

    @Test
    void statusCodeMessagesAreUtf8() throws MalformedPacketException {
        StatusCode s = StatusCode.of(StatusCode6.NO_PREFIX_AVAIL, "keine Präfixe");
        assertArrayEquals(hex("0006" + "6b65696e65205072c3a466697865"), s.encode());
        assertEquals(s, StatusCode.decode(s.encode()));
        assertEquals(new StatusCode(2, ""), StatusCode.decode(hex("0002")));
        assertEquals(null, new StatusCode(99, "").status());
    }

    private static void assertTruncated(org.junit.jupiter.api.function.Executable decode, int offset) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, decode);
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(offset, e.offset());
    }
}
