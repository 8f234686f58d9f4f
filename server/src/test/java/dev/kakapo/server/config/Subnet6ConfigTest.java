package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp6;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** subnet6 entries: prefixes, pools, pd-pools, lifetimes, links and relays. */
class Subnet6ConfigTest {

    private static final String LIFETIMES = "\"preferred-lifetime\": 3000, \"valid-lifetime\": 4000, ";

    private static Ipv6Address ip(String text) {
        return Ipv6Address.parse(text);
    }

    /** The only subnet of a Dhcp6 section with global lifetimes and this subnet6 entry body. */
    private static Subnet6 onlySubnet(String entry) throws ConfigException {
        Dhcp6Config config = dhcp6(LIFETIMES + "\"subnet6\": [ { " + entry + " } ]");
        assertEquals(1, config.subnets().size());
        return config.subnets().get(0);
    }

    private static void rejectsSubnet(String entry, String path, String fragment) {
        rejectsDhcp6(LIFETIMES + "\"subnet6\": [ { " + entry + " } ]", path, fragment);
    }

    @Test
    void subnetWithGlobalValues() throws ConfigException {
        Subnet6 subnet = onlySubnet("\"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:1::/80\" } ]");
        assertEquals(1, subnet.id());
        assertEquals(ip("2001:db8:1::"), subnet.prefix());
        assertEquals(64, subnet.prefixLength());
        assertEquals(3000, subnet.preferredLifetime());
        assertEquals(4000, subnet.validLifetime());
        assertEquals(-1, subnet.renewTimer());
        assertEquals(-1, subnet.rebindTimer());
        assertFalse(subnet.rapidCommit());
        assertNull(subnet.interfaceName());
        assertNull(subnet.interfaceId());
        assertEquals(List.of(), subnet.relayAddresses());
        Pool6 pool = subnet.pools().get(0);
        assertEquals(ip("2001:db8:1::"), pool.first());
        assertEquals(ip("2001:db8:1::ffff:ffff:ffff"), pool.last());
    }

    @Test
    void subnetValuesOverrideGlobals() throws ConfigException {
        Subnet6 subnet = onlySubnet("""
                "id": 7, "subnet": "2001:db8:1::/48", "preferred-lifetime": 100, "valid-lifetime": 200,
                "renew-timer": 50, "rebind-timer": 80, "rapid-commit": true, "interface": "eth0",
                "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" } ]
                """);
        assertEquals(7, subnet.id());
        assertEquals(100, subnet.preferredLifetime());
        assertEquals(200, subnet.validLifetime());
        assertEquals(50, subnet.renewTimer());
        assertEquals(80, subnet.rebindTimer());
        assertTrue(subnet.rapidCommit());
        assertEquals("eth0", subnet.interfaceName());
        assertEquals(23, subnet.options().get(0).code());
    }

    @Test
    void globalTimersAreInherited() throws ConfigException {
        Subnet6 subnet = dhcp6(LIFETIMES + "\"renew-timer\": 1000, \"rebind-timer\": 2000, \"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\" } ]")
                .subnets().get(0);
        assertEquals(1000, subnet.renewTimer());
        assertEquals(2000, subnet.rebindTimer());
    }

    @Test
    void idsAreNumberedAndUnique() throws ConfigException {
        Dhcp6Config config = dhcp6(LIFETIMES + """
                "subnet6": [ { "subnet": "2001:db8:1::/64" }, { "id": 1, "subnet": "2001:db8:2::/64" },
                             { "subnet": "2001:db8:3::/64" } ]
                """);
        assertEquals(List.of(2, 1, 3), config.subnets().stream().map(Subnet6::id).toList());
        rejectsDhcp6(LIFETIMES + "\"subnet6\": [ { \"id\": 4, \"subnet\": \"2001:db8:1::/64\" }, { \"id\": 4, \"subnet\": \"2001:db8:2::/64\" } ]",
                "Dhcp6/subnet6[1]/id", "subnet id 4 is already used by Dhcp6/subnet6[0]");
    }

    @Test
    void lifetimesMissingEverywhereTakeKeasDefaults() throws ConfigException {
        Dhcp6Config a = ConfigAssertions.dhcp6("\"valid-lifetime\": 4000, \"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\" } ]");
        assertEquals(3600, a.subnets().get(0).preferredLifetime());
        assertTrue(a.notes().stream().anyMatch(n -> n.startsWith("Dhcp6/subnet6[0]/preferred-lifetime")), a.notes().toString());
        Dhcp6Config b = ConfigAssertions.dhcp6("\"preferred-lifetime\": 3000, \"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\" } ]");
        assertEquals(7200, b.subnets().get(0).validLifetime());
        rejectsDhcp6("\"preferred-lifetime\": 9000, \"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\" } ]",
                "Dhcp6/subnet6[0]/valid-lifetime", "must not exceed valid-lifetime");
    }

    @Test
    void preferredLifetimeMustNotExceedValidLifetime() {
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"preferred-lifetime\": 4001", "Dhcp6/subnet6[0]/preferred-lifetime",
                "preferred-lifetime (4001) must not exceed valid-lifetime (4000)");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"valid-lifetime\": 2999", "Dhcp6/subnet6[0]/valid-lifetime",
                "preferred-lifetime (3000) must not exceed valid-lifetime (2999)");
    }

    @Test
    void subnetIsMandatoryAndAPrefix() {
        rejectsSubnet("\"id\": 1", "Dhcp6/subnet6[0]/subnet", "missing mandatory 'subnet'");
        rejectsSubnet("\"subnet\": \"2001:db8:1::\"", "Dhcp6/subnet6[0]/subnet", "prefix/len expected");
        rejectsSubnet("\"subnet\": \"192.0.2.0/24\"", "Dhcp6/subnet6[0]/subnet", "invalid subnet '192.0.2.0/24'");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/129\"", "Dhcp6/subnet6[0]/subnet", "invalid prefix length in '2001:db8:1::/129' (expected 0..128)");
    }

    @Test
    void subnetWithBitsBeyondItsLengthIsMaskedWithANote() throws ConfigException {
        Dhcp6Config config = dhcp6(LIFETIMES + "\"subnet6\": [ { \"subnet\": \"2001:db8:1::5/64\" } ]");
        assertEquals(ip("2001:db8:1::"), config.subnets().get(0).prefix());
        assertTrue(config.notes().get(0).startsWith("Dhcp6/subnet6[0]/subnet: 2001:db8:1::5/64 has bits set"), config.notes().toString());
    }

    @Test
    void rangePoolsAreInclusive() throws ConfigException {
        Pool6 pool = onlySubnet("\"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:1::10 - 2001:db8:1::ff\" } ]")
                .pools().get(0);
        assertTrue(pool.contains(ip("2001:db8:1::10")));
        assertTrue(pool.contains(ip("2001:db8:1::ff")));
        assertFalse(pool.contains(ip("2001:db8:1::100")));
    }

    @Test
    void poolsMustLieInsideTheSubnet() {
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:2::/80\" } ]",
                "Dhcp6/subnet6[0]/pools[0]/pool", "is outside its subnet 2001:db8:1::/64");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:1::1 - 2001:db8:2::1\" } ]",
                "Dhcp6/subnet6[0]/pools[0]/pool", "is outside its subnet");
    }

    @Test
    void poolsMustNotOverlap() {
        rejectsSubnet("""
                "subnet": "2001:db8:1::/64",
                "pools": [ { "pool": "2001:db8:1::/80" }, { "pool": "2001:db8:1::ff - 2001:db8:1:0:1::" } ]
                """, "Dhcp6/subnet6[0]/pools[1]/pool", "overlaps pools[0] 2001:db8:1:: - 2001:db8:1::ffff:ffff:ffff");
    }

    @Test
    void badPoolsAreRefused() {
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:1::9 - 2001:db8:1::1\" } ]",
                "Dhcp6/subnet6[0]/pools[0]/pool", "pool start 2001:db8:1::9 is after its end 2001:db8:1::1");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:1::x - 2001:db8:1::1\" } ]",
                "Dhcp6/subnet6[0]/pools[0]/pool", "invalid pool");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:1::1\" } ]",
                "Dhcp6/subnet6[0]/pools[0]/pool", "expected \"first - last\" or \"prefix/len\"");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"option-data\": [ ] } ]",
                "Dhcp6/subnet6[0]/pools[0]/pool", "missing mandatory 'pool'");
    }

    @Test
    void pdPoolsAreRead() throws ConfigException {
        Subnet6 subnet = onlySubnet("""
                "subnet": "2001:db8:1::/64",
                "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64,
                                "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" } ] } ]
                """);
        PdPool6 pool = subnet.pdPools().get(0);
        assertEquals(ip("2001:db8:8::"), pool.prefix());
        assertEquals(56, pool.prefixLength());
        assertEquals(64, pool.delegatedLength());
        assertEquals(1, pool.options().size());
        assertEquals(pool, subnet.pdPoolOf(ip("2001:db8:8:ff::")));
    }

    @Test
    void pdPoolKeysAreMandatory() {
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pd-pools\": [ { \"prefix\": \"2001:db8:8::\", \"prefix-len\": 56 } ]",
                "Dhcp6/subnet6[0]/pd-pools[0]/delegated-len", "missing mandatory 'delegated-len' of a pd-pool");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pd-pools\": [ { \"prefix-len\": 56, \"delegated-len\": 64 } ]",
                "Dhcp6/subnet6[0]/pd-pools[0]/prefix", "missing mandatory 'prefix' of a pd-pool");
    }

    @Test
    void delegatedLengthMustNotBeShorterThanThePrefix() {
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pd-pools\": [ { \"prefix\": \"2001:db8:8::\", \"prefix-len\": 56, \"delegated-len\": 48 } ]",
                "Dhcp6/subnet6[0]/pd-pools[0]/delegated-len", "Delegated length (48) must be longer than or equal to prefix length (56)");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pd-pools\": [ { \"prefix\": \"2001:db8:8::\", \"prefix-len\": 56, \"delegated-len\": 129 } ]",
                "Dhcp6/subnet6[0]/pd-pools[0]/delegated-len", "out of range (expected a number 0..128)");
    }

    @Test
    void pdPoolsMustNotOverlapAnywhere() {
        rejectsSubnet("""
                "subnet": "2001:db8:1::/64",
                "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 64 },
                              { "prefix": "2001:db8:8:100::", "prefix-len": 56, "delegated-len": 64 } ]
                """, "Dhcp6/subnet6[0]/pd-pools[1]/prefix", "overlaps Dhcp6/subnet6[0]/pd-pools[0] 2001:db8:8::/48");
        rejectsDhcp6(LIFETIMES + """
                "subnet6": [ { "subnet": "2001:db8:1::/64", "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64 } ] },
                             { "subnet": "2001:db8:2::/64", "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 60 } ] } ]
                """, "Dhcp6/subnet6[1]/pd-pools[0]/prefix", "overlaps Dhcp6/subnet6[0]/pd-pools[0]");
    }

    @Test
    void pdPoolsNeedNotLieInsideTheSubnet() throws ConfigException {
        Subnet6 subnet = onlySubnet("""
                "subnet": "2001:db8:1::/64",
                "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64 },
                              { "prefix": "2001:db8:9::", "prefix-len": 56, "delegated-len": 64 } ]
                """);
        assertEquals(2, subnet.pdPools().size());
    }

    @Test
    void interfaceIdIsTheUtf8BytesOfItsText() throws ConfigException {
        Subnet6 subnet = onlySubnet("\"subnet\": \"2001:db8:1::/64\", \"interface-id\": \"ethx\"");
        assertEquals(Octets.of("ethx".getBytes(StandardCharsets.UTF_8)), subnet.interfaceId());
        assertNull(onlySubnet("\"subnet\": \"2001:db8:1::/64\", \"interface-id\": \"\"").interfaceId());
    }

    @Test
    void interfaceAndInterfaceIdExcludeEachOther() {
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"interface\": \"eth0\", \"interface-id\": \"ethx\"",
                "Dhcp6/subnet6[0]/interface-id", "'interface' (a link the server is attached to) and 'interface-id'");
    }

    @Test
    void relayAddressesAreIpv6() throws ConfigException {
        assertEquals(List.of(ip("2001:db8:1::1")),
                onlySubnet("\"subnet\": \"2001:db8:1::/64\", \"relay\": { \"ip-address\": \"2001:db8:1::1\" }").relayAddresses());
        assertEquals(List.of(ip("2001:db8:1::1"), ip("2001:db8:1::2")),
                onlySubnet("\"subnet\": \"2001:db8:1::/64\", \"relay\": { \"ip-addresses\": [ \"2001:db8:1::1\", \"2001:db8:1::2\" ] }").relayAddresses());
        assertEquals(List.of(), onlySubnet("\"subnet\": \"2001:db8:1::/64\", \"relay\": { \"ip-address\": \"::\" }").relayAddresses());
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"relay\": { \"ip-address\": \"192.0.2.1\" }",
                "Dhcp6/subnet6[0]/relay/ip-address", "'192.0.2.1' is not an IPv6 address");
    }

    @Test
    void reservationsAreCheckedAsKeaChecksThem() throws ConfigException {
        onlySubnet("\"subnet\": \"2001:db8:1::/64\", \"reservations\": [ ], \"reservation-mode\": \"out-of-pool\"");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"reservations\": [ { \"duid\": \"01:02\" } ]",
                "Dhcp6/subnet6[0]/reservations[0]", "a reservation must reserve something");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"reservations\": [ { \"duid\": \"01:02\", \"ip-address\": \"2001:db8:1::5\" } ]",
                "Dhcp6/subnet6[0]/reservations[0]/ip-address", "'ip-addresses'");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"reservations\": [ { \"client-id\": \"01:02\", \"hostname\": \"h\" } ]",
                "Dhcp6/subnet6[0]/reservations[0]/client-id", "client-id");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"reservations\": [ { \"duid\": \"01:02\", \"ip-addresses\": [ \"2001:db8:1::5\" ] },"
                        + " { \"duid\": \"01:03\", \"ip-addresses\": [ \"2001:db8:1::5\" ] } ]",
                "Dhcp6/subnet6[0]/reservations[1]/ip-addresses[0]", "already a reservation for this address");
        Subnet6 s = onlySubnet("\"subnet\": \"2001:db8:1::/64\", \"reservations\": [ { \"hw-address\": \"02:00:5e:00:53:01\","
                + " \"ip-addresses\": [ \"2001:db8:1::5\", \"2001:db8:1::6\" ], \"prefixes\": [ \"2001:db8:2:ab00::/56\" ] } ]");
        Reservation6 r = s.reservations().all().get(0);
        assertEquals(2, r.addresses().size());
        assertEquals(56, r.prefixes().get(0).length());
        assertEquals(r, s.reservations().ofSlot(Ipv6Address.parse("2001:db8:2:ab00::"), 56));
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"reservation-mode\": \"some\"",
                "Dhcp6/subnet6[0]/reservation-mode", "unknown reservation-mode 'some'");
    }

    @Test
    void subnetKeysOfOtherFamiliesAndNewerKeaAreRefused() {
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"next-server\": \"192.0.2.1\"",
                "Dhcp6/subnet6[0]/next-server", "unknown key 'next-server' in a subnet6 entry");
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"pd-pools\": [ { \"prefix\": \"2001:db8:8::\", \"prefix-len\": 56, \"delegated-len\": 64, \"excluded-prefix\": \"2001:db8:8:0:80::\" } ]",
                "Dhcp6/subnet6[0]/pd-pools[0]/excluded-prefix", "'excluded-prefix' is a Kea key that Kakapo does not support yet in a pd-pool");
    }

    @Test
    void rapidCommitMustBeABoolean() {
        rejectsSubnet("\"subnet\": \"2001:db8:1::/64\", \"rapid-commit\": 1", "Dhcp6/subnet6[0]/rapid-commit", "expected true or false");
    }
}
