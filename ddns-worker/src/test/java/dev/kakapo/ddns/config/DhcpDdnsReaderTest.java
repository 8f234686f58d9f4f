package dev.kakapo.ddns.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

class DhcpDdnsReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static DhcpDdnsConfigException refused(String text) throws Exception {
        JsonNode node = json(text);
        return assertThrows(DhcpDdnsConfigException.class, () -> DhcpDdnsReader.read(node));
    }

    @Test
    void keaReferenceExampleReads() throws Exception {
        DhcpDdnsSettings s = DhcpDdnsReader.read(json("""
                { 'ip-address': '127.0.0.1', 'port': 53001,
                  'tsig-keys': [ { 'name': 'k1', 'algorithm': 'HMAC-SHA256', 'secret': 'LSWXnfkKZjdPJI5QxlpnfQ==' } ],
                  'forward-ddns': { 'ddns-domains': [ { 'name': 'example.com.', 'key-name': 'k1',
                                    'dns-servers': [ { 'ip-address': '192.0.2.53' } ] } ] },
                  'reverse-ddns': { 'ddns-domains': [ { 'name': '2.0.192.in-addr.arpa.',
                                    'dns-servers': [ { 'ip-address': '192.0.2.53', 'port': 53 } ] } ] } }
                """));
        assertEquals(InetAddress.getByName("127.0.0.1"), s.ipAddress());
        assertEquals(53001, s.port());
        assertEquals(Duration.ofMillis(100), s.dnsServerTimeout());
        assertEquals(1, s.tsigKeys().size());
        TsigKey key = s.tsigKeys().get(0);
        assertEquals(Name.fromString("k1."), key.name());
        assertEquals(TsigAlgorithm.HMAC_SHA256, key.algorithm());
        assertArrayEquals(Base64.getDecoder().decode("LSWXnfkKZjdPJI5QxlpnfQ=="), key.secret());
        DdnsDomain forward = s.forward().domains().get(0);
        assertEquals(Name.fromString("example.com."), forward.name());
        assertEquals(key, forward.key().orElseThrow());
        assertEquals(new DnsServer(InetAddress.getByName("192.0.2.53"), 53), forward.servers().get(0));
        DdnsDomain reverse = s.reverse().domains().get(0);
        assertTrue(reverse.key().isEmpty(), "no key-name: unsigned updates");
        assertEquals(Name.fromString("2.0.192.in-addr.arpa."), reverse.name());
    }

    @Test
    void secretFileIsReadRelativeToTheConfigurationsDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("k1.secret"), "LSWXnfkKZjdPJI5QxlpnfQ==\n");
        DhcpDdnsSettings s = DhcpDdnsReader.read(json("""
                { 'tsig-keys': [ { 'name': 'k1', 'algorithm': 'HMAC-SHA256', 'secret-file': 'k1.secret' } ] }
                """), dir);
        assertArrayEquals(Base64.getDecoder().decode("LSWXnfkKZjdPJI5QxlpnfQ=="), s.tsigKeys().get(0).secret());

        JsonNode missing = json("{ 'tsig-keys': [ { 'name': 'k1', 'algorithm': 'HMAC-SHA256', 'secret-file': 'nope' } ] }");
        DhcpDdnsConfigException e = assertThrows(DhcpDdnsConfigException.class, () -> DhcpDdnsReader.read(missing, dir));
        assertEquals("DhcpDdns/tsig-keys[0]/secret-file", e.path());
        assertTrue(e.getMessage().contains(dir.resolve("nope").toString()), e.getMessage());

        Files.writeString(dir.resolve("bad.secret"), "not base64!");
        JsonNode bad = json("{ 'tsig-keys': [ { 'name': 'k1', 'algorithm': 'HMAC-SHA256', 'secret-file': 'bad.secret' } ] }");
        assertEquals("DhcpDdns/tsig-keys[0]/secret-file",
                assertThrows(DhcpDdnsConfigException.class, () -> DhcpDdnsReader.read(bad, dir)).path());
    }

    @Test
    void aKeyHasASecretOrASecretFileNotBoth() throws Exception {
        assertEquals("DhcpDdns/tsig-keys[0]", refused(
                "{ 'tsig-keys': [ { 'name': 'k', 'algorithm': 'HMAC-MD5', 'secret': 'AAAA', 'secret-file': 'k' } ] }").path());
    }

    @Test
    void emptyObjectTakesKeaDefaults() throws Exception {
        DhcpDdnsSettings s = DhcpDdnsReader.read(json("{}"));
        assertEquals(InetAddress.getLoopbackAddress(), s.ipAddress());
        assertEquals(53001, s.port());
        assertEquals(Duration.ofMillis(100), s.dnsServerTimeout());
        assertTrue(s.tsigKeys().isEmpty());
        assertTrue(s.forward().isEmpty());
        assertTrue(s.reverse().isEmpty());
    }

    @Test
    void globalsAreRead() throws Exception {
        DhcpDdnsSettings s = DhcpDdnsReader.read(json("""
                { 'ip-address': '2001:db8::5', 'port': 5301, 'dns-server-timeout': 2500,
                  'ncr-protocol': 'udp', 'ncr-format': 'JSON', 'comment': 'the worker', 'user-context': { 'a': 1 } }
                """));
        assertEquals(InetAddress.getByName("2001:db8::5"), s.ipAddress());
        assertEquals(5301, s.port());
        assertEquals(Duration.ofMillis(2500), s.dnsServerTimeout());
    }

    @Test
    void algorithmNamesIgnoreCaseAndDigestBitsAreKept() throws Exception {
        DhcpDdnsSettings s = DhcpDdnsReader.read(json("""
                { 'tsig-keys': [ { 'name': 'a.key', 'algorithm': 'hmac-md5', 'secret': 'AAAA' },
                                 { 'name': 'b.key', 'algorithm': 'Hmac-Sha512', 'secret': 'AAAA', 'digest-bits': 256 } ] }
                """));
        assertEquals(TsigAlgorithm.HMAC_MD5, s.tsigKeys().get(0).algorithm());
        assertEquals(0, s.tsigKeys().get(0).digestBits());
        assertEquals(TsigAlgorithm.HMAC_SHA512, s.tsigKeys().get(1).algorithm());
        assertEquals(256, s.tsigKeys().get(1).digestBits());
    }

    @Test
    void wildcardDomainAndDnsServerPort() throws Exception {
        DhcpDdnsSettings s = DhcpDdnsReader.read(json("""
                { 'forward-ddns': { 'ddns-domains': [ { 'name': '*', 'key-name': '',
                    'dns-servers': [ { 'ip-address': '2001:db8::53', 'port': 5353 }, { 'ip-address': '192.0.2.54' } ] } ] } }
                """));
        DdnsDomain d = s.forward().domains().get(0);
        assertTrue(d.isWildcard());
        assertTrue(d.key().isEmpty(), "an empty key-name means unsigned");
        assertEquals(new DnsServer(InetAddress.getByName("2001:db8::53"), 5353), d.servers().get(0));
        assertEquals(53, d.servers().get(1).port());
    }

    @Test
    void unknownKeysAreRefusedByName() throws Exception {
        assertEquals("DhcpDdns/loggers", refused("{ 'loggers': [] }").path());
        DhcpDdnsConfigException e = refused("""
                { 'forward-ddns': { 'ddns-domains': [ { 'name': 'example.com.', 'server': 'x',
                    'dns-servers': [ { 'ip-address': '192.0.2.53' } ] } ] } }
                """);
        assertEquals("DhcpDdns/forward-ddns/ddns-domains[0]/server", e.path());
        assertTrue(e.getMessage().startsWith("DhcpDdns/forward-ddns/ddns-domains[0]/server: unknown key \"server\""), e.getMessage());
        assertEquals("DhcpDdns/reverse-ddns/domains", refused("{ 'reverse-ddns': { 'domains': [] } }").path());
        assertEquals("DhcpDdns/tsig-keys[0]/size", refused("{ 'tsig-keys': [ { 'name': 'k', 'algorithm': 'HMAC-MD5', 'secret': 'AAAA', 'size': 1 } ] }").path());
        assertEquals("DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers[0]/ip", refused("""
                { 'forward-ddns': { 'ddns-domains': [ { 'name': 'example.com.', 'dns-servers': [ { 'ip': '192.0.2.53' } ] } ] } }
                """).path());
    }

    @Test
    void keyNameMustNameAConfiguredKey() throws Exception {
        DhcpDdnsConfigException e = refused("""
                { 'tsig-keys': [ { 'name': 'k1', 'algorithm': 'HMAC-SHA256', 'secret': 'AAAA' } ],
                  'forward-ddns': { 'ddns-domains': [ { 'name': 'example.com.', 'key-name': 'k2',
                                    'dns-servers': [ { 'ip-address': '192.0.2.53' } ] } ] } }
                """);
        assertTrue(e.getMessage().startsWith("DhcpDdns/forward-ddns/ddns-domains[0]/key-name: "), e.getMessage());
        assertTrue(e.getMessage().contains("k2"), e.getMessage());
    }

    @Test
    void duplicateKeyNamesAreRefused() throws Exception {
        DhcpDdnsConfigException e = refused("""
                { 'tsig-keys': [ { 'name': 'k1', 'algorithm': 'HMAC-SHA256', 'secret': 'AAAA' },
                                 { 'name': 'K1.', 'algorithm': 'HMAC-MD5', 'secret': 'AAAA' } ] }
                """);
        assertEquals("DhcpDdns/tsig-keys[1]/name", e.path());
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void duplicateDomainsAreRefused() throws Exception {
        assertEquals("DhcpDdns/forward-ddns/ddns-domains[1]/name", refused("""
                { 'forward-ddns': { 'ddns-domains': [
                    { 'name': 'example.com.', 'dns-servers': [ { 'ip-address': '192.0.2.53' } ] },
                    { 'name': 'Example.COM', 'dns-servers': [ { 'ip-address': '192.0.2.54' } ] } ] } }
                """).path());
    }

    @Test
    void listenAddressMustBeAConcreteLiteral() throws Exception {
        assertEquals("DhcpDdns/ip-address", refused("{ 'ip-address': '0.0.0.0' }").path());
        assertEquals("DhcpDdns/ip-address", refused("{ 'ip-address': '::' }").path());
        DhcpDdnsConfigException name = refused("{ 'ip-address': 'localhost' }");
        assertEquals("DhcpDdns/ip-address", name.path());
        assertTrue(name.getMessage().contains("not an IPv4 or IPv6 address"), name.getMessage());
        assertEquals("DhcpDdns/ip-address", refused("{ 'ip-address': '192.0.2.300' }").path());
        assertEquals("DhcpDdns/ip-address", refused("{ 'ip-address': 127 }").path());
    }

    @Test
    void portsMustBeOneTo65535() throws Exception {
        DhcpDdnsConfigException zero = refused("{ 'port': 0 }");
        assertEquals("DhcpDdns/port: must not be 0", zero.getMessage());
        assertEquals("DhcpDdns/port", refused("{ 'port': 65536 }").path());
        assertEquals("DhcpDdns/port", refused("{ 'port': '53001' }").path());
        assertEquals("DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers[1]/port", refused("""
                { 'forward-ddns': { 'ddns-domains': [ { 'name': 'example.com.',
                    'dns-servers': [ { 'ip-address': '192.0.2.53' }, { 'ip-address': '192.0.2.54', 'port': 0 } ] } ] } }
                """).path());
    }

    @Test
    void hostnameInDnsServersIsNotSupported() throws Exception {
        DhcpDdnsConfigException e = refused("""
                { 'forward-ddns': { 'ddns-domains': [ { 'name': 'example.com.',
                    'dns-servers': [ { 'hostname': 'ns1.example.com.', 'ip-address': '192.0.2.53' } ] } ] } }
                """);
        assertEquals("DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers[0]/hostname", e.path());
        assertTrue(e.getMessage().contains("not supported"), e.getMessage());
    }

    @Test
    void aDomainNeedsANameAndADnsServer() throws Exception {
        assertEquals("DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers",
                refused("{ 'forward-ddns': { 'ddns-domains': [ { 'name': 'example.com.', 'dns-servers': [] } ] } }").path());
        assertEquals("DhcpDdns/forward-ddns/ddns-domains[0]/dns-servers",
                refused("{ 'forward-ddns': { 'ddns-domains': [ { 'name': 'example.com.' } ] } }").path());
        assertEquals("DhcpDdns/reverse-ddns/ddns-domains[0]/name",
                refused("{ 'reverse-ddns': { 'ddns-domains': [ { 'dns-servers': [ { 'ip-address': '192.0.2.53' } ] } ] } }").path());
        assertEquals("DhcpDdns/reverse-ddns/ddns-domains[0]/name",
                refused("{ 'reverse-ddns': { 'ddns-domains': [ { 'name': 'a..b', 'dns-servers': [ { 'ip-address': '192.0.2.53' } ] } ] } }").path());
    }

    @Test
    void tsigKeyEntriesAreChecked() throws Exception {
        assertEquals("DhcpDdns/tsig-keys[0]/algorithm",
                refused("{ 'tsig-keys': [ { 'name': 'k', 'algorithm': 'HMAC-SHA3', 'secret': 'AAAA' } ] }").path());
        assertEquals("DhcpDdns/tsig-keys[0]/secret",
                refused("{ 'tsig-keys': [ { 'name': 'k', 'algorithm': 'HMAC-SHA1', 'secret': 'not base64!' } ] }").path());
        assertEquals("DhcpDdns/tsig-keys[0]/secret",
                refused("{ 'tsig-keys': [ { 'name': 'k', 'algorithm': 'HMAC-SHA1' } ] }").path());
        assertEquals("DhcpDdns/tsig-keys[0]/name",
                refused("{ 'tsig-keys': [ { 'name': '', 'algorithm': 'HMAC-SHA1', 'secret': 'AAAA' } ] }").path());
        DhcpDdnsConfigException bits = refused(
                "{ 'tsig-keys': [ { 'name': 'k', 'algorithm': 'HMAC-SHA256', 'secret': 'AAAA', 'digest-bits': 120 } ] }");
        assertEquals("DhcpDdns/tsig-keys[0]/digest-bits: must be at least 128 for HMAC-SHA256, got 120", bits.getMessage());
        assertEquals("DhcpDdns/tsig-keys[0]/digest-bits",
                refused("{ 'tsig-keys': [ { 'name': 'k', 'algorithm': 'HMAC-MD5', 'secret': 'AAAA', 'digest-bits': 84 } ] }").path());
    }

    @Test
    void ncrTransportKeysAreCheckedLikeKea() throws Exception {
        DhcpDdnsConfigException tcp = refused("{ 'ncr-protocol': 'TCP' }");
        assertEquals("DhcpDdns/ncr-protocol", tcp.path());
        assertTrue(tcp.getMessage().contains("TCP is not supported"), tcp.getMessage());
        assertEquals("DhcpDdns/ncr-protocol", refused("{ 'ncr-protocol': 'QUIC' }").path());
        assertEquals("DhcpDdns/ncr-format", refused("{ 'ncr-format': 'XML' }").path());
        assertEquals("DhcpDdns/dns-server-timeout", refused("{ 'dns-server-timeout': 0 }").path());
        assertEquals("DhcpDdns/dns-server-timeout", refused("{ 'dns-server-timeout': 1.5 }").path());
    }

    @Test
    void wrongShapesNameThePath() throws Exception {
        assertEquals("DhcpDdns", refused("[]").path());
        assertEquals("DhcpDdns/tsig-keys", refused("{ 'tsig-keys': {} }").path());
        assertEquals("DhcpDdns/forward-ddns", refused("{ 'forward-ddns': [] }").path());
        assertEquals("DhcpDdns/forward-ddns/ddns-domains[0]", refused("{ 'forward-ddns': { 'ddns-domains': [ 'example.com.' ] } }").path());
        assertFalse(refused("{ 'tsig-keys': {} }").getMessage().isBlank());
    }
}
