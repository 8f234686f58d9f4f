package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Octets;
import java.util.List;

/**
 * A DHCPv4 host reservation: the client it names (one identifier) and what it reserves.
 *
 * @param identifierType Kea's name of the identifier: hw-address, client-id, duid, circuit-id or flex-id
 * @param identifier     the identifier's bytes
 * @param address        the reserved address, 0 for none
 * @param hostname       the reserved host name, empty for none
 * @param options        the host's {@code option-data}, the most specific scope
 * @param nextServer     siaddr, 0 for none
 * @param serverHostname sname, empty for none
 * @param bootFileName   file, empty for none
 * @param classes        classes the client joins
 */
public record Reservation4(String identifierType, Octets identifier, int address, String hostname,
                           List<ConfiguredOption> options, int nextServer, String serverHostname, String bootFileName,
                           List<String> classes) {

    public Reservation4 {
        options = List.copyOf(options);
        classes = List.copyOf(classes);
    }
}
