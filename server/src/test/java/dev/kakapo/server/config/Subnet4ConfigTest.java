package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

/** subnet4 entries: ids, prefixes, pools, relays and what they inherit. */
class Subnet4ConfigTest {

    private static Subnet4 onlySubnet(String subnetBody, String globals) throws ConfigException {
        return dhcp4(globals + (globals.isEmpty() ? "" : ", ") + "\"subnet4\": [ { " + subnetBody + " } ]").subnets().get(0);
    }

    @Test
    void subnetInheritsGlobalValues() throws ConfigException {
        Subnet4 s = onlySubnet("\"subnet\": \"192.0.2.0/24\"", """
                "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                "match-client-id": false, "next-server": "192.0.2.254"
                """);
        assertEquals(4000, s.validLifetime());
        assertEquals(1000, s.renewTimer());
        assertEquals(2000, s.rebindTimer());
        assertEquals(false, s.matchClientId());
        assertEquals(Ipv4.parse("192.0.2.254"), s.nextServer());
    }

    @Test
    void subnetValuesOverrideGlobalOnes() throws ConfigException {
        Subnet4 s = onlySubnet("""
                "subnet": "192.0.2.0/24", "valid-lifetime": 600, "renew-timer": 100, "rebind-timer": 200,
                "match-client-id": true, "next-server": "198.51.100.1", "interface": "eth0",
                "reservation-mode": "out-of-pool", "authoritative": true
                """, "\"valid-lifetime\": 4000, \"match-client-id\": false, \"next-server\": \"192.0.2.254\"");
        assertEquals(600, s.validLifetime());
        assertEquals(100, s.renewTimer());
        assertEquals(200, s.rebindTimer());
        assertEquals(true, s.matchClientId());
        assertEquals(Ipv4.parse("198.51.100.1"), s.nextServer());
        assertEquals("eth0", s.interfaceName());
        assertTrue(s.authoritative());
    }

    @Test
    void unsetTimersAndNextServerHaveTheirMarkers() throws ConfigException {
        Subnet4 s = onlySubnet("\"subnet\": \"192.0.2.0/24\", \"valid-lifetime\": 60", "");
        assertEquals(-1, s.renewTimer());
        assertEquals(-1, s.rebindTimer());
        assertEquals(0, s.nextServer());
        assertTrue(s.matchClientId());
        assertFalse(s.authoritative(), "Kea's default");
        assertNull(s.interfaceName());
        assertEquals(List.of(), s.relayAddresses());
    }

    @Test
    void validLifetimeMissingEverywhereTakesKeasDefaultAndSaysSo() throws ConfigException {
        Dhcp4Config c = ConfigAssertions.dhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\" } ]");
        assertEquals(7200, c.subnets().get(0).validLifetime());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("Dhcp4/subnet4[0]/valid-lifetime") && n.contains("7200")),
                c.notes().toString());
    }

    @Test
    void prefixIsRead() throws ConfigException {
        Subnet4 s = onlySubnet("\"subnet\": \" 192.0.2.0 / 25 \"", "\"valid-lifetime\": 1");
        assertEquals(Ipv4.parse("192.0.2.0"), s.prefixAddress());
        assertEquals(25, s.prefixLength());
    }

    @Test
    void hostBitsInTheSubnetAreClearedWithANote() throws ConfigException {
        Dhcp4Config config = dhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.77/24\" } ]");
        assertEquals(Ipv4.parse("192.0.2.0"), config.subnets().get(0).prefixAddress());
        assertTrue(config.notes().get(0).contains("host bits"), config.notes().toString());
    }

    @Test
    void badSubnetsAreErrors() {
        rejectsDhcp4("\"subnet4\": [ { \"pools\": [ ] } ]", "Dhcp4/subnet4[0]/subnet", "missing mandatory 'subnet'");
        rejectsDhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2.0\" } ]", "Dhcp4/subnet4[0]/subnet", "prefix/len expected");
        rejectsDhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2/24\" } ]", "Dhcp4/subnet4[0]/subnet", "is not an IPv4 address");
        rejectsDhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2.0/33\" } ]", "Dhcp4/subnet4[0]/subnet", "invalid prefix length");
        rejectsDhcp4("\"subnet4\": { }", "Dhcp4/subnet4", "expected a list");
        rejectsDhcp4("\"subnet4\": [ 5 ]", "Dhcp4/subnet4[0]", "expected an object");
    }

    @Test
    void idsAreAutoNumberedInOrderSkippingUsedOnes() throws ConfigException {
        Dhcp4Config config = dhcp4("""
                "valid-lifetime": 1,
                "subnet4": [ { "subnet": "192.0.2.0/26" }, { "subnet": "192.0.2.64/26", "id": 1 },
                             { "subnet": "192.0.2.128/26", "id": 0 }, { "subnet": "192.0.2.192/26", "id": 3 },
                             { "subnet": "198.51.100.0/24" } ]
                """);
        assertEquals(List.of(2, 1, 4, 3, 5), config.subnets().stream().map(Subnet4::id).toList());
        assertEquals(Ipv4.parse("192.0.2.0"), config.subnets().get(0).prefixAddress(), "config order is kept");
    }

    @Test
    void duplicateSubnetIdIsAnError() {
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"id\": 7 }, { \"subnet\": \"198.51.100.0/24\", \"id\": 7 } ]",
                "Dhcp4/subnet4[1]/id", "subnet id 7 is already used by Dhcp4/subnet4[0]");
    }

    @Test
    void poolsAsRangeOrPrefix() throws ConfigException {
        Subnet4 s = onlySubnet("""
                "subnet": "192.0.2.0/24",
                "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" }, { "pool": "192.0.2.30-192.0.2.30" },
                           { "pool": "192.0.2.128/25" } ]
                """, "\"valid-lifetime\": 1");
        assertEquals(3, s.pools().size());
        assertEquals(Ipv4.parse("192.0.2.10"), s.pools().get(0).first());
        assertEquals(Ipv4.parse("192.0.2.20"), s.pools().get(0).last());
        assertEquals(1, s.pools().get(1).size());
        assertEquals(Ipv4.parse("192.0.2.128"), s.pools().get(2).first());
        assertEquals(Ipv4.parse("192.0.2.255"), s.pools().get(2).last());
    }

    @Test
    void poolOutsideItsSubnetIsAnError() {
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.1 - 192.0.2.9\" }, { \"pool\": \"192.0.2.200 - 192.0.3.10\" } ] } ]",
                "Dhcp4/subnet4[0]/pools[1]/pool", "is outside its subnet 192.0.2.0/24");
    }

    @Test
    void overlappingPoolsAreAnError() {
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.1 - 192.0.2.100\" }, { \"pool\": \"192.0.2.0/26\" } ] } ]",
                "Dhcp4/subnet4[0]/pools[1]/pool", "overlaps pools[0] 192.0.2.1 - 192.0.2.100");
    }

    @Test
    void poolStartAfterEndIsAnError() {
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.50 - 192.0.2.10\" } ] } ]",
                "Dhcp4/subnet4[0]/pools[0]/pool", "pool start 192.0.2.50 is after its end 192.0.2.10");
    }

    @Test
    void badPoolTextIsAnError() {
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.1 - x\" } ] } ]",
                "Dhcp4/subnet4[0]/pools[0]/pool", "invalid pool '192.0.2.1 - x'");
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.1\" } ] } ]",
                "Dhcp4/subnet4[0]/pools[0]/pool", "expected \"first - last\" or \"prefix/len\"");
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"option-data\": [ ] } ] } ]",
                "Dhcp4/subnet4[0]/pools[0]/pool", "missing mandatory 'pool'");
    }

    @Test
    void poolCarriesItsOwnOptions() throws ConfigException {
        Subnet4 s = onlySubnet("""
                "subnet": "192.0.2.0/24",
                "pools": [ { "pool": "192.0.2.10 - 192.0.2.20",
                             "option-data": [ { "name": "routers", "data": "192.0.2.1" } ] } ]
                """, "\"valid-lifetime\": 1");
        assertEquals(3, s.pools().get(0).options().get(0).code());
    }

    @Test
    void relayAsOneAddressOrAList() throws ConfigException {
        Subnet4 one = onlySubnet("\"subnet\": \"192.0.2.0/24\", \"relay\": { \"ip-address\": \"192.0.2.1\" }", "\"valid-lifetime\": 1");
        assertEquals(List.of(Ipv4.parse("192.0.2.1")), one.relayAddresses());
        Subnet4 many = onlySubnet("\"subnet\": \"192.0.2.0/24\", \"relay\": { \"ip-addresses\": [ \"192.0.2.1\", \"198.51.100.1\" ] }", "\"valid-lifetime\": 1");
        assertEquals(List.of(Ipv4.parse("192.0.2.1"), Ipv4.parse("198.51.100.1")), many.relayAddresses());
    }

    @Test
    void badRelaysAreErrors() {
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"relay\": { \"ip-address\": \"2001:db8::1\" } } ]",
                "Dhcp4/subnet4[0]/relay/ip-address", "is not an IPv4 address");
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"relay\": { \"ip-address\": \"192.0.2.1\", \"ip-addresses\": [ ] } } ]",
                "Dhcp4/subnet4[0]/relay", "either 'ip-address' or 'ip-addresses', not both");
    }

    @Test
    void reservationModeValuesAreChecked() {
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"reservation-mode\": \"some\" } ]",
                "Dhcp4/subnet4[0]/reservation-mode", "unknown reservation-mode 'some'");
    }

    @Test
    void subnetValuesAreTypeChecked() {
        rejectsDhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"valid-lifetime\": \"4000\" } ]",
                "Dhcp4/subnet4[0]/valid-lifetime", "got the string \"4000\"");
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"id\": -2 } ]",
                "Dhcp4/subnet4[0]/id", "must not be negative");
        rejectsDhcp4("\"valid-lifetime\": 1, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"interface\": 1 } ]",
                "Dhcp4/subnet4[0]/interface", "expected a string");
    }
}
