package dev.kakapo.server.hosts;

import dev.kakapo.coordinator.hosts.Host;
import dev.kakapo.coordinator.hosts.HostIdentifierType;
import dev.kakapo.coordinator.hosts.Ipv6Reservation;
import dev.kakapo.coordinator.hosts.ReservedOption;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.option.OptionDefinition;
import dev.kakapo.server.config.ConfiguredOption;
import dev.kakapo.server.config.Reservation4;
import dev.kakapo.server.config.Reservation6;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one mapping between a host database's {@link Host} rows and the reservations the DHCP
 * servers serve ({@link Reservation4}, {@link Reservation6}, as read from the configuration), in
 * both directions, so a reservation means the same wherever it is kept.
 */
public final class HostReservations {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.hosts");
    /** Option spaces already reported as not served, so each is logged once. */
    private static final Set<String> REPORTED_SPACES = ConcurrentHashMap.newKeySet();

    private HostReservations() {
    }

    /** The DHCPv4 side of a host; its options of other spaces than dhcp4 are left out (logged once per space). */
    public static Reservation4 toReservation4(Host host, OptionCatalog catalog) {
        return new Reservation4(host.identifierType().keaName(), host.identifier(), host.ipv4Address(),
                host.hostname(), options(host.dhcp4Options(), "dhcp4", catalog), host.nextServer(),
                host.serverHostname(), host.bootFileName(), host.dhcp4ClientClasses());
    }

    /** The DHCPv6 side of a host; its options of other spaces than dhcp6 are left out (logged once per space). */
    public static Reservation6 toReservation6(Host host, OptionCatalog catalog) {
        List<Ipv6Address> addresses = new ArrayList<>();
        List<Reservation6.ReservedPrefix> prefixes = new ArrayList<>();
        for (Ipv6Reservation r : host.ipv6Reservations()) {
            if (r.type() == Ipv6Reservation.Type.ADDRESS) {
                addresses.add(r.prefix());
            } else {
                prefixes.add(new Reservation6.ReservedPrefix(r.prefix(), r.prefixLength()));
            }
        }
        return new Reservation6(host.identifierType().keaName(), host.identifier(), addresses, prefixes,
                host.hostname(), options(host.dhcp6Options(), "dhcp6", catalog), host.dhcp6ClientClasses());
    }

    /** A DHCPv4 reservation as a host row of {@code subnetId} (0 for a global one). */
    public static Host toHost(Reservation4 r, int subnetId) {
        return Host.forSubnet4(HostIdentifierType.ofKeaName(r.identifierType()), r.identifier(), subnetId)
                .withIpv4Address(r.address())
                .withHostname(r.hostname())
                .withClientClasses(r.classes(), List.of())
                .withBootFields(r.nextServer(), r.serverHostname(), r.bootFileName())
                .withOptions(reserved(r.options(), "dhcp4"), List.of());
    }

    /** A DHCPv6 reservation as a host row of {@code subnetId} (0 for a global one). */
    public static Host toHost(Reservation6 r, int subnetId) {
        List<Ipv6Reservation> slots = new ArrayList<>();
        r.addresses().forEach(a -> slots.add(Ipv6Reservation.address(a)));
        r.prefixes().forEach(p -> slots.add(Ipv6Reservation.prefix(p.prefix(), p.length())));
        return Host.forSubnet6(HostIdentifierType.ofKeaName(r.identifierType()), r.identifier(), subnetId)
                .withHostname(r.hostname())
                .withClientClasses(List.of(), r.classes())
                .withIpv6Reservations(slots)
                .withOptions(List.of(), reserved(r.options(), "dhcp6"));
    }

    private static List<ConfiguredOption> options(List<ReservedOption> options, String space, OptionCatalog catalog) {
        List<ConfiguredOption> out = new ArrayList<>(options.size());
        for (ReservedOption o : options) {
            if (!o.space().equals(space)) {
                if (REPORTED_SPACES.add(o.space())) {
                    LOG.log(Level.WARNING, "event=host-option-not-served space={0} code={1} reason=\"only options"
                            + " of the {2} space are served from a host database\"", o.space(), o.code(), space);
                }
                continue;
            }
            String name = catalog.byCode(o.code()).map(OptionDefinition::name).orElse(null);
            out.add(new ConfiguredOption(o.code(), name, o.value().toByteArray(), o.persistent()));
        }
        return out;
    }

    private static List<ReservedOption> reserved(List<ConfiguredOption> options, String space) {
        List<ReservedOption> out = new ArrayList<>(options.size());
        for (ConfiguredOption o : options) {
            out.add(new ReservedOption(o.code(), space, Octets.of(o.payload()), "", o.alwaysSend()));
        }
        return out;
    }
}
