package dev.kakapo.server.config;

import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.eval.ExpressionException;
import dev.kakapo.protocol.eval.OptionNames;
import dev.kakapo.protocol.eval.Universe;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.option.OptionDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code client-classes}: each class's {@code test} is compiled here, once, and a class may
 * only name ({@code member('...')}) the built-in classes and the classes defined before it, so the
 * order of evaluation is the order of the file.
 */
final class ClientClassReader {
    /** Classes Kakapo sets itself; {@code VENDOR_CLASS_...} names are built in too. */
    static final Set<String> BUILT_IN = Set.of("ALL", "KNOWN", "UNKNOWN");
    static final String VENDOR_CLASS_PREFIX = "VENDOR_CLASS_";

    private final DhcpFamily family;
    private final OptionCatalog catalog;
    private final List<OptionDefinition> definitions;
    private final OptionDataReader globalOptionData;

    /**
     * @param catalog     the family's standard definitions plus the global {@code option-def}s
     * @param definitions every global {@code option-def}
     */
    ClientClassReader(DhcpFamily family, OptionCatalog catalog, List<OptionDefinition> definitions,
                      OptionDataReader globalOptionData) {
        this.family = family;
        this.catalog = catalog;
        this.definitions = definitions;
        this.globalOptionData = globalOptionData;
    }

    List<ClientClass> read(ConfigNode classes) throws ConfigException {
        List<ClientClass> read = new ArrayList<>();
        Set<String> defined = new HashSet<>();
        for (ConfigNode entry : classes.isMissing() ? List.<ConfigNode>of() : classes.elements()) {
            ClientClass c = readOne(entry.object(), defined);
            defined.add(c.name());
            read.add(c);
        }
        return List.copyOf(read);
    }

    private ClientClass readOne(ConfigNode entry, Set<String> defined) throws ConfigException {
        ConfigNode nameNode = entry.get("name");
        if (nameNode.isMissing() || nameNode.text().isBlank()) {
            throw (nameNode.isMissing() ? entry : nameNode).error("a client class needs a 'name'");
        }
        String name = nameNode.text();
        if (defined.contains(name)) {
            throw nameNode.error("client class '" + name + "' is already defined (expected each name once)");
        }
        if (BUILT_IN.contains(name)) {
            throw nameNode.error("'" + name + "' is a built-in class Kakapo sets itself (expected another name)");
        }

        OptionCatalog classCatalog = catalog;
        OptionDataReader optionData = globalOptionData;
        ConfigNode defs = entry.get("option-def");
        if (!defs.isMissing()) {
            List<OptionDefinition> own = OptionDefReader.read(defs, family);
            classCatalog = catalog.with(own.stream().filter(d -> d.space().equals(catalog.space())).toList());
            List<OptionDefinition> all = new ArrayList<>(definitions);
            all.addAll(own);
            optionData = new OptionDataReader(family, classCatalog, all);
        }

        Expression test = null;
        ConfigNode testNode = entry.get("test");
        if (!testNode.isMissing()) {
            test = compile(testNode, name, classCatalog);
            for (String member : test.referencedClasses()) {
                if (!defined.contains(member) && !BUILT_IN.contains(member) && !member.startsWith(VENDOR_CLASS_PREFIX)) {
                    throw testNode.error("client class '" + name + "' depends on class '" + member
                            + "', which is not defined before it (expected a built-in class or one defined earlier)");
                }
            }
        }
        boolean onlyWhenRequired = entry.bool("only-if-required", false) || entry.bool("only-in-additional-list", false);
        List<ConfiguredOption> options = optionData.read(entry.get("option-data"));

        int nextServer = 0;
        String serverHostname = "";
        String bootFileName = "";
        if (family == DhcpFamily.DHCP4) {
            ConfigNode next = entry.get("next-server");
            nextServer = Subnet4Reader.nextServer(next, 0);
            if (nextServer == -1) {
                throw next.error("next-server must not be the broadcast address 255.255.255.255");
            }
            serverHostname = bootField(entry, "server-hostname", 63);
            bootFileName = bootField(entry, "boot-file-name", 128);
        }
        return new ClientClass(name, test, onlyWhenRequired, options, nextServer, serverHostname, bootFileName);
    }

    private Expression compile(ConfigNode testNode, String className, OptionCatalog classCatalog) throws ConfigException {
        String text = testNode.text();
        try {
            return Expression.compile(text, family == DhcpFamily.DHCP4 ? Universe.DHCP4 : Universe.DHCP6,
                    OptionNames.of(classCatalog));
        } catch (ExpressionException e) {
            throw testNode.error("client class '" + className + "': cannot read test [" + text + "] at column "
                    + e.column() + ": " + e.reason());
        }
    }

    /** DHCPv4's sname and file fields: Kea allows 63 and 128 bytes. */
    static String bootField(ConfigNode entry, String key, int maxBytes) throws ConfigException {
        String value = entry.text(key, "");
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length > maxBytes) {
            throw entry.get(key).error(key + " is " + length + " bytes long (expected at most " + maxBytes + ")");
        }
        return value;
    }
}
