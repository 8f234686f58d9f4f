package dev.kakapo.server.dhcp4;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.config.Subnet4;
import java.util.List;

/**
 * Kea's DHCPv4 subnet selection, first hit wins, subnets in configuration order: the subnet
 * selection option (118); else the relay (a subnet whose {@code relay} lists giaddr, then the
 * subnet containing giaddr); else ciaddr or the source address of a unicast message; else the
 * receiving interface (a subnet bound to it by name, then the one containing its address).
 */
final class SubnetSelector4 {
    private final List<Subnet4> subnets;

    SubnetSelector4(List<Subnet4> subnets) {
        this.subnets = List.copyOf(subnets);
    }

    Subnet4 select(Inbound4 in) {
        Message4 m = in.message();
        byte[] selection = m.options().get(OptionCode4.SUBNET_SELECTION);
        if (selection != null && selection.length == 4) {
            return containing(Ipv4.fromBytes(selection, 0));
        }
        if (m.giaddr() != 0) {
            for (Subnet4 s : subnets) {
                if (s.relayAddresses().contains(m.giaddr())) {
                    return s;
                }
            }
            return containing(m.giaddr());
        }
        if (!in.broadcast()) {
            if (m.ciaddr() != 0) {
                Subnet4 s = containing(m.ciaddr());
                if (s != null) {
                    return s;
                }
            }
            if (in.sourceAddress() != 0) {
                Subnet4 s = containing(in.sourceAddress());
                if (s != null) {
                    return s;
                }
            }
        }
        for (Subnet4 s : subnets) {
            if (in.interfaceName() != null && in.interfaceName().equals(s.interfaceName())) {
                return s;
            }
        }
        return in.interfaceAddress() == 0 ? null : containing(in.interfaceAddress());
    }

    /** The subnet whose prefix holds {@code address}, or null. */
    Subnet4 containing(int address) {
        for (Subnet4 s : subnets) {
            if (s.contains(address)) {
                return s;
            }
        }
        return null;
    }
}
