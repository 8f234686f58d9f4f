package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.coordinator.hosts.HostIdentifierType;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.option.OptionDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of the host reservation commands ({@code reservation-add}, {@code -get},
 * {@code -del}), read against one family's section of a configuration file with the readers of
 * that file: a reservation given to {@code reservation-add} is checked key by key, value by value,
 * exactly as an entry of the subnet's {@code reservations} list would be (its option-data with the
 * file's option-def, its classes against the file's client-classes, its address against the
 * subnet), and fails with the same messages. Paths in messages start at the argument:
 * {@code reservation/ip-address: ...}, {@code identifier-type: ...}.
 */
public final class HostCommandArguments {
    private static final List<String> SELECTOR_KEYS = List.of("subnet-id", "ip-address", "identifier-type",
            "identifier");

    private final DhcpFamily family;
    private final Dhcp4Config dhcp4;
    private final Dhcp6Config dhcp6;
    private final OptionDataReader optionData;
    private final Set<String> classNames;

    private HostCommandArguments(DhcpFamily family, Dhcp4Config dhcp4, Dhcp6Config dhcp6,
                                 List<OptionDefinition> definitions, OptionCatalog catalog,
                                 List<ClientClass> classes) {
        this.family = family;
        this.dhcp4 = dhcp4;
        this.dhcp6 = dhcp6;
        this.optionData = new OptionDataReader(family, catalog, definitions);
        this.classNames = new HashSet<>();
        classes.forEach(c -> classNames.add(c.name()));
    }

    /** A {@code reservation-add} argument: the reservation and the subnet it is for (0: global). */
    public record Added4(int subnetId, Reservation4 reservation) {
    }

    /** A DHCPv6 {@code reservation-add} argument: the reservation and the subnet it is for (0: global). */
    public record Added6(int subnetId, Reservation6 reservation) {
    }

    /** Which reservation a {@code reservation-get} or {@code reservation-del} means. */
    public sealed interface Selector permits ByAddress4, ByAddress6, ByIdentifier {
        /** The subnet the reservation is in; 0 for a global one. */
        int subnetId();
    }

    /** {@code {"subnet-id": 1, "ip-address": "192.0.2.202"}} */
    public record ByAddress4(int subnetId, int address) implements Selector {
    }

    /** {@code {"subnet-id": 1, "ip-address": "2001:db8:1::100"}} */
    public record ByAddress6(int subnetId, Ipv6Address address) implements Selector {
    }

    /** {@code {"subnet-id": 1, "identifier-type": "hw-address", "identifier": "1a:1b:1c:1d:1e:1f"}} */
    public record ByIdentifier(int subnetId, HostIdentifierType type, Octets identifier) implements Selector {
    }

    /** The {@code Dhcp4} section of {@code file}, checked as {@code kakapo dhcp4 -t} checks it. */
    public static HostCommandArguments dhcp4(Path file) throws ConfigException, IOException {
        return dhcp4(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().getParent());
    }

    /** The {@code Dhcp6} section of {@code file}, checked as {@code kakapo dhcp6 -t} checks it. */
    public static HostCommandArguments dhcp6(Path file) throws ConfigException, IOException {
        return dhcp6(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().getParent());
    }

    /** The {@code Dhcp4} section of configuration text; relative file names resolve against {@code baseDir}. */
    public static HostCommandArguments dhcp4(String json, Path baseDir) throws ConfigException {
        KeaDocument document = document(json, DhcpFamily.DHCP4);
        Dhcp4Config config = Dhcp4ConfigParser.read(document, baseDir);
        return new HostCommandArguments(DhcpFamily.DHCP4, config, null, definitions(document, DhcpFamily.DHCP4),
                config.options(), config.clientClasses());
    }

    /** The {@code Dhcp6} section of configuration text; relative file names resolve against {@code baseDir}. */
    public static HostCommandArguments dhcp6(String json, Path baseDir) throws ConfigException {
        KeaDocument document = document(json, DhcpFamily.DHCP6);
        Dhcp6Config config = Dhcp6ConfigParser.read(document, baseDir);
        return new HostCommandArguments(DhcpFamily.DHCP6, null, config, definitions(document, DhcpFamily.DHCP6),
                config.options(), config.clientClasses());
    }

    public boolean isDhcp4() {
        return family == DhcpFamily.DHCP4;
    }

    /** The DHCPv4 configuration; null when these are DHCPv6 arguments. */
    public Dhcp4Config dhcp4Config() {
        return dhcp4;
    }

    /** The DHCPv6 configuration; null when these are DHCPv4 arguments. */
    public Dhcp6Config dhcp6Config() {
        return dhcp6;
    }

    /** The family's option definitions (standard plus option-def), which name options in answers. */
    public OptionCatalog options() {
        return dhcp4 != null ? dhcp4.options() : dhcp6.options();
    }

    /** The configured {@code hosts-database(s)}, in lookup order. */
    public List<HostDatabase> hostsDatabases() {
        return dhcp4 != null ? dhcp4.hostsDatabases() : dhcp6.hostsDatabases();
    }

    /** {@code {"reservation": {"subnet-id": 1, "hw-address": ..., ...}}} of DHCPv4. */
    public Added4 added4(JsonNode arguments) throws ConfigException {
        requireFamily(DhcpFamily.DHCP4);
        ConfigNode reservation = reservationArgument(arguments);
        int subnetId = subnetId(reservation);
        int network = 0;
        int length = -1;
        if (subnetId != 0) {
            Subnet4 subnet = dhcp4.subnets().stream().filter(s -> s.id() == subnetId).findFirst()
                    .orElseThrow(() -> unknownSubnet(reservation, subnetId, "subnet4"));
            network = subnet.prefixAddress();
            length = subnet.prefixLength();
        }
        ConfigNode list = asConfigEntry(reservation);
        try {
            List<Reservation4> read = new Reservation4Reader(optionData, new ArrayList<>(), classNames)
                    .read(list, network, length);
            return new Added4(subnetId, read.get(0));
        } catch (ConfigException e) {
            throw relocated(e, list);
        }
    }

    /** {@code {"reservation": {"subnet-id": 1, "duid": ..., "ip-addresses": [...], ...}}} of DHCPv6. */
    public Added6 added6(JsonNode arguments) throws ConfigException {
        requireFamily(DhcpFamily.DHCP6);
        ConfigNode reservation = reservationArgument(arguments);
        int subnetId = subnetId(reservation);
        if (subnetId != 0 && dhcp6.subnets().stream().noneMatch(s -> s.id() == subnetId)) {
            throw unknownSubnet(reservation, subnetId, "subnet6");
        }
        ConfigNode list = asConfigEntry(reservation);
        try {
            List<Reservation6> read = new Reservation6Reader(optionData, new ArrayList<>(), classNames).read(list);
            return new Added6(subnetId, read.get(0));
        } catch (ConfigException e) {
            throw relocated(e, list);
        }
    }

    /**
     * {@code {"subnet-id": 1, "ip-address": ...}} or {@code {"subnet-id": 1, "identifier-type": ...,
     * "identifier": ...}}. The subnet need not be configured: a database may still hold
     * reservations of a subnet the file no longer has.
     */
    public Selector selector(JsonNode arguments) throws ConfigException {
        ConfigNode root = ConfigNode.root(arguments).object();
        for (Map.Entry<String, ConfigNode> field : root.fields()) {
            if (!SELECTOR_KEYS.contains(field.getKey())) {
                throw field.getValue().error("unknown key '" + field.getKey() + "' (expected subnet-id with"
                        + " ip-address, or subnet-id with identifier-type and identifier)");
            }
        }
        int subnetId = subnetId(root);
        boolean byAddress = root.has("ip-address");
        boolean byIdentifier = root.has("identifier-type") || root.has("identifier");
        if (byAddress && byIdentifier) {
            throw root.get("ip-address").error("give 'ip-address' or 'identifier-type' with 'identifier', not both");
        }
        if (byAddress) {
            ConfigNode address = root.get("ip-address");
            return family == DhcpFamily.DHCP4 ? new ByAddress4(subnetId, address.ipv4())
                    : new ByAddress6(subnetId, address.ipv6());
        }
        if (!byIdentifier) {
            throw root.error("missing 'ip-address', or 'identifier-type' with 'identifier': which reservation"
                    + " of subnet " + Integer.toUnsignedString(subnetId) + " is meant");
        }
        ConfigNode typeNode = root.get("identifier-type");
        ConfigNode identifierNode = root.get("identifier");
        if (typeNode.isMissing()) {
            throw typeNode.error("missing 'identifier-type' for the identifier (expected one of "
                    + String.join(", ", identifierTypes()) + ")");
        }
        if (identifierNode.isMissing()) {
            throw identifierNode.error("missing 'identifier' for identifier-type '" + typeNode.text()
                    + "' (expected hex bytes like 01:02:03:04:05:06)");
        }
        String type = typeNode.text();
        if (!identifierTypes().contains(type)) {
            throw typeNode.error("unknown identifier-type '" + type + "' (expected one of "
                    + String.join(", ", identifierTypes()) + ")");
        }
        return new ByIdentifier(subnetId, HostIdentifierType.ofKeaName(type), SubnetEntries.identifier(identifierNode));
    }

    /** The identifiers a reservation of this family may be for. */
    public List<String> identifierTypes() {
        return family == DhcpFamily.DHCP4 ? Reservation4Reader.IDENTIFIERS : Reservation6Reader.IDENTIFIERS;
    }

    private static KeaDocument document(String json, DhcpFamily family) throws ConfigException {
        KeaDocument document = KeaDocument.read(json, EnumSet.of(family));
        if (document.section(family).isMissing()) {
            throw document.root().error("no mandatory '" + family.section() + "' entry (expected {\""
                    + family.section() + "\": {...}})");
        }
        return document;
    }

    /** Every option-def of the section, those of sub-option spaces too (the parsed config keeps only its own space's). */
    private static List<OptionDefinition> definitions(KeaDocument document, DhcpFamily family) throws ConfigException {
        return OptionDefReader.read(document.section(family).get("option-def"), family);
    }

    private void requireFamily(DhcpFamily expected) {
        if (family != expected) {
            throw new IllegalStateException("these are " + family.protocolName() + " arguments, not "
                    + expected.protocolName() + " ones");
        }
    }

    private static ConfigNode reservationArgument(JsonNode arguments) throws ConfigException {
        ConfigNode root = ConfigNode.root(arguments).object();
        for (Map.Entry<String, ConfigNode> field : root.fields()) {
            if (!field.getKey().equals("reservation")) {
                throw field.getValue().error("unknown key '" + field.getKey() + "' (expected only 'reservation')");
            }
        }
        ConfigNode reservation = root.get("reservation");
        if (reservation.isMissing()) {
            throw reservation.error("missing mandatory 'reservation' (expected {\"reservation\": {\"subnet-id\": 1,"
                    + " ...}})");
        }
        return reservation.object();
    }

    private static int subnetId(ConfigNode object) throws ConfigException {
        ConfigNode id = object.get("subnet-id");
        if (id.isMissing()) {
            throw id.error("missing mandatory 'subnet-id' (expected the id of a configured subnet, or 0 for a global"
                    + " reservation)");
        }
        return (int) id.uint(ConfigNode.UINT32_MAX);
    }

    private ConfigException unknownSubnet(ConfigNode reservation, int subnetId, String list) {
        return reservation.get("subnet-id").error("no subnet with id " + Integer.toUnsignedString(subnetId) + " in "
                + family.section() + "/" + list + " (expected a configured subnet's id, or 0 for a global reservation)");
    }

    /**
     * The reservation without its subnet-id, as the one entry of a section's {@code reservations}
     * list, its keys checked as the file's are.
     */
    private ConfigNode asConfigEntry(ConfigNode reservation) throws ConfigException {
        ObjectNode entry = ((ObjectNode) reservation.json()).deepCopy();
        entry.remove("subnet-id");
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.putObject(family.section()).putArray("reservations").add(entry);
        ConfigNode root = ConfigNode.root(document);
        ConfigNode list = root.get(family.section()).get("reservations");
        try {
            KeaKeys.checkDocument(root, EnumSet.of(family));
        } catch (ConfigException e) {
            throw relocated(e, list);
        }
        return list;
    }

    /** A message about the stand-in list entry, moved to the argument it came from. */
    private static ConfigException relocated(ConfigException e, ConfigNode list) {
        String entryPath = list.path() + "[0]";
        String message = e.getMessage();
        if (!e.path().startsWith(entryPath) || !message.startsWith(e.path() + ": ")) {
            return e;
        }
        return new ConfigException("reservation" + e.path().substring(entryPath.length()),
                message.substring(e.path().length() + 2));
    }
}
