package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import java.util.ArrayList;
import java.util.List;

/** Reads DHCPv6 {@code reservations} lists: a subnet's and the global one. */
final class Reservation6Reader {
    private final OptionDataReader optionData;
    private final List<String> notes;
    private final java.util.Set<String> classNames;

    Reservation6Reader(OptionDataReader optionData, List<String> notes, java.util.Set<String> classNames) {
        this.optionData = optionData;
        this.notes = notes;
        this.classNames = classNames;
    }

    /** The identifiers a DHCPv6 reservation may name; exactly one per reservation. */
    static final List<String> IDENTIFIERS = List.of("duid", "hw-address", "flex-id");

    /** A {@code reservations} list, a subnet's or the global one. */
    List<Reservation6> read(ConfigNode list) throws ConfigException {
        List<Reservation6> read = new ArrayList<>();
        java.util.Map<String, String> seenIdentifiers = new java.util.HashMap<>();
        java.util.Map<String, String> seenSlots = new java.util.HashMap<>();
        for (ConfigNode entry : list.isMissing() ? List.<ConfigNode>of() : list.elements()) {
            entry.object();
            if (entry.has("ip-address")) {
                throw entry.get("ip-address").error("a DHCPv6 reservation lists its addresses in 'ip-addresses'");
            }
            String type = SubnetEntries.reservationIdentifier(entry, IDENTIFIERS);
            Octets identifier = SubnetEntries.identifier(entry.get(type));
            String first = seenIdentifiers.putIfAbsent(type + "/" + identifier, entry.path());
            if (first != null) {
                notes.add(entry.get(type).path() + ": " + type + " " + entry.get(type).text()
                        + " is already reserved by " + first + "; that reservation is used, this one never");
                continue;
            }
            List<Ipv6Address> addresses = new ArrayList<>();
            for (ConfigNode a : entry.has("ip-addresses") ? entry.get("ip-addresses").elements() : List.<ConfigNode>of()) {
                Ipv6Address address = a.ipv6();
                String other = seenSlots.putIfAbsent(address + "/128", a.path());
                if (other != null) {
                    throw a.error("there is already a reservation for this address: " + other);
                }
                addresses.add(address);
            }
            List<Reservation6.ReservedPrefix> prefixes = new ArrayList<>();
            for (ConfigNode p : entry.has("prefixes") ? entry.get("prefixes").elements() : List.<ConfigNode>of()) {
                Subnet6Reader.Prefix6 prefix = Subnet6Reader.Prefix6.parse(p, "reserved prefix");
                if (prefix.length() < 8 || prefix.length() > 128) {
                    throw p.error("reserved prefix length " + prefix.length() + " is outside 8..128");
                }
                Ipv6Address network = prefix.address().masked(prefix.length());
                String other = seenSlots.putIfAbsent(network + "/" + prefix.length(), p.path());
                if (other != null) {
                    throw p.error("there is already a reservation for this prefix: " + other);
                }
                prefixes.add(new Reservation6.ReservedPrefix(network, prefix.length()));
            }
            String hostname = entry.text("hostname", "");
            List<ConfiguredOption> options = optionData.read(entry.get("option-data"));
            List<String> classes = SubnetEntries.reservationClassNames(entry.get("client-classes"), classNames, notes);
            if (addresses.isEmpty() && prefixes.isEmpty() && hostname.isEmpty() && options.isEmpty() && classes.isEmpty()) {
                throw entry.error("a reservation must reserve something (ip-addresses, prefixes, hostname, option-data"
                        + " or client-classes)");
            }
            read.add(new Reservation6(type, identifier, addresses, prefixes, hostname, options, classes));
        }
        return read;
    }

}
