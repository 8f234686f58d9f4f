package dev.kakapo.ddns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.kakapo.proto.ddns.NameChangeRequest;
import java.net.InetAddress;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class NameChangeTest {
    static final byte[] DHCID = {0x00, 0x02, 0x01, 0x21, (byte) 0x91, (byte) 0xB7};

    static NameChangeRequest.Builder valid() {
        return NameChangeRequest.newBuilder()
                .setChangeType(NameChangeRequest.ChangeType.ADD)
                .setForwardChange(true)
                .setReverseChange(true)
                .setFqdn("myhost.example.com.")
                .setIpAddress("192.0.2.10")
                .setDhcid(ByteString.copyFrom(DHCID))
                .setLeaseExpiresOn(1_800_000_000L)
                .setLeaseLength(3600);
    }

    private static InvalidNameChangeException invalid(UnaryOperator<NameChangeRequest.Builder> change) {
        NameChangeRequest request = change.apply(valid()).build();
        return assertThrows(InvalidNameChangeException.class, () -> NameChange.from(request));
    }

    @Test
    void aWellFormedRequestIsTyped() throws Exception {
        NameChange c = NameChange.from(valid().build());
        assertEquals(NameChange.Kind.ADD, c.kind());
        assertEquals(Name.fromString("myhost.example.com."), c.fqdn());
        assertEquals(InetAddress.getByName("192.0.2.10"), c.address());
        assertEquals(Type.A, c.addressType());
        assertArrayEquals(DHCID, c.dhcid());
        assertEquals(3600, c.ttl());
        assertEquals(Name.fromString("10.2.0.192.in-addr.arpa."), c.reverseName());
        NameChange v6 = NameChange.from(valid().setIpAddress("2001:db8::10")
                .setChangeType(NameChangeRequest.ChangeType.REMOVE).setReverseChange(false).build());
        assertEquals(Type.AAAA, v6.addressType());
        assertEquals(NameChange.Kind.REMOVE, v6.kind());
    }

    @Test
    void theChangeTypeMustBeSet() {
        assertEquals("change_type", invalid(b -> b.setChangeType(NameChangeRequest.ChangeType.CHANGE_TYPE_UNSPECIFIED)).field());
        assertEquals("change_type", invalid(b -> b.setChangeTypeValue(7)).field());
    }

    @Test
    void atLeastOneDirection() {
        InvalidNameChangeException e = invalid(b -> b.setForwardChange(false).setReverseChange(false));
        assertTrue(e.getMessage().contains("neither forward_change nor reverse_change"), e.getMessage());
    }

    @Test
    void theFqdnMustBeAnAbsoluteValidName() {
        assertEquals("fqdn", invalid(b -> b.setFqdn("")).field());
        assertTrue(invalid(b -> b.setFqdn("myhost.example.com")).getMessage().contains("absolute"));
        assertEquals("fqdn", invalid(b -> b.setFqdn("a..example.com.")).field());
        assertEquals("fqdn", invalid(b -> b.setFqdn("x".repeat(64) + ".example.com.")).field());
        assertEquals("fqdn", invalid(b -> b.setFqdn("a.".repeat(130))).field());
        assertEquals("fqdn", invalid(b -> b.setFqdn(".")).field());
    }

    @Test
    void theAddressMustBeALiteral() {
        assertEquals("ip_address", invalid(b -> b.setIpAddress("myhost.example.com")).field());
        assertEquals("ip_address", invalid(b -> b.setIpAddress("")).field());
        assertEquals("ip_address", invalid(b -> b.setIpAddress("192.0.2.256")).field());
        assertEquals("ip_address", invalid(b -> b.setIpAddress("0.0.0.0")).field());
        InvalidNameChangeException control = invalid(b -> b.setIpAddress("192.0.2.1\n"));
        assertTrue(control.getMessage().contains("\\x0a"), "control characters are escaped: " + control.getMessage());
    }

    @Test
    void theDhcidAndLeaseLengthMustBeSet() {
        assertEquals("dhcid", invalid(b -> b.setDhcid(ByteString.EMPTY)).field());
        assertEquals("lease_length", invalid(b -> b.setLeaseLength(0)).field());
        assertEquals("lease_length", invalid(b -> b.setLeaseLength(-1)).field(), "4294967295 is above the largest TTL");
    }
}
