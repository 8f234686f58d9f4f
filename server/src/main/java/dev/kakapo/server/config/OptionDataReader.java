package dev.kakapo.server.config;

import dev.kakapo.protocol.option.HexData;
import dev.kakapo.protocol.option.OptionCatalog;
import dev.kakapo.protocol.option.OptionDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code option-data} lists (global, subnet, pool) into encoded options, using the standard
 * definitions of one family plus {@code option-def}.
 */
final class OptionDataReader {
    private final DhcpFamily family;
    private final OptionCatalog catalog;
    private final List<OptionDefinition> otherSpaces;

    /**
     * @param catalog     the definitions of the family's standard space ({@code dhcp4} or {@code dhcp6})
     * @param definitions every {@code option-def}; those of other spaces only sharpen error messages
     */
    OptionDataReader(DhcpFamily family, OptionCatalog catalog, List<OptionDefinition> definitions) {
        this.family = family;
        this.catalog = catalog;
        this.otherSpaces = definitions.stream().filter(d -> !d.space().equals(catalog.space())).toList();
    }

    List<ConfiguredOption> read(ConfigNode optionData) throws ConfigException {
        List<ConfiguredOption> options = new ArrayList<>();
        for (ConfigNode entry : optionData.isMissing() ? List.<ConfigNode>of() : optionData.elements()) {
            options.add(readOne(entry.object()));
        }
        return List.copyOf(options);
    }

    private ConfiguredOption readOne(ConfigNode entry) throws ConfigException {
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
        if (!space.equals(catalog.space())) {
            throw entry.get("space").error(otherSpaceProblem(space, name, code));
        }

        Optional<OptionDefinition> definition = definitionOf(entry, name, code);
        String data = entry.text("data", "");
        ConfigNode csvNode = entry.get("csv-format");
        boolean csv = csvNode.isMissing() ? definition.isPresent() : csvNode.bool();
        byte[] payload;
        if (csv) {
            if (definition.isEmpty()) {
                throw csvNode.error("option code " + code + " has no definition, so its data cannot be read as csv"
                        + " (expected \"csv-format\": false with hex data, or an option-def for it)");
            }
            try {
                payload = definition.get().encodeCsv(data);
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
        return new ConfiguredOption(definition.map(OptionDefinition::code).orElse(code),
                definition.map(OptionDefinition::name).orElse(null), payload, alwaysSend);
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

    /** The definition {@code name} and/or {@code code} point at; empty for a code with none. */
    private Optional<OptionDefinition> definitionOf(ConfigNode entry, String name, Integer code) throws ConfigException {
        Optional<OptionDefinition> byName = name == null ? Optional.empty() : catalog.byName(name);
        if (name != null && byName.isEmpty()) {
            throw entry.get("name").error("unknown option name '" + name
                    + "' (expected a standard " + family.protocolName() + " option name or one from option-def)");
        }
        if (code == null) {
            return byName;
        }
        Optional<OptionDefinition> byCode = catalog.byCode(code);
        if (byName.isPresent() && byName.get().code() != code) {
            throw entry.get("name").error("option name '" + name + "' is code " + byName.get().code()
                    + ", which does not match the specified code " + code);
        }
        return byCode;
    }

    private String otherSpaceProblem(String space, String name, Integer code) {
        boolean defined = otherSpaces.stream().anyMatch(d -> d.space().equals(space)
                && (name == null || d.name().equals(name)) && (code == null || d.code() == code));
        String option = name != null ? "'" + name + "'" : "code " + code;
        return defined
                ? "options in space '" + space + "' are not supported yet (expected space \"" + catalog.space() + "\")"
                : "no definition for option " + option + " in space '" + space
                        + "' (only the \"" + catalog.space() + "\" space is supported yet)";
    }
}
