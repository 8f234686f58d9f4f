package dev.kakapo.server.config;

import dev.kakapo.protocol.option.HexData;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.option.OptionDefinition;
import dev.kakapo.protocol.option.VendorOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code option-data} lists (global, subnet, pool) into encoded options, using the standard
 * definitions of one family plus {@code option-def}. Entries may name any option space: those in
 * a space some option encapsulates end up inside that option's payload (see
 * {@link OptionEncapsulation}), so every result is a top-level option of the family's space.
 */
final class OptionDataReader {
    /** Relay agent sub-options come from the relay and go back to it; a server does not configure them. */
    private static final String AGENT_OPTIONS_SPACE = "dhcp-agent-options-space";

    private final DhcpFamily family;
    private final OptionCatalog catalog;
    private final List<OptionDefinition> definitions;
    private final Map<String, OptionCatalog> spaces = new HashMap<>();

    /**
     * @param catalog     the definitions of the family's standard space ({@code dhcp4} or {@code dhcp6})
     * @param definitions every {@code option-def}; those of other spaces define sub-options
     */
    OptionDataReader(DhcpFamily family, OptionCatalog catalog, List<OptionDefinition> definitions) {
        this.family = family;
        this.catalog = catalog;
        this.definitions = List.copyOf(definitions);
        spaces.put(catalog.space(), catalog);
    }

    /** One scope's {@code option-data}: its top-level options, sub-options already inside their parents. */
    List<ConfiguredOption> read(ConfigNode optionData) throws ConfigException {
        List<OptionEncapsulation.SpaceOption> entries = new ArrayList<>();
        for (ConfigNode entry : optionData.isMissing() ? List.<ConfigNode>of() : optionData.elements()) {
            entries.add(readOne(entry.object()));
        }
        return new OptionEncapsulation(family == DhcpFamily.DHCP4, catalog.space(), this::catalogOf).assemble(entries);
    }

    private OptionEncapsulation.SpaceOption readOne(ConfigNode entry) throws ConfigException {
        ConfigNode nameNode = entry.get("name");
        ConfigNode codeNode = entry.get("code");
        String name = nameNode.isMissing() ? null : nameNode.text();
        Integer code = codeNode.isMissing() ? null : code(codeNode);
        if (name == null && code == null) {
            throw entry.error("an option needs 'name' or 'code' (expected e.g. \"name\": \"routers\")");
        }
        if (name != null && (name.isBlank() || name.contains(" "))) {
            throw nameNode.error("option name '" + name + "' must be non-empty and without spaces");
        }
        String space = entry.text("space", catalog.space());
        checkSpace(entry.get("space"), space);
        OptionCatalog spaceCatalog = catalogOf(space);

        Optional<OptionDefinition> definition = definitionOf(entry, name, code, spaceCatalog);
        String data = entry.text("data", "");
        ConfigNode csvNode = entry.get("csv-format");
        boolean csv = csvNode.isMissing() ? definition.isPresent() : csvNode.bool();
        byte[] payload;
        if (csv) {
            if (definition.isEmpty()) {
                throw csvNode.error("option code " + code + inSpace(space) + " has no definition, so its data cannot"
                        + " be read as csv (expected \"csv-format\": false with hex data, or an option-def for it)");
            }
            try {
                payload = definition.get().encodeCsv(data, family == DhcpFamily.DHCP4);
            } catch (IllegalArgumentException e) {
                throw entry.get("data").error(e.getMessage());
            }
        } else {
            try {
                payload = HexData.parse(data);
            } catch (IllegalArgumentException e) {
                throw entry.get("data").error(e.getMessage() + " (csv-format false expects hex data)");
            }
        }
        boolean alwaysSend = entry.bool("always-send", false);
        return new OptionEncapsulation.SpaceOption(space, definition.map(OptionDefinition::code).orElse(code),
                definition.orElse(null), payload, alwaysSend, entry);
    }

    private int code(ConfigNode codeNode) throws ConfigException {
        long code = codeNode.uint(ConfigNode.UINT32_MAX);
        int max = family.maxOptionCode();
        if (code == 0) {
            throw codeNode.error("option code 0 is reserved" + (family == DhcpFamily.DHCP4 ? " for padding" : "")
                    + " (expected 1.." + max + ")");
        }
        if (code > max) {
            throw codeNode.error("option code " + code + " is out of range for " + family.protocolName()
                    + " (expected 1.." + max + ")");
        }
        return (int) code;
    }

    /** Refuses spaces no option of this family can live in. */
    private void checkSpace(ConfigNode spaceNode, String space) throws ConfigException {
        DhcpFamily other = family == DhcpFamily.DHCP4 ? DhcpFamily.DHCP6 : DhcpFamily.DHCP4;
        if (space.equals(other.optionSpace())) {
            throw spaceNode.error("option space '" + space + "' holds " + other.protocolName() + " options, not "
                    + family.protocolName() + " ones (expected \"" + catalog.space() + "\" or a sub-option space)");
        }
        if (space.equals(AGENT_OPTIONS_SPACE) && family == DhcpFamily.DHCP4) {
            throw spaceNode.error("relay agent information (option 82) sub-options are the relay's, not configured"
                    + " by the server (space '" + space + "')");
        }
        OptionDefReader.checkSpaceName(spaceNode, space);
    }

    /**
     * The definitions of one option space: the family's standard ones, Kea's built-in vendor ones
     * for {@code vendor-<enterprise>}, plus the {@code option-def}s of that space.
     */
    private OptionCatalog catalogOf(String space) {
        return spaces.computeIfAbsent(space, s -> {
            OptionalLong enterprise = VendorOptions.enterprise(s);
            OptionCatalog standard = enterprise.isEmpty() ? OptionCatalog.empty(s)
                    : family == DhcpFamily.DHCP4 ? OptionCatalog.vendor4(enterprise.getAsLong())
                    : OptionCatalog.vendor6(enterprise.getAsLong());
            return standard.with(definitions.stream().filter(d -> d.space().equals(s)).toList());
        });
    }

    /** The definition {@code name} and/or {@code code} point at; empty for a code with none. */
    private Optional<OptionDefinition> definitionOf(ConfigNode entry, String name, Integer code, OptionCatalog spaceCatalog)
            throws ConfigException {
        Optional<OptionDefinition> byName = name == null ? Optional.empty() : spaceCatalog.byName(name);
        if (name != null && byName.isEmpty()) {
            String expected = spaceCatalog == catalog
                    ? "a standard " + family.protocolName() + " option name or one from option-def"
                    : "a name that an option-def with \"space\": \"" + spaceCatalog.space() + "\" defines"
                            + (spaceCatalog.definitions().isEmpty() ? "" : ", or one of " + names(spaceCatalog));
            throw entry.get("name").error("unknown option name '" + name + "'" + inSpace(spaceCatalog.space())
                    + " (expected " + expected + ")");
        }
        if (code == null) {
            return byName;
        }
        if (byName.isPresent() && byName.get().code() != code) {
            throw entry.get("name").error("option name '" + name + "' is code " + byName.get().code()
                    + inSpace(spaceCatalog.space()) + ", which does not match the specified code " + code);
        }
        return spaceCatalog.byCode(code);
    }

    private String inSpace(String space) {
        return space.equals(catalog.space()) ? "" : " in space '" + space + "'";
    }

    private static String names(OptionCatalog spaceCatalog) {
        return String.join(", ", spaceCatalog.definitions().stream().map(OptionDefinition::name).sorted().toList());
    }
}
