package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.dhcp4;
import static dev.kakapo.server.config.ConfigAssertions.dhcp6;
import static dev.kakapo.server.config.ConfigAssertions.rejectsDhcp4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** DHCPv4-over-DHCPv6: dhcp4o6-port in both sections and the 4o6 keys of subnet4 entries. */
class Dhcp4o6ConfigTest {

    @Test
    void portIsOffUnlessSet() throws ConfigException {
        assertEquals(0, dhcp4("\"subnet4\": []").dhcp4o6Port());
        assertEquals(0, dhcp6("\"subnet6\": []").dhcp4o6Port());
        assertEquals(6767, dhcp4("\"dhcp4o6-port\": 6767").dhcp4o6Port());
        assertEquals(6767, dhcp6("\"dhcp4o6-port\": 6767").dhcp4o6Port());
    }

    @Test
    void theOtherSideNeedsThePortAfterIt() {
        ConfigException e = rejectsDhcp4("\"dhcp4o6-port\": 65535", "Dhcp4/dhcp4o6-port", "out of range");
        assertTrue(e.getMessage().contains("0..65534"), e.getMessage());
    }

    @Test
    void subnetKeysAreRead() throws ConfigException {
        Subnet4 s = dhcp4("""
                "subnet4": [ { "subnet": "192.0.2.0/24", "4o6-interface": "eth1",
                               "4o6-interface-id": "ge-0/0/3", "4o6-subnet": "2001:db8:1:1::/64" } ]
                """).subnets().get(0);
        Subnet4o6 keys = s.dhcp4o6();
        assertTrue(keys.enabled());
        assertEquals("eth1", keys.interfaceName());
        assertEquals(Octets.of("ge-0/0/3".getBytes(StandardCharsets.US_ASCII)), keys.interfaceId());
        assertEquals(Ipv6Address.parse("2001:db8:1:1::"), keys.prefix());
        assertEquals(64, keys.prefixLength());
        assertTrue(keys.holdsSource(Ipv6Address.parse("2001:db8:1:1::99")));
        assertFalse(keys.holdsSource(Ipv6Address.parse("2001:db8:1:2::99")));
    }

    @Test
    void aSubnetWithoutKeysServesNoDhcp4o6Client() throws ConfigException {
        Subnet4 s = dhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"4o6-interface\": \"\" } ]").subnets().get(0);
        assertFalse(s.dhcp4o6().enabled());
        assertNull(s.dhcp4o6().interfaceName());
    }

    @Test
    void subnetMustBeAPrefix() {
        rejectsDhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"4o6-subnet\": \"2001:db8:1:1::\" } ]",
                "Dhcp4/subnet4[0]/4o6-subnet", "prefix/len expected");
        rejectsDhcp4("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"4o6-subnet\": \"2001:db8::/129\" } ]",
                "Dhcp4/subnet4[0]/4o6-subnet", "0..128");
    }
}
