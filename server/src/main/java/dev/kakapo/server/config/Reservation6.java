package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import java.util.List;

/**
 * A DHCPv6 host reservation: the client it names (a DUID or a hardware address) and what it
 * reserves: addresses (IA_NA), prefixes (IA_PD), a host name, options and classes.
 *
 * @param prefixes delegated prefixes, each with its length
 */
public record Reservation6(String identifierType, Octets identifier, List<Ipv6Address> addresses,
                           List<ReservedPrefix> prefixes, String hostname, List<ConfiguredOption> options,
                           List<String> classes) {

    /** A reserved delegated prefix. */
    public record ReservedPrefix(Ipv6Address prefix, int length) {
    }

    public Reservation6 {
        addresses = List.copyOf(addresses);
        prefixes = List.copyOf(prefixes);
        options = List.copyOf(options);
        classes = List.copyOf(classes);
    }
}
