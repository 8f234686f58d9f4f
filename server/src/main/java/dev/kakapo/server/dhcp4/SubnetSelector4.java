package dev.kakapo.server.dhcp4;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.config.Subnet4;
import dev.kakapo.server.config.Subnet4o6;
import dev.kakapo.server.dhcp4o6.Dhcp4o6Context;
import java.util.List;
import java.util.Set;

/**
 * Kea's DHCPv4 subnet selection, first hit wins, subnets in configuration order: the subnet
 * selection option (118); else the relay (a subnet whose {@code relay} lists giaddr, then the
 * subnet containing giaddr); else ciaddr or the source address of a unicast message; else the
 * receiving interface (a subnet bound to it by name, then the one containing its address).
 * A subnet that does not admit the client's classes is passed over, as if it were not there.
 * DHCPv4-over-DHCPv6 clients are placed by the subnets' 4o6 keys instead (see {@link #select4o6}).
 */
final class SubnetSelector4 {
    private final List<Subnet4> subnets;

    SubnetSelector4(List<Subnet4> subnets) {
        this.subnets = List.copyOf(subnets);
    }

    Subnet4 select(Inbound4 in, Set<String> classes) {
        Message4 m = in.message();
        if (in.dhcp4o6() != null) {
            return select4o6(m, in.dhcp4o6(), classes);
        }
        byte[] selection = m.options().get(OptionCode4.SUBNET_SELECTION);
        if (selection != null && selection.length == 4) {
            return containing(Ipv4.fromBytes(selection, 0), classes);
        }
        if (m.giaddr() != 0) {
            for (Subnet4 s : subnets) {
                if (s.relayAddresses().contains(m.giaddr()) && s.classes().admits(classes)) {
                    return s;
                }
            }
            return containing(m.giaddr(), classes);
        }
        if (!in.broadcast()) {
            if (m.ciaddr() != 0) {
                Subnet4 s = containing(m.ciaddr(), classes);
                if (s != null) {
                    return s;
                }
            }
            if (in.sourceAddress() != 0) {
                Subnet4 s = containing(in.sourceAddress(), classes);
                if (s != null) {
                    return s;
                }
            }
        }
        for (Subnet4 s : subnets) {
            if (in.interfaceName() != null && in.interfaceName().equals(s.interfaceName()) && s.classes().admits(classes)) {
                return s;
            }
        }
        return in.interfaceAddress() == 0 ? null : containing(in.interfaceAddress(), classes);
    }

    /**
     * A client whose DHCPv4 message came in a DHCPV4-QUERY, among the subnets with a 4o6 key only:
     * the subnet named by option 118, else the first subnet whose {@code 4o6-subnet} holds the
     * query's IPv6 source, whose {@code 4o6-interface-id} is the interface-id of the relay nearest
     * the client, or whose {@code 4o6-interface} is the interface the query came in on.
     */
    private Subnet4 select4o6(Message4 m, Dhcp4o6Context from, Set<String> classes) {
        byte[] selection = m.options().get(OptionCode4.SUBNET_SELECTION);
        int named = selection != null && selection.length == 4 ? Ipv4.fromBytes(selection, 0) : 0;
        for (Subnet4 s : subnets) {
            Subnet4o6 keys = s.dhcp4o6();
            if (!keys.enabled() || !s.classes().admits(classes)) {
                continue;
            }
            boolean matches = selection != null ? s.contains(named)
                    : keys.holdsSource(from.sourceAddress())
                    || keys.interfaceId() != null && keys.interfaceId().equals(from.relayInterfaceId())
                    || keys.interfaceName() != null && keys.interfaceName().equals(from.interfaceName());
            if (matches) {
                return s;
            }
        }
        return null;
    }

    /** The first subnet whose prefix holds {@code address} and that admits {@code classes}, or null. */
    Subnet4 containing(int address, Set<String> classes) {
        for (Subnet4 s : subnets) {
            if (s.contains(address) && s.classes().admits(classes)) {
                return s;
            }
        }
        return null;
    }
}
