package dev.kakapo.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * One configuration file carrying the {@code Dhcp4} section, the {@code Dhcp6} section or both, as
 * the server running both families loads it. Keys of both sections are checked in document order
 * before either section's values are read.
 *
 * @param dhcp4  the DHCPv4 configuration, or null when the file has no {@code Dhcp4} (or it was not asked for)
 * @param dhcp6  the DHCPv6 configuration, or null when the file has no {@code Dhcp6} (or it was not asked for)
 * @param kakapo  the {@code Kakapo} section
 * @param control where the control API and metrics are served ({@code Kakapo.control}, or the
 *                sections' http {@code control-socket(s)}); null for nowhere
 * @param notes   things about the whole file an operator should know (the sections have their own)
 */
public record KeaConfig(Dhcp4Config dhcp4, Dhcp6Config dhcp6, KakapoSettings kakapo, ControlSettings control,
                        List<String> notes) {

    public KeaConfig {
        if (dhcp4 == null && dhcp6 == null) {
            throw new IllegalArgumentException("a configuration needs a DHCPv4 or a DHCPv6 part");
        }
        kakapo = kakapo == null ? KakapoSettings.ALL_IN_ONE : kakapo;
        notes = List.copyOf(notes);
    }

    /** A configuration without a control API. */
    public KeaConfig(Dhcp4Config dhcp4, Dhcp6Config dhcp6, KakapoSettings kakapo) {
        this(dhcp4, dhcp6, kakapo, null, List.of());
    }

    /** The same configuration served with {@code control} (e.g. a test's loopback port). */
    public KeaConfig withControl(ControlSettings control) {
        return new KeaConfig(dhcp4, dhcp6, kakapo, control, notes);
    }

    /** Which families a command serves: one of them ({@code kakapo dhcp4}, {@code dhcp6}) or whichever the file has ({@code server}). */
    public enum Families {
        DHCP4, DHCP6, BOTH
    }

    /**
     * The {@code Kakapo} section of a node configuration, as a coordinator reads it (it serves no
     * DHCP, so only the keys of the DHCP sections are checked, not their values).
     */
    public static KakapoSettings kakapoSettings(Path file) throws ConfigException, IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        KeaDocument document = KeaDocument.read(json, EnumSet.allOf(DhcpFamily.class));
        return KakapoSettingsReader.read(document.root().get("Kakapo"), file.toAbsolutePath().getParent());
    }

    /**
     * {@code Kakapo.control} of {@code file}, where a coordinator or a ddns-worker serves its
     * control API and metrics; null when the file has none. The DHCP sections' control sockets
     * belong to the servers and are not looked at.
     */
    public static ControlSettings processControl(Path file) throws ConfigException, IOException {
        com.fasterxml.jackson.databind.JsonNode root = KeaJsonSyntax.read(Files.readString(file, StandardCharsets.UTF_8),
                new ArrayList<>());
        return ControlSettingsReader.kakapoControlOnly(ConfigNode.root(root), file.toAbsolutePath().getParent());
    }

    /**
     * {@code Kakapo.ddns-tls} of {@code file} as a ddns-worker serves it (its certificate and key
     * required, the files read and checked); null when the file has none, for plaintext.
     */
    public static dev.kakapo.ddns.tls.DdnsTls ddnsWorkerTls(Path file) throws ConfigException, IOException {
        com.fasterxml.jackson.databind.JsonNode root = KeaJsonSyntax.read(Files.readString(file, StandardCharsets.UTF_8),
                new ArrayList<>());
        return DdnsTlsReader.read(ConfigNode.root(root).get("Kakapo").get("ddns-tls"), file.toAbsolutePath().getParent(),
                DdnsTlsReader.End.DDNS_WORKER, true);
    }

    /**
     * The {@code DhcpDdns} object of {@code file} (comments and Kea's syntax handled as for the
     * other sections), for the ddns-worker to read; a missing node when the file has none.
     */
    public static com.fasterxml.jackson.databind.JsonNode dhcpDdnsSection(Path file) throws ConfigException, IOException {
        // Only the worker's own section is checked (by the worker): a shared file's DHCP sections
        // are the servers' business.
        com.fasterxml.jackson.databind.JsonNode root = KeaJsonSyntax.read(Files.readString(file, StandardCharsets.UTF_8),
                new java.util.ArrayList<>());
        return root.path("DhcpDdns");
    }

    /** Configuration text as a JSON tree, comments and Kea's syntax handled (the control API's config-get). */
    public static com.fasterxml.jackson.databind.JsonNode jsonTree(String json) throws ConfigException {
        return KeaJsonSyntax.read(json, new ArrayList<>());
    }

    /** Reads {@code file} for {@code families}; the sections of a family not asked for are not looked at. */
    public static KeaConfig parseFile(Path file, Families families) throws ConfigException, IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        return parse(json, file.toAbsolutePath().getParent(), families);
    }

    /** Parses configuration text for {@code families}; relative lease file names resolve against {@code baseDir}. */
    public static KeaConfig parse(String json, Path baseDir, Families families) throws ConfigException {
        if (families == Families.BOTH) {
            return parse(json, baseDir);
        }
        DhcpFamily family = families == Families.DHCP4 ? DhcpFamily.DHCP4 : DhcpFamily.DHCP6;
        KeaDocument document = KeaDocument.read(json, EnumSet.of(family));
        if (document.section(family).isMissing()) {
            throw document.root().error("no mandatory '" + family.section() + "' entry (expected {\"" + family.section() + "\": {...}})");
        }
        KakapoSettings kakapo = document.kakapo(baseDir);
        List<String> notes = new ArrayList<>();
        ControlSettings control = ControlSettingsReader.read(document, EnumSet.of(family), baseDir, notes);
        KeaConfig config = family == DhcpFamily.DHCP4
                ? new KeaConfig(Dhcp4ConfigParser.read(document, baseDir), null, kakapo, control, notes)
                : new KeaConfig(null, Dhcp6ConfigParser.read(document, baseDir), kakapo, control, notes);
        config.checkSharedLeases(document);
        return config;
    }

    /** Reads {@code file}; relative lease file names resolve against the file's folder. */
    public static KeaConfig parseFile(Path file) throws ConfigException, IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        return parse(json, file.toAbsolutePath().getParent());
    }

    /** Parses configuration text; relative lease file names resolve against {@code baseDir}. */
    public static KeaConfig parse(String json, Path baseDir) throws ConfigException {
        KeaDocument document = KeaDocument.read(json, EnumSet.allOf(DhcpFamily.class));
        boolean has4 = !document.section(DhcpFamily.DHCP4).isMissing();
        boolean has6 = !document.section(DhcpFamily.DHCP6).isMissing();
        if (!has4 && !has6) {
            throw document.root().error("no 'Dhcp4' or 'Dhcp6' entry (expected {\"Dhcp4\": {...}}, {\"Dhcp6\": {...}} or both)");
        }
        // values are read section by section in document order, so the first bad value is the one named
        Dhcp4Config dhcp4 = null;
        Dhcp6Config dhcp6 = null;
        for (Map.Entry<String, ConfigNode> section : document.root().fields()) {
            if (section.getKey().equals("Dhcp4")) {
                dhcp4 = Dhcp4ConfigParser.read(document, baseDir);
            } else if (section.getKey().equals("Dhcp6")) {
                dhcp6 = Dhcp6ConfigParser.read(document, baseDir);
            }
        }
        if (dhcp4 != null && dhcp6 != null) {
            checkSeparateLeaseFiles(document, dhcp4.leaseDatabase(), dhcp6.leaseDatabase());
        }
        List<String> notes = new ArrayList<>();
        ControlSettings control = ControlSettingsReader.read(document, EnumSet.allOf(DhcpFamily.class), baseDir, notes);
        KeaConfig config = new KeaConfig(dhcp4, dhcp6, document.kakapo(baseDir), control, notes);
        config.checkSharedLeases(document);
        return config;
    }

    /**
     * The nodes of a cluster share their leases through a database; a lease file lives on one
     * node, so a cluster may only use memfile without persistence (a test or demo setting).
     */
    private void checkSharedLeases(KeaDocument document) throws ConfigException {
        if (kakapo.cluster() == null) {
            return;
        }
        for (LeaseDatabase db : new LeaseDatabase[] {dhcp4 == null ? null : dhcp4.leaseDatabase(), dhcp6 == null ? null : dhcp6.leaseDatabase()}) {
            if (db != null && !db.shared() && db.persist()) {
                throw document.root().get("Kakapo").get("cluster").error("the nodes of a cluster share leases through a database,"
                        + " but lease-database is a memfile lease file (" + db.file() + ") on each node; use a shared database,"
                        + " or \"persist\": false to keep leases in the coordinators' memory only");
            }
        }
    }

    /** The two families write different lease records, so one file cannot hold both. */
    private static void checkSeparateLeaseFiles(KeaDocument document, LeaseDatabase v4, LeaseDatabase v6)
            throws ConfigException {
        if (v4.shared() || v6.shared() || !v4.persist() || !v6.persist() || !v4.file().normalize().equals(v6.file().normalize())) {
            return;
        }
        ConfigNode database = document.section(DhcpFamily.DHCP6).get("lease-database");
        ConfigNode at = database.has("name") ? database.get("name") : database;
        throw at.error("lease file " + v6.file() + " is also the Dhcp4 lease file (expected a separate file for each family)");
    }
}
