package dev.kakapo.ddns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class DdnsDomainsTest {

    private static DdnsDomain domain(String name) throws Exception {
        Name n = name.equals("*") ? DdnsDomain.WILDCARD : Name.fromString(name, Name.root);
        return new DdnsDomain(n, Optional.empty(), List.of(new DnsServer(InetAddress.getByName("192.0.2.53"), 53)));
    }

    private static Optional<Name> match(DdnsDomains domains, String owner) throws Exception {
        return domains.match(Name.fromString(owner)).map(DdnsDomain::name);
    }

    @Test
    void theLongestSuffixWins() throws Exception {
        DdnsDomains domains = new DdnsDomains(List.of(domain("com."), domain("example.com."), domain("lab.example.com.")));
        assertEquals(Optional.of(Name.fromString("example.com.")), match(domains, "host.example.com."));
        assertEquals(Optional.of(Name.fromString("lab.example.com.")), match(domains, "a.b.lab.example.com."));
        assertEquals(Optional.of(Name.fromString("com.")), match(domains, "host.example2.com."));
        assertEquals(Optional.of(Name.fromString("example.com.")), match(domains, "example.com."), "the apex belongs to its domain");
    }

    @Test
    void labelsAreComparedWholeAndCaseInsensitively() throws Exception {
        DdnsDomains domains = new DdnsDomains(List.of(domain("example.com.")));
        assertEquals(Optional.empty(), match(domains, "host.badexample.com."));
        assertEquals(Optional.of(Name.fromString("example.com.")), match(domains, "HOST.Example.COM."));
    }

    @Test
    void noMatchMeansNoDomain() throws Exception {
        assertEquals(Optional.empty(), match(new DdnsDomains(List.of(domain("example.com."))), "host.example.org."));
        assertEquals(Optional.empty(), match(DdnsDomains.NONE, "host.example.org."));
    }

    @Test
    void theWildcardMatchesOnlyWhatNothingElseDoes() throws Exception {
        DdnsDomains domains = new DdnsDomains(List.of(domain("*"), domain("example.com.")));
        assertEquals(Optional.of(Name.fromString("example.com.")), match(domains, "host.example.com."));
        assertEquals(Optional.of(DdnsDomain.WILDCARD), match(domains, "host.example.org."));
    }

    @Test
    void reverseNamesMatchReverseZones() throws Exception {
        DdnsDomains domains = new DdnsDomains(List.of(domain("2.0.192.in-addr.arpa."), domain("8.b.d.0.1.0.0.2.ip6.arpa.")));
        assertEquals(Optional.of(Name.fromString("2.0.192.in-addr.arpa.")), match(domains, "10.2.0.192.in-addr.arpa."));
        assertEquals(Optional.of(Name.fromString("8.b.d.0.1.0.0.2.ip6.arpa.")),
                match(domains, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."));
        assertEquals(Optional.empty(), match(domains, "10.100.51.198.in-addr.arpa."));
    }

    @Test
    void theUpdateZoneIsTheDomainOrForTheWildcardTheParent() throws Exception {
        assertEquals(Name.fromString("example.com."), domain("example.com.").zoneFor(Name.fromString("a.b.example.com.")));
        assertEquals(Name.fromString("example.org."), domain("*").zoneFor(Name.fromString("host.example.org.")));
        assertTrue(domain("*").isWildcard());
    }
}
