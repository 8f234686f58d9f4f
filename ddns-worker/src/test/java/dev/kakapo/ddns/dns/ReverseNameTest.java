package dev.kakapo.ddns.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class ReverseNameTest {

    @Test
    void ipv4ReversesTheOctets() throws Exception {
        assertEquals(Name.fromString("10.2.0.192.in-addr.arpa."), ReverseName.of(InetAddress.getByName("192.0.2.10")));
        assertEquals(Name.fromString("0.0.0.255.in-addr.arpa."), ReverseName.of(InetAddress.getByName("255.0.0.0")));
    }

    @Test
    void ipv6ReversesTheNibbles() throws Exception {
        assertEquals(Name.fromString("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."),
                ReverseName.of(InetAddress.getByName("2001:db8::1")));
        assertEquals(Name.fromString("f.e.d.c.b.a.9.8.7.6.5.4.3.2.1.0.f.e.d.c.b.a.9.8.7.6.5.4.3.2.1.0.ip6.arpa."),
                ReverseName.of(InetAddress.getByName("0123:4567:89ab:cdef:0123:4567:89ab:cdef")));
    }

    @Test
    void addressLiteralsNeverLookNamesUp() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("192.0.2.1")), AddressLiteral.parse("192.0.2.1"));
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::1")), AddressLiteral.parse("2001:DB8::1"));
        assertTrue(AddressLiteral.parse("localhost").isEmpty());
        assertTrue(AddressLiteral.parse("host.example.com").isEmpty());
        assertTrue(AddressLiteral.parse("192.0.2").isEmpty());
        assertTrue(AddressLiteral.parse("192.0.2.01").isEmpty(), "leading zeros are ambiguous (octal?)");
        assertTrue(AddressLiteral.parse("2001:db8::1%eth0").isEmpty());
        assertTrue(AddressLiteral.parse("::ffff:192.0.2.1").isEmpty(), "mapped addresses would silently turn into IPv4");
        assertTrue(AddressLiteral.parse("2001:db8:::1").isEmpty());
        assertTrue(AddressLiteral.parse("").isEmpty());
    }
}
