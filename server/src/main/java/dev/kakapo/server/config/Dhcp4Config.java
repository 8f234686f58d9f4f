package dev.kakapo.server.config;

import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.option.OptionCatalog;
import java.util.List;

/**
 * A checked, immutable DHCPv4 configuration: Kea's {@code Dhcp4} object with every inherited value
 * already resolved into the subnet that uses it.
 *
 * @param interfaces      entries of {@code interfaces-config.interfaces}: {@code "*"} (all), {@code "eth0"}, or {@code "eth0/192.0.2.1"} (that address only)
 * @param socketType      {@code interfaces-config.dhcp-socket-type}
 * @param subnets         in configuration order (Kea selects the first that matches)
 * @param globalOptions   {@code option-data} at global scope
 * @param clientClasses   {@code client-classes}, in the order they are evaluated
 * @param hostReservationIdentifiers the identifiers a client's reservation is looked up by, in order
 * @param globalReservations the global {@code reservations}; its flags are the global section's
 * @param hostsDatabases  {@code hosts-database(s)}, looked in after the configuration, in order
 * @param hookLibraries   the Java hook libraries of {@code hooks-libraries}, in order (checked by loading them once)
 * @param flexId          flex_id's {@code identifier-expression}, or null when flex_id is not loaded
 * @param options         the standard DHCPv4 definitions plus {@code option-def}
 * @param ddns            {@code dhcp-ddns} and the global {@code ddns-*} keys
 * @param dhcp4o6Port     {@code dhcp4o6-port}: where DHCPv4-over-DHCPv6 meets the DHCPv6 server, 0 when off
 * @param rateLimits      {@code Kakapo/rate-limits}: packets per client and per relay
 * @param logSeverity     the most verbose level the {@code loggers} ask for: DEBUG, INFO, WARN, ERROR or FATAL
 * @param notes           things an operator should know that are not errors (logged at start-up)
 */
public record Dhcp4Config(List<String> interfaces, SocketType socketType, List<Subnet4> subnets,
                          List<ConfiguredOption> globalOptions, List<ClientClass> clientClasses,
                          List<String> hostReservationIdentifiers, Reservations4 globalReservations,
                          List<HostDatabase> hostsDatabases, Expression flexId,
                          List<HookJarConfig> hookLibraries, OptionCatalog options,
                          long declineProbationPeriod, boolean echoClientId, boolean authoritative,
                          LeaseDatabase leaseDatabase, ExpiredLeasesProcessing expiredLeasesProcessing,
                          DdnsSettings ddns, int dhcp4o6Port, RateLimits rateLimits, String logSeverity, List<String> notes) {

    public enum SocketType { RAW, UDP }

    public Dhcp4Config {
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
