package dev.kakapo.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code parameters} object of a library's {@code hooks-libraries} entry (empty when the
 * entry has none), read by name as Kea's {@code getParameter} does, plus the folder relative
 * file names in it are resolved against: the configuration file's.
 */
public final class HookParameters {
    private final ObjectNode json;
    private final Path baseDirectory;

    public HookParameters(ObjectNode json, Path baseDirectory) {
        this.json = json == null ? JsonNodeFactory.instance.objectNode() : json.deepCopy();
        this.baseDirectory = baseDirectory;
    }

    /** The parameter's JSON value (string, number, boolean, list or map), or null when absent. */
    public JsonNode get(String name) {
        JsonNode value = json.get(name);
        return value == null ? null : value.deepCopy();
    }

    /** The names given, in file order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A parameter that must be a string. */
    public String text(String name) throws HookLoadException {
        JsonNode value = json.get(name);
        if (value == null) {
            throw new HookLoadException("missing parameter '" + name + "'", name);
        }
        if (!value.isTextual()) {
            throw new HookLoadException("parameter '" + name + "' must be a string, not " + value, name);
        }
        return value.asText();
    }

    /** A parameter that must be a string when given; {@code absent} when not. */
    public String text(String name, String absent) throws HookLoadException {
        return json.has(name) ? text(name) : absent;
    }

    /** A string parameter naming a file: absolute, or relative to the configuration file's folder. */
    public Path file(String name) throws HookLoadException {
        Path path = Path.of(text(name));
        return path.isAbsolute() || baseDirectory == null ? path : baseDirectory.resolve(path);
    }
}
