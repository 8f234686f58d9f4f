package dev.kakapo.server.config;

import dev.kakapo.protocol.option.OptionDataType;
import dev.kakapo.protocol.option.OptionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code option-def}: the layouts of options Kea has no standard definition for. */
final class OptionDefReader {
    private OptionDefReader() {
    }

    /** Every definition in config order, whatever its space; {@code space} defaults to the family's. */
    static List<OptionDefinition> read(ConfigNode optionDefs, DhcpFamily family) throws ConfigException {
        List<OptionDefinition> definitions = new ArrayList<>();
        Map<String, String> seenCodes = new HashMap<>(); // "space/code" -> path of its first definition
        Map<String, String> seenNames = new HashMap<>();
        for (ConfigNode def : optionDefs.isMissing() ? List.<ConfigNode>of() : optionDefs.elements()) {
            def.object();
            OptionDefinition d = readOne(def, family);
            String first = seenCodes.putIfAbsent(d.space() + "/" + d.code(), def.path());
            if (first != null) {
                throw def.get("code").error("option code " + d.code() + " in space '" + d.space()
                        + "' is already defined by " + first + " (expected each code once per space)");
            }
            first = seenNames.putIfAbsent(d.space() + "/" + d.name(), def.path());
            if (first != null) {
                throw def.get("name").error("option name '" + d.name() + "' in space '" + d.space()
                        + "' is already defined by " + first + " (expected each name once per space)");
            }
            definitions.add(d);
        }
        return definitions;
    }

    private static OptionDefinition readOne(ConfigNode def, DhcpFamily family) throws ConfigException {
        String name = mandatory(def, "name").text();
        if (name.isBlank() || name.contains(" ")) {
            throw def.get("name").error("option name '" + name + "' must be non-empty and without spaces");
        }
        int max = family.maxOptionCode();
        int code = (int) mandatory(def, "code").uint(max);
        if (code == 0) {
            throw def.get("code").error("option code 0 is reserved" + (family == DhcpFamily.DHCP4 ? " for padding" : "")
                    + " (expected 1.." + max + ")");
        }
        ConfigNode typeNode = mandatory(def, "type");
        OptionDataType type = dataType(typeNode, typeNode.text());
        boolean array = def.bool("array", false);
        String space = def.text("space", family.optionSpace());
        String encapsulate = def.text("encapsulate", "");
        List<OptionDataType> recordTypes = new ArrayList<>();
        ConfigNode recordTypesNode = def.get("record-types");
        String recordTypesText = recordTypesNode.isMissing() ? "" : recordTypesNode.text();
        if (!recordTypesText.isBlank()) {
            for (String field : recordTypesText.split(",")) {
                recordTypes.add(dataType(recordTypesNode, field.strip()));
            }
        }
        if (type == OptionDataType.RECORD && recordTypes.isEmpty()) {
            throw def.get("record-types").error("type 'record' needs its field types (e.g. \"uint16, ipv4-address\")");
        }
        if (type != OptionDataType.RECORD && !recordTypes.isEmpty()) {
            throw recordTypesNode.error("record-types is only used with type 'record', not '" + type.keaName() + "'");
        }
        checkSpaceName(def.get("space"), space);
        if (!encapsulate.isEmpty()) {
            checkSpaceName(def.get("encapsulate"), encapsulate);
        }
        checkLayout(def, type, array, recordTypes);
        if (!encapsulate.isEmpty() && array) {
            throw def.get("encapsulate").error("an option that is an array cannot also encapsulate option space '"
                    + encapsulate + "' (expected array false or no encapsulate)");
        }
        if (encapsulate.equals(space)) {
            throw def.get("encapsulate").error("an option cannot encapsulate its own space '" + space + "'");
        }
        return new OptionDefinition(name, code, space, type, array, recordTypes,
                encapsulate.isEmpty() ? null : encapsulate);
    }

    /** Kea's option space names: letters, digits, '-' and '_', not starting with '-'. */
    static void checkSpaceName(ConfigNode node, String space) throws ConfigException {
        boolean valid = !space.isEmpty() && space.charAt(0) != '-'
                && space.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
        if (!valid) {
            throw node.error("invalid option space name '" + space
                    + "' (expected letters, digits, '-' and '_', not starting with '-')");
        }
    }

    /**
     * The layouts Kea refuses: arrays whose elements have no length of their own, and records
     * with fewer than two fields or a variable-length field before the last.
     */
    private static void checkLayout(ConfigNode def, OptionDataType type, boolean array, List<OptionDataType> fields)
            throws ConfigException {
        if (array && (type == OptionDataType.STRING || type == OptionDataType.BINARY || type == OptionDataType.EMPTY)) {
            throw def.get("array").error("an array of " + type.keaName()
                    + " is not a valid option definition (its elements would have no length to tell them apart)");
        }
        if (type != OptionDataType.RECORD) {
            return;
        }
        ConfigNode recordTypes = def.get("record-types");
        if (fields.size() < 2) {
            throw recordTypes.error("a record needs at least 2 fields but '" + recordTypes.text()
                    + "' has " + fields.size() + " (expected e.g. \"uint16, ipv4-address\"; use the type itself for one)");
        }
        for (int i = 0; i < fields.size(); i++) {
            OptionDataType field = fields.get(i);
            if (field == OptionDataType.EMPTY || field == OptionDataType.RECORD) {
                throw recordTypes.error("a record field cannot be of type '" + field.keaName() + "' (in '"
                        + recordTypes.text() + "')");
            }
            if ((field == OptionDataType.STRING || field == OptionDataType.BINARY) && i < fields.size() - 1) {
                throw recordTypes.error("a " + field.keaName() + " field runs to the end of the option, so it can only"
                        + " be the last of '" + recordTypes.text() + "'");
            }
        }
    }

    private static ConfigNode mandatory(ConfigNode def, String key) throws ConfigException {
        ConfigNode value = def.get(key);
        if (value.isMissing()) {
            throw value.error("missing mandatory '" + key + "' of an option definition (name, code and type are required)");
        }
        return value;
    }

    /** Kea's option data types that Kakapo has no codec for yet. */
    private static final Set<String> KEA_TYPES_NOT_SUPPORTED = Set.of("tuple", "internal");

    private static OptionDataType dataType(ConfigNode node, String name) throws ConfigException {
        try {
            return OptionDataType.fromKeaName(name);
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (OptionDataType t : OptionDataType.values()) {
                known.append(known.length() == 0 ? "" : ", ").append(t.keaName());
            }
            String problem = KEA_TYPES_NOT_SUPPORTED.contains(name)
                    ? "option data type '" + name + "' is a Kea type Kakapo does not support yet"
                    : e.getMessage();
            throw node.error(problem + " (expected one of: " + known + ")");
        }
    }
}
