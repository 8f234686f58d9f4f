package dev.kakapo.coordinator.hosts;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Octets;

import java.util.List;
import java.util.Objects;

/**
 * One host reservation, as Kea keeps it in its {@code hosts} table and the rows that hang off it:
 * a client, named by one identifier, and what it gets in a DHCPv4 subnet, a DHCPv6 subnet, or both.
 *
 * @param identifierType     what {@code identifier} is
 * @param identifier         the client's hardware address, DUID, circuit id, client id or flex id
 * @param dhcp4SubnetId      the DHCPv4 subnet the reservation is in; 0 is the global scope;
 *                           {@link #NO_SUBNET} when it has none (stored as NULL)
 * @param dhcp6SubnetId      the DHCPv6 subnet likewise
 * @param ipv4Address        the reserved IPv4 address (unsigned 32 bits in an int); 0 for none
 * @param hostname           the reserved host name; empty for none
 * @param dhcp4ClientClasses classes a DHCPv4 client of this host is put in
 * @param dhcp6ClientClasses classes a DHCPv6 client of this host is put in
 * @param nextServer         siaddr (next-server) for DHCPv4; 0 for none
 * @param serverHostname     sname (server-hostname) for DHCPv4; empty for none
 * @param bootFileName       file (boot-file-name) for DHCPv4; empty for none
 * @param ipv6Reservations   reserved IPv6 addresses and prefixes
 * @param dhcp4Options       options reserved for the DHCPv4 client
 * @param dhcp6Options       options reserved for the DHCPv6 client
 */
public record Host(HostIdentifierType identifierType, Octets identifier, int dhcp4SubnetId, int dhcp6SubnetId,
                   int ipv4Address, String hostname, List<String> dhcp4ClientClasses,
                   List<String> dhcp6ClientClasses, int nextServer, String serverHostname, String bootFileName,
                   List<Ipv6Reservation> ipv6Reservations, List<ReservedOption> dhcp4Options,
                   List<ReservedOption> dhcp6Options) {

    /** The subnet id of a family the host has no reservation in: Kea's unused id 0xffffffff. */
    public static final int NO_SUBNET = -1;
    /** The subnet id of global reservations, as in Kea. */
    public static final int GLOBAL_SUBNET = 0;

    public Host {
        Objects.requireNonNull(identifierType, "identifierType");
        Objects.requireNonNull(identifier, "identifier");
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("host " + identifierType.keaName() + " is empty");
        }
        hostname = hostname == null ? "" : hostname;
        serverHostname = serverHostname == null ? "" : serverHostname;
        bootFileName = bootFileName == null ? "" : bootFileName;
        dhcp4ClientClasses = classes(dhcp4ClientClasses);
        dhcp6ClientClasses = classes(dhcp6ClientClasses);
        ipv6Reservations = ipv6Reservations == null ? List.of() : List.copyOf(ipv6Reservations);
        dhcp4Options = dhcp4Options == null ? List.of() : List.copyOf(dhcp4Options);
        dhcp6Options = dhcp6Options == null ? List.of() : List.copyOf(dhcp6Options);
    }

    /** A DHCPv4 reservation in {@code subnetId} with nothing reserved yet. */
    public static Host forSubnet4(HostIdentifierType type, Octets identifier, int subnetId) {
        return new Host(type, identifier, subnetId, NO_SUBNET, 0, "", List.of(), List.of(), 0, "", "", List.of(),
                List.of(), List.of());
    }

    /** A DHCPv6 reservation in {@code subnetId} with nothing reserved yet. */
    public static Host forSubnet6(HostIdentifierType type, Octets identifier, int subnetId) {
        return new Host(type, identifier, NO_SUBNET, subnetId, 0, "", List.of(), List.of(), 0, "", "", List.of(),
                List.of(), List.of());
    }

    public Host withSubnets(int newDhcp4SubnetId, int newDhcp6SubnetId) {
        return new Host(identifierType, identifier, newDhcp4SubnetId, newDhcp6SubnetId, ipv4Address, hostname,
                dhcp4ClientClasses, dhcp6ClientClasses, nextServer, serverHostname, bootFileName, ipv6Reservations,
                dhcp4Options, dhcp6Options);
    }

    public Host withIpv4Address(int address) {
        return new Host(identifierType, identifier, dhcp4SubnetId, dhcp6SubnetId, address, hostname,
                dhcp4ClientClasses, dhcp6ClientClasses, nextServer, serverHostname, bootFileName, ipv6Reservations,
                dhcp4Options, dhcp6Options);
    }

    public Host withHostname(String name) {
        return new Host(identifierType, identifier, dhcp4SubnetId, dhcp6SubnetId, ipv4Address, name,
                dhcp4ClientClasses, dhcp6ClientClasses, nextServer, serverHostname, bootFileName, ipv6Reservations,
                dhcp4Options, dhcp6Options);
    }

    public Host withClientClasses(List<String> dhcp4Classes, List<String> dhcp6Classes) {
        return new Host(identifierType, identifier, dhcp4SubnetId, dhcp6SubnetId, ipv4Address, hostname,
                dhcp4Classes, dhcp6Classes, nextServer, serverHostname, bootFileName, ipv6Reservations,
                dhcp4Options, dhcp6Options);
    }

    /** siaddr, sname and file of the DHCPv4 header. */
    public Host withBootFields(int newNextServer, String newServerHostname, String newBootFileName) {
        return new Host(identifierType, identifier, dhcp4SubnetId, dhcp6SubnetId, ipv4Address, hostname,
                dhcp4ClientClasses, dhcp6ClientClasses, newNextServer, newServerHostname, newBootFileName,
                ipv6Reservations, dhcp4Options, dhcp6Options);
    }

    public Host withIpv6Reservations(List<Ipv6Reservation> reservations) {
        return new Host(identifierType, identifier, dhcp4SubnetId, dhcp6SubnetId, ipv4Address, hostname,
                dhcp4ClientClasses, dhcp6ClientClasses, nextServer, serverHostname, bootFileName, reservations,
                dhcp4Options, dhcp6Options);
    }

    public Host withOptions(List<ReservedOption> newDhcp4Options, List<ReservedOption> newDhcp6Options) {
        return new Host(identifierType, identifier, dhcp4SubnetId, dhcp6SubnetId, ipv4Address, hostname,
                dhcp4ClientClasses, dhcp6ClientClasses, nextServer, serverHostname, bootFileName, ipv6Reservations,
                newDhcp4Options, newDhcp6Options);
    }

    public boolean hasDhcp4Subnet() {
        return dhcp4SubnetId != NO_SUBNET;
    }

    public boolean hasDhcp6Subnet() {
        return dhcp6SubnetId != NO_SUBNET;
    }

    /** How messages name the host: {@code hw-address 1a:1b:1c:1d:1e:1f}. */
    public String describe() {
        return identifierType.keaName() + " " + identifier;
    }

    @Override
    public String toString() {
        return "Host[" + describe() + ", subnet4=" + Integer.toUnsignedString(dhcp4SubnetId) + ", subnet6="
                + Integer.toUnsignedString(dhcp6SubnetId) + (ipv4Address == 0 ? "" : ", " + Ipv4.toText(ipv4Address))
                + (hostname.isEmpty() ? "" : ", hostname=" + hostname) + (ipv6Reservations.isEmpty() ? ""
                : ", ipv6=" + ipv6Reservations) + ", options=" + dhcp4Options.size() + "/" + dhcp6Options.size() + "]";
    }

    /** Class names are stored comma-separated, so a name cannot hold a comma. */
    private static List<String> classes(List<String> names) {
        if (names == null) {
            return List.of();
        }
        for (String name : names) {
            if (name == null || name.isBlank() || name.indexOf(',') >= 0) {
                throw new IllegalArgumentException("client class name '" + name + "' is empty or holds a comma");
            }
        }
        return List.copyOf(names);
    }
}
