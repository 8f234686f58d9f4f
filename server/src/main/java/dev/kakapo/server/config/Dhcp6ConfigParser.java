package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.option.HexData;
import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.option.OptionDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;

/**
 * Loads and checks the {@code Dhcp6} section of a Kea-format configuration file, the same way
 * {@link Dhcp4ConfigParser} does for {@code Dhcp4}: keys first in document order, then values.
 */
public final class Dhcp6ConfigParser {
    private Dhcp6ConfigParser() {
    }

    /** A DUID is at most 128 bytes after its 2-byte type (RFC 8415 section 11.1). */
    private static final int MAX_DUID_LENGTH = 130;

    /** Reads {@code file}; a relative lease file {@code name} resolves against the file's folder. */
    public static Dhcp6Config parseFile(Path file) throws ConfigException, IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        return parse(json, file.toAbsolutePath().getParent());
    }

    /** Parses configuration text; a relative lease file {@code name} resolves against {@code baseDir}. */
    public static Dhcp6Config parse(String json, Path baseDir) throws ConfigException {
        KeaDocument document = KeaDocument.read(json, EnumSet.of(DhcpFamily.DHCP6));
        if (document.section(DhcpFamily.DHCP6).isMissing()) {
            throw document.root().error("no mandatory 'Dhcp6' entry (expected {\"Dhcp6\": {...}})");
        }
        return read(document, baseDir);
    }

    /** The values of the document's {@code Dhcp6} section, which is present and whose keys are checked. */
    static Dhcp6Config read(KeaDocument document, Path baseDir) throws ConfigException {
        List<String> notes = document.notes();
        ConfigNode dhcp6 = document.section(DhcpFamily.DHCP6).object();

        List<OptionDefinition> definitions = OptionDefReader.read(dhcp6.get("option-def"), DhcpFamily.DHCP6);
        OptionCatalog catalog = OptionCatalog.dhcp6().with(
                definitions.stream().filter(d -> d.space().equals("dhcp6")).toList());
        OptionDataReader optionData = new OptionDataReader(DhcpFamily.DHCP6, catalog, definitions);

        Subnet6Reader.Inherited inherited = new Subnet6Reader.Inherited(
                dhcp6.uint32("preferred-lifetime"),
                dhcp6.uint32("valid-lifetime"),
                dhcp6.uint32("renew-timer", -1),
                dhcp6.uint32("rebind-timer", -1),
                SubnetEntries.reservationFlags(dhcp6, ReservationFlags.DEFAULT));
        checkGlobalLifetimes(dhcp6, inherited);
        long declineProbationPeriod = dhcp6.uint32("decline-probation-period", 86400);
        GlobalSettingsReader.version(dhcp6.get("version"));

        List<String> interfaces = GlobalSettingsReader.interfaces(dhcp6.get("interfaces-config"), DhcpFamily.DHCP6);
        ServerIdConfig serverId = serverId(dhcp6.get("server-id"));
        List<ConfiguredOption> globalOptions = optionData.read(dhcp6.get("option-data"));
        List<ClientClass> clientClasses = new ClientClassReader(DhcpFamily.DHCP6, catalog, definitions, optionData)
                .read(dhcp6.get("client-classes"));
        java.util.Set<String> classNames = new java.util.HashSet<>();
        clientClasses.forEach(c -> classNames.add(c.name()));
        List<Subnet6> subnets = new Subnet6Reader(inherited, optionData, notes, classNames).read(dhcp6.get("subnet6"));
        LeaseDatabase leaseDatabase = GlobalSettingsReader.leaseDatabase(dhcp6.get("lease-database"), baseDir, DhcpFamily.DHCP6);
        ExpiredLeasesProcessing expired = GlobalSettingsReader.expiredLeasesProcessing(dhcp6.get("expired-leases-processing"));
        GlobalSettingsReader.multiThreading(dhcp6.get("multi-threading"), notes);
        DdnsSettings ddns = GlobalSettingsReader.dhcpDdns(dhcp6, document.kakapo(baseDir), DhcpFamily.DHCP6, notes);
        Reservations6 globalReservations = new Reservations6(
                new Reservation6Reader(optionData, notes, classNames).read(dhcp6.get("reservations")), inherited.reservations());
        List<HostDatabase> hostsDatabases = GlobalSettingsReader.hostsDatabases(dhcp6, baseDir, notes);
        Expression flexId = HookLibraries.flexId(dhcp6.get("hooks-libraries"), DhcpFamily.DHCP6, catalog, notes);
        List<HookJarConfig> hookLibraries = HookLibraries.jars(dhcp6.get("hooks-libraries"), baseDir);
        String logSeverity = GlobalSettingsReader.logSeverity(dhcp6, document.root(), DhcpFamily.DHCP6);

        List<String> identifiers = Dhcp4ConfigParser.hostReservationIdentifiers(dhcp6.get("host-reservation-identifiers"),
                Reservation6Reader.IDENTIFIERS, List.of("hw-address", "duid"));
        return new Dhcp6Config(interfaces, subnets, globalOptions, clientClasses, identifiers, globalReservations,
                hostsDatabases, flexId, hookLibraries, catalog, declineProbationPeriod,
                serverId, leaseDatabase, expired, ddns, GlobalSettingsReader.dhcp4o6Port(dhcp6),
                document.kakapo(baseDir).rateLimits(), logSeverity, notes);
    }

    private static void checkGlobalLifetimes(ConfigNode dhcp6, Subnet6Reader.Inherited globals) throws ConfigException {
        OptionalLong preferred = globals.preferredLifetime();
        OptionalLong valid = globals.validLifetime();
        if (preferred.isPresent() && valid.isPresent() && preferred.getAsLong() > valid.getAsLong()) {
            throw Subnet6Reader.lifetimesError(dhcp6.get("preferred-lifetime"), preferred.getAsLong(), valid.getAsLong());
        }
    }

    /** The enterprise number a DUID-EN gets when {@code enterprise-id} is absent or 0: ISC's, as in Kea. */
    static final long ISC_ENTERPRISE_ID = 2495;

    /**
     * {@code server-id}: how the server DUID is made; null when absent (a DUID-LLT is then made once
     * and kept). Absent {@code htype} and {@code time} are 0, as in Kea: the interface's hardware
     * type and the time the DUID is made.
     */
    private static ServerIdConfig serverId(ConfigNode node) throws ConfigException {
        if (node.isMissing()) {
            return null;
        }
        node.object();
        ConfigNode typeNode = node.get("type");
        if (typeNode.isMissing()) {
            throw typeNode.error("missing mandatory 'type' of server-id (expected \"LLT\", \"EN\" or \"LL\")");
        }
        ServerIdConfig.Type type;
        try {
            type = ServerIdConfig.Type.valueOf(typeNode.text());
        } catch (IllegalArgumentException e) {
            throw typeNode.error("unknown server-id type '" + typeNode.text() + "' (expected \"LLT\", \"EN\", \"LL\" or \"UUID\")");
        }
        ConfigNode identifierNode = node.get("identifier");
        byte[] identifier = new byte[0];
        if (!identifierNode.isMissing()) {
            try {
                identifier = HexData.parse(identifierNode.text());
            } catch (IllegalArgumentException e) {
                throw identifierNode.error(e.getMessage() + " (expected hex digits like \"12C4D5AF870C\")");
            }
        }
        int fixedPart = switch (type) {
            case LLT -> 8; // type, hardware type, time
            case EN -> 6;  // type, enterprise number
            case LL -> 4;  // type, hardware type
            case UUID -> 2;
        };
        if (type == ServerIdConfig.Type.UUID && identifier.length != 0 && identifier.length != 16) {
            throw identifierNode.error("a UUID is 16 bytes, got " + identifier.length + " (expected 32 hex digits)");
        }
        if (fixedPart + identifier.length > MAX_DUID_LENGTH) {
            throw identifierNode.error("an identifier of " + identifier.length + " bytes makes the DUID longer than "
                    + MAX_DUID_LENGTH + " bytes (expected at most " + (MAX_DUID_LENGTH - fixedPart) + " bytes for type "
                    + type + ")");
        }
        int htype = (int) uint(node, "htype", 0xFFFF);
        long time = uint(node, "time", ConfigNode.UINT32_MAX);
        long enterpriseId = uint(node, "enterprise-id", ConfigNode.UINT32_MAX);
        if (enterpriseId == 0) {
            enterpriseId = ISC_ENTERPRISE_ID; // Kea reads 0 as "not set" too
        }
        boolean persist = node.bool("persist", true);
        return new ServerIdConfig(type, Octets.of(identifier), htype, time, enterpriseId, persist);
    }

    private static long uint(ConfigNode node, String key, long max) throws ConfigException {
        ConfigNode value = node.get(key);
        return value.isMissing() ? 0 : value.uint(max);
    }
}
