package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv4;
import java.util.ArrayList;
import java.util.List;

/** Reads DHCPv4 {@code reservations} lists: a subnet's and the global one. */
final class Reservation4Reader {
    private final OptionDataReader optionData;
    private final List<String> notes;
    private final java.util.Set<String> classNames;

    Reservation4Reader(OptionDataReader optionData, List<String> notes, java.util.Set<String> classNames) {
        this.optionData = optionData;
        this.notes = notes;
        this.classNames = classNames;
    }

    /** The identifiers a DHCPv4 reservation may name; exactly one per reservation. */
    static final List<String> IDENTIFIERS = List.of("hw-address", "duid", "circuit-id", "client-id", "flex-id");

    /**
     * A {@code reservations} list. {@code length} is the subnet's prefix length, which every
     * reserved address must lie in; -1 for the global reservations, whose addresses may lie anywhere.
     */
    List<Reservation4> read(ConfigNode list, int network, int length) throws ConfigException {
        List<Reservation4> read = new ArrayList<>();
        java.util.Map<String, String> seenIdentifiers = new java.util.HashMap<>();
        java.util.Map<Integer, String> seenAddresses = new java.util.HashMap<>();
        for (ConfigNode entry : list.isMissing() ? List.<ConfigNode>of() : list.elements()) {
            entry.object();
            String type = SubnetEntries.reservationIdentifier(entry, IDENTIFIERS);
            dev.kakapo.coordinator.lease.Octets identifier = SubnetEntries.identifier(entry.get(type));
            String first = seenIdentifiers.putIfAbsent(type + "/" + identifier, entry.path());
            if (first != null) {
                // Kea 1.1 accepted this (its own reservations.json does it): the first one is used.
                notes.add(entry.get(type).path() + ": " + type + " " + entry.get(type).text()
                        + " is already reserved by " + first + "; that reservation is used, this one never");
                continue;
            }
            int address = 0;
            ConfigNode addressNode = entry.get("ip-address");
            if (!addressNode.isMissing()) {
                address = addressNode.ipv4();
                if (length >= 0 && (address & Subnet4Reader.Prefix.mask(length)) != network) {
                    throw addressNode.error("reserved address " + addressNode.text() + " is outside the subnet "
                            + Ipv4.toText(network) + "/" + length);
                }
                String other = seenAddresses.putIfAbsent(address, entry.path());
                if (other != null) {
                    throw addressNode.error("there is already a reservation for this address: " + other);
                }
            }
            String hostname = entry.text("hostname", "");
            List<ConfiguredOption> options = optionData.read(entry.get("option-data"));
            int nextServer = Subnet4Reader.nextServer(entry.get("next-server"), 0);
            String serverHostname = ClientClassReader.bootField(entry, "server-hostname", 63);
            String bootFileName = ClientClassReader.bootField(entry, "boot-file-name", 128);
            List<String> classes = SubnetEntries.reservationClassNames(entry.get("client-classes"), classNames, notes);
            if (address == 0 && hostname.isEmpty() && options.isEmpty() && nextServer == 0 && serverHostname.isEmpty()
                    && bootFileName.isEmpty() && classes.isEmpty()) {
                throw entry.error("a reservation must reserve something (ip-address, hostname, option-data, boot fields"
                        + " or client-classes)");
            }
            read.add(new Reservation4(type, identifier, address, hostname, options, nextServer, serverHostname,
                    bootFileName, classes));
        }
        return read;
    }

}
