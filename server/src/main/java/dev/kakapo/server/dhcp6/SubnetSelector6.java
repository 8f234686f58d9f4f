package dev.kakapo.server.dhcp6;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.protocol.v6.RelayMessage6;
import dev.kakapo.server.config.Subnet6;
import java.net.Inet6Address;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Kea's DHCPv6 subnet selection, subnets in configuration order. Relayed: the interface-id the
 * relay nearest the client sent (a subnet's {@code interface-id}), then that relay's
 * link-address (a subnet's {@code relay} addresses, then the subnet containing it). Direct: the
 * arrival interface (a subnet's {@code interface}), then a global source address, then the
 * subnet holding one of the arrival interface's global addresses.
 */
final class SubnetSelector6 {
    private final List<Subnet6> subnets;

    SubnetSelector6(List<Subnet6> subnets) {
        this.subnets = List.copyOf(subnets);
    }

    /** The subnet for the packet among those that admit the client's {@code classes}, or null. */
    Subnet6 select(Inbound6 in, Set<String> classes) {
        List<RelayMessage6> relays = in.packet().relays();
        return relays.isEmpty() ? direct(in, classes) : relayed(relays, classes);
    }

    private Subnet6 relayed(List<RelayMessage6> relays, Set<String> classes) {
        byte[] interfaceId = null;
        for (int i = relays.size() - 1; i >= 0 && interfaceId == null; i--) {
            interfaceId = relays.get(i).interfaceId();
        }
        if (interfaceId != null) {
            for (Subnet6 s : subnets) {
                if (s.interfaceId() != null && Arrays.equals(s.interfaceId().toByteArray(), interfaceId)
                        && s.classes().admits(classes)) {
                    return s;
                }
            }
        }
        Ipv6Address link = Ipv6Address.fromBytes(relays.get(relays.size() - 1).linkAddress(), 0);
        for (Subnet6 s : subnets) {
            if (s.relayAddresses().contains(link) && s.classes().admits(classes)) {
                return s;
            }
        }
        return link.high() == 0 && link.low() == 0 ? null : containing(link, classes);
    }

    private Subnet6 direct(Inbound6 in, Set<String> classes) {
        for (Subnet6 s : subnets) {
            if (in.interfaceName() != null && in.interfaceName().equals(s.interfaceName()) && s.classes().admits(classes)) {
                return s;
            }
        }
        if (in.sender().getAddress() instanceof Inet6Address a && !a.isLinkLocalAddress()) {
            Subnet6 s = containing(Ipv6Address.fromBytes(a.getAddress(), 0), classes);
            if (s != null) {
                return s;
            }
        }
        for (Ipv6Address own : in.linkAddresses()) {
            Subnet6 s = containing(own, classes);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** The first subnet holding {@code address} that admits {@code classes}, or null. */
    Subnet6 containing(Ipv6Address address, Set<String> classes) {
        for (Subnet6 s : subnets) {
            if (s.contains(address) && s.classes().admits(classes)) {
                return s;
            }
        }
        return null;
    }
}
