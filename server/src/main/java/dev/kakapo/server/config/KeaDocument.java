package dev.kakapo.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A configuration file read once into its JSON tree, with the notes its syntax earned (a stray
 * comma), so the DHCPv4 and DHCPv6 sections of one file can be loaded from a single parse.
 */
final class KeaDocument {
    private final ConfigNode root;
    private final List<String> syntaxNotes;
    /** The Kakapo section, read on first use: both families need it, and it reads files (ddns-tls). */
    private KakapoSettings kakapo;

    private KeaDocument(ConfigNode root, List<String> syntaxNotes) {
        this.root = root;
        this.syntaxNotes = List.copyOf(syntaxNotes);
    }

    /**
     * Parses {@code json} and checks its keys for {@code families} in document order (see
     * {@link KeaKeys}); the sections of other families are left alone.
     */
    static KeaDocument read(String json, Set<DhcpFamily> families) throws ConfigException {
        List<String> notes = new ArrayList<>();
        ConfigNode root = ConfigNode.root(KeaJsonSyntax.read(json, notes));
        if (!root.json().isObject()) {
            throw root.error("the configuration must be one JSON object, got " + ConfigNode.describe(root.json()));
        }
        KeaKeys.checkDocument(root, families);
        return new KeaDocument(root, notes);
    }

    ConfigNode root() {
        return root;
    }

    /** The section of {@code family}, missing when the file has none. */
    ConfigNode section(DhcpFamily family) {
        return root.get(family.section());
    }

    /** The {@code Kakapo} section's settings, files relative to {@code baseDir}; read once per document. */
    KakapoSettings kakapo(Path baseDir) throws ConfigException {
        if (kakapo == null) {
            kakapo = KakapoSettingsReader.read(root.get("Kakapo"), baseDir);
        }
        return kakapo;
    }

    /** A fresh list of notes for one section's configuration, starting with the syntax notes. */
    List<String> notes() {
        return new ArrayList<>(syntaxNotes);
    }
}
