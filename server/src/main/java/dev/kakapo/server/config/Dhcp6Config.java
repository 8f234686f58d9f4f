package dev.kakapo.server.config;

import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.option.OptionCatalog;
import java.util.List;

/**
 * A checked, immutable DHCPv6 configuration: Kea's {@code Dhcp6} object with inherited values
 * resolved into each subnet.
 *
 * @param interfaces    entries of {@code interfaces-config.interfaces}: {@code "*"}, {@code "eth0"},
 *                      or {@code "eth0/2001:db8::1"} (that unicast address as well)
 * @param serverId      {@code server-id}, or null to generate a DUID-LLT once and keep it
 * @param options       the standard DHCPv6 definitions plus {@code option-def}
 * @param ddns          {@code dhcp-ddns} and the global {@code ddns-*} keys
 * @param dhcp4o6Port   {@code dhcp4o6-port}: where DHCPv4-over-DHCPv6 meets the DHCPv4 server, 0 when off
 * @param rateLimits    {@code Kakapo/rate-limits}: packets per client and per relay
 * @param logSeverity   the most verbose level the {@code loggers} ask for
 */
public record Dhcp6Config(List<String> interfaces, List<Subnet6> subnets, List<ConfiguredOption> globalOptions,
                          List<ClientClass> clientClasses, List<String> hostReservationIdentifiers,
                          Reservations6 globalReservations, List<HostDatabase> hostsDatabases, Expression flexId,
                          List<HookJarConfig> hookLibraries,
                          OptionCatalog options, long declineProbationPeriod, ServerIdConfig serverId,
                          LeaseDatabase leaseDatabase, ExpiredLeasesProcessing expiredLeasesProcessing,
                          DdnsSettings ddns, int dhcp4o6Port, RateLimits rateLimits, String logSeverity, List<String> notes) {

    public Dhcp6Config {
        interfaces = List.copyOf(interfaces);
        subnets = List.copyOf(subnets);
        globalOptions = List.copyOf(globalOptions);
        clientClasses = List.copyOf(clientClasses);
        hostReservationIdentifiers = List.copyOf(hostReservationIdentifiers);
        hostsDatabases = List.copyOf(hostsDatabases);
        hookLibraries = List.copyOf(hookLibraries);
        notes = List.copyOf(notes);
    }
}
