package dev.kakapo.server.config;

import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.option.OptionDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Loads and checks the {@code Dhcp4} section of a Kea-format configuration file.
 *
 * <p>Two passes: {@link KeaKeys} first checks every key of the document in document order (so
 * the first key Kakapo cannot honour is the one named), then the values are read, option-def
 * before option-data and globals before the subnets that inherit them, as Kea does.
 */
public final class Dhcp4ConfigParser {
    private Dhcp4ConfigParser() {
    }

    /** Reads {@code file}; a relative lease file {@code name} resolves against the file's folder. */
    public static Dhcp4Config parseFile(Path file) throws ConfigException, IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Path folder = file.toAbsolutePath().getParent();
        return parse(json, folder);
    }

    /** Parses configuration text; a relative lease file {@code name} resolves against {@code baseDir}. */
    public static Dhcp4Config parse(String json, Path baseDir) throws ConfigException {
        KeaDocument document = KeaDocument.read(json, EnumSet.of(DhcpFamily.DHCP4));
        if (document.section(DhcpFamily.DHCP4).isMissing()) {
            throw document.root().error("no mandatory 'Dhcp4' entry (expected {\"Dhcp4\": {...}})");
        }
        return read(document, baseDir);
    }

    /** The values of the document's {@code Dhcp4} section, which is present and whose keys are checked. */
    static Dhcp4Config read(KeaDocument document, Path baseDir) throws ConfigException {
        List<String> notes = document.notes();
        ConfigNode dhcp4 = document.section(DhcpFamily.DHCP4).object();

        List<OptionDefinition> definitions = OptionDefReader.read(dhcp4.get("option-def"), DhcpFamily.DHCP4);
        OptionCatalog catalog = OptionCatalog.dhcp4().with(
                definitions.stream().filter(d -> d.space().equals("dhcp4")).toList());
        OptionDataReader optionData = new OptionDataReader(DhcpFamily.DHCP4, catalog, definitions);

        boolean authoritative = dhcp4.bool("authoritative", false);
        Subnet4Reader.Inherited inherited = new Subnet4Reader.Inherited(
                dhcp4.uint32("valid-lifetime"),
                dhcp4.uint32("renew-timer", -1),
                dhcp4.uint32("rebind-timer", -1),
                dhcp4.bool("match-client-id", true),
                authoritative,
                Subnet4Reader.nextServer(dhcp4.get("next-server"), 0),
                SubnetEntries.reservationFlags(dhcp4, ReservationFlags.DEFAULT));
        long declineProbationPeriod = dhcp4.uint32("decline-probation-period", 86400);
        boolean echoClientId = dhcp4.bool("echo-client-id", true);
        GlobalSettingsReader.version(dhcp4.get("version"));

        ConfigNode interfacesConfig = dhcp4.get("interfaces-config");
        List<String> interfaces = GlobalSettingsReader.interfaces(interfacesConfig, DhcpFamily.DHCP4);
        Dhcp4Config.SocketType socketType = socketType(interfacesConfig, notes);
        List<ConfiguredOption> globalOptions = optionData.read(dhcp4.get("option-data"));
        List<ClientClass> clientClasses = new ClientClassReader(DhcpFamily.DHCP4, catalog, definitions, optionData)
                .read(dhcp4.get("client-classes"));
        java.util.Set<String> classNames = new java.util.HashSet<>();
        clientClasses.forEach(c -> classNames.add(c.name()));
        List<Subnet4> subnets = new Subnet4Reader(inherited, optionData, notes, classNames).read(dhcp4.get("subnet4"));
        LeaseDatabase leaseDatabase = GlobalSettingsReader.leaseDatabase(dhcp4.get("lease-database"), baseDir, DhcpFamily.DHCP4);
        ExpiredLeasesProcessing expired = GlobalSettingsReader.expiredLeasesProcessing(dhcp4.get("expired-leases-processing"));
        GlobalSettingsReader.multiThreading(dhcp4.get("multi-threading"), notes);
        DdnsSettings ddns = GlobalSettingsReader.dhcpDdns(dhcp4, document.kakapo(baseDir), DhcpFamily.DHCP4, notes);
        Reservations4 globalReservations = new Reservations4(
                new Reservation4Reader(optionData, notes, classNames).read(dhcp4.get("reservations"), 0, -1),
                inherited.reservations());
        List<HostDatabase> hostsDatabases = GlobalSettingsReader.hostsDatabases(dhcp4, baseDir, notes);
        Expression flexId = HookLibraries.flexId(dhcp4.get("hooks-libraries"), DhcpFamily.DHCP4, catalog, notes);
        List<HookJarConfig> hookLibraries = HookLibraries.jars(dhcp4.get("hooks-libraries"), baseDir);
        String logSeverity = GlobalSettingsReader.logSeverity(dhcp4, document.root(), DhcpFamily.DHCP4);

        List<String> identifiers = hostReservationIdentifiers(dhcp4.get("host-reservation-identifiers"),
                Reservation4Reader.IDENTIFIERS, DEFAULT_IDENTIFIERS);
        return new Dhcp4Config(interfaces, socketType, subnets, globalOptions, clientClasses, identifiers,
                globalReservations, hostsDatabases, flexId, hookLibraries, catalog,
                declineProbationPeriod, echoClientId, authoritative, leaseDatabase, expired, ddns,
                GlobalSettingsReader.dhcp4o6Port(dhcp4),
                document.kakapo(baseDir).rateLimits(), logSeverity, notes);
    }

    /** Today's Kea's order when the file gives none. */
    private static final List<String> DEFAULT_IDENTIFIERS = List.of("hw-address", "duid", "circuit-id", "client-id");

    /** {@code host-reservation-identifiers}: names from {@code known}, each once; {@code absent} when not given. */
    static List<String> hostReservationIdentifiers(ConfigNode node, List<String> known, List<String> absent)
            throws ConfigException {
        if (node.isMissing()) {
            return absent;
        }
        List<String> identifiers = new java.util.ArrayList<>();
        for (ConfigNode name : node.elements()) {
            if (!known.contains(name.text())) {
                throw name.error("unknown host reservation identifier '" + name.text() + "' (expected one of "
                        + String.join(", ", known) + ")");
            }
            if (identifiers.contains(name.text())) {
                throw name.error("'" + name.text() + "' is listed twice");
            }
            identifiers.add(name.text());
        }
        return identifiers;
    }

    private static Dhcp4Config.SocketType socketType(ConfigNode config, List<String> notes) throws ConfigException {
        ConfigNode type = config.get("dhcp-socket-type");
        if (type.isMissing()) {
            return Dhcp4Config.SocketType.RAW; // Kea's default
        }
        switch (type.text()) {
            case "udp":
                return Dhcp4Config.SocketType.UDP;
            case "raw":
                notes.add(type.path() + ": Kakapo uses UDP sockets; replies to clients that have no address yet"
                        + " are broadcast instead of sent by raw socket");
                return Dhcp4Config.SocketType.RAW;
            default:
                throw type.error("unknown socket type '" + type.text() + "' (expected \"raw\" or \"udp\")");
        }
    }
}
