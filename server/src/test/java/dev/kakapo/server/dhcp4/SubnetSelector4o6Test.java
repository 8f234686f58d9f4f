package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.config.Subnet4;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Context;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How DHCPv4-over-DHCPv6 clients are placed: by the 4o6 keys, first match in subnet order. */
class SubnetSelector4o6Test {
    private static final String CONFIG = """
            { "Dhcp4": { "valid-lifetime": 4000, "client-classes": [ { "name": "gold", "test": "'a' == 'b'" } ], "subnet4": [
                { "id": 1, "subnet": "192.0.2.0/26", "interface": "eth0" },
                { "id": 2, "subnet": "192.0.2.64/26", "4o6-subnet": "2001:db8:2::/48" },
                { "id": 3, "subnet": "192.0.2.128/26", "4o6-interface-id": "ge-0/0/3" },
                { "id": 4, "subnet": "192.0.2.192/26", "4o6-interface": "eth0", "client-class": "gold" },
                { "id": 5, "subnet": "198.51.100.0/24", "4o6-interface": "eth0" }
            ] } }
            """;

    private SubnetSelector4 selector;

    @BeforeEach
    void load() throws ConfigException {
        selector = new SubnetSelector4(Dhcp4ConfigParser.parse(CONFIG, Path.of("/tmp")).subnets());
    }

    private static Message4.Builder discover() {
        return Message4.builder().op(1).htype(1).chaddr(new byte[] {2, 0, 0x5e, 0, 0, 1}).xid(1)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) MessageType4.DISCOVER.code()});
    }

    private Integer select(Message4.Builder m, String source, String interfaceName, String interfaceId, String... classes) {
        Dhcp4o6Context from = new Dhcp4o6Context(Ipv6Address.parse(source), interfaceName,
                interfaceId == null ? null : Octets.of(interfaceId.getBytes()), false, Ipv4.parse("192.0.2.1"));
        Subnet4 s = selector.select(Inbound4.of4o6(m.build(), from), Set.of(classes));
        return s == null ? null : s.id();
    }

    @Test
    void sourceInsideA4o6Subnet() {
        assertEquals(2, select(discover(), "2001:db8:2:5::9", "eth9", null));
    }

    @Test
    void interfaceIdOfTheRelayNearestTheClient() {
        assertEquals(3, select(discover(), "2001:db8:ff::1", "eth9", "ge-0/0/3"));
    }

    @Test
    void receivingInterfaceWhenTheSubnetAdmitsTheClientsClasses() {
        assertEquals(4, select(discover(), "2001:db8:ff::1", "eth0", null, "gold"));
        assertEquals(5, select(discover(), "2001:db8:ff::1", "eth0", null));
    }

    @Test
    void firstMatchInSubnetOrderWins() {
        // the source names subnet 2, the interface-id subnet 3: 2 comes first
        assertEquals(2, select(discover(), "2001:db8:2::1", "eth0", "ge-0/0/3"));
    }

    @Test
    void subnetsWithout4o6KeysAreNeverCandidates() {
        // subnet 1 is on eth0 for IPv4 clients, not for those reached through DHCPv6
        assertNull(select(discover(), "2001:db8:ff::1", "eth1", "ge-0/0/9"));
        assertNull(select(discover().option(OptionCode4.SUBNET_SELECTION, Ipv4.toBytes(Ipv4.parse("192.0.2.10"))),
                "2001:db8:2::1", "eth0", null));
    }

    @Test
    void subnetSelectionOptionOverridesTheKeys() {
        assertEquals(3, select(discover().option(OptionCode4.SUBNET_SELECTION, Ipv4.toBytes(Ipv4.parse("192.0.2.130"))),
                "2001:db8:2::1", "eth0", null));
    }

    @Test
    void giaddrAndCiaddrPlayNoPart() {
        assertEquals(5, select(discover().giaddr(Ipv4.parse("192.0.2.129")).ciaddr(Ipv4.parse("192.0.2.65")),
                "2001:db8:ff::1", "eth0", null));
    }
}
