package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A JSON value together with its path in the configuration ({@code Dhcp4/subnet4[0]/pools[1]/pool}),
 * so every error can say where it is. A key that is absent gives a node that is {@link #isMissing()}.
 */
final class ConfigNode {
    static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final JsonNode value;
    private final String path;

    private ConfigNode(JsonNode value, String path) {
        this.value = value == null ? MissingNode.getInstance() : value;
        this.path = path;
    }

    static ConfigNode root(JsonNode value) {
        return new ConfigNode(value, "");
    }

    String path() {
        return path.isEmpty() ? "(top level)" : path;
    }

    JsonNode json() {
        return value;
    }

    boolean isMissing() {
        return value.isMissingNode();
    }

    boolean has(String key) {
        return value.isObject() && value.has(key);
    }

    /** The value under {@code key} of this object (missing when absent). */
    ConfigNode get(String key) {
        return new ConfigNode(value.isObject() ? value.get(key) : null, path.isEmpty() ? key : path + "/" + key);
    }

    /** The keys of this object in document order, each with its value. */
    List<Map.Entry<String, ConfigNode>> fields() {
        List<Map.Entry<String, ConfigNode>> fields = new ArrayList<>();
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            fields.add(Map.entry(name, get(name)));
        }
        return fields;
    }

    /** The elements of this list; an error when it is not a list. */
    List<ConfigNode> elements() throws ConfigException {
        if (!value.isArray()) {
            throw error("expected a list [...], got " + describe(value));
        }
        List<ConfigNode> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            elements.add(new ConfigNode(value.get(i), path + "[" + i + "]"));
        }
        return elements;
    }

    /** The elements of the list under {@code key}, empty when the key is absent. */
    List<ConfigNode> list(String key) throws ConfigException {
        ConfigNode child = get(key);
        return child.isMissing() ? List.of() : child.elements();
    }

    /** This node, checked to be an object. */
    ConfigNode object() throws ConfigException {
        if (!value.isObject()) {
            throw error("expected an object {...}, got " + describe(value));
        }
        return this;
    }

    ConfigException error(String problem) {
        return new ConfigException(path(), problem);
    }

    // ---- typed values of this node ----

    /** A whole number 0..max; strings such as "4000" are refused as Kea refuses them. */
    long uint(long max) throws ConfigException {
        String expected = "expected a number 0.." + max;
        if (!value.isNumber()) {
            throw error(expected + ", got " + describe(value));
        }
        if (!value.isIntegralNumber()) {
            throw error(expected + " without a fraction, got " + value);
        }
        BigInteger n = value.bigIntegerValue();
        if (n.signum() < 0) {
            throw error("must not be negative: " + n + " (" + expected + ")");
        }
        if (n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(n + " is out of range (" + expected + ")");
        }
        return n.longValue();
    }

    boolean bool() throws ConfigException {
        if (!value.isBoolean()) {
            throw error("expected true or false, got " + describe(value));
        }
        return value.booleanValue();
    }

    String text() throws ConfigException {
        if (!value.isTextual()) {
            throw error("expected a string, got " + describe(value));
        }
        return value.textValue();
    }

    /**
     * The file name this string holds, resolved against {@code baseDir} when it is relative (and
     * {@code baseDir} is given). A name the platform cannot hold as a path (a NUL character) is an
     * error here rather than an InvalidPathException later.
     */
    Path file(Path baseDir) throws ConfigException {
        String text = text();
        try {
            Path p = Path.of(text);
            return baseDir == null ? p : baseDir.resolve(p);
        } catch (InvalidPathException e) {
            throw error("'" + printable(text) + "' is not a file name: " + e.getReason());
        }
    }

    /** Control characters shown as hex escapes, so an error message stays one readable line. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    /** A dotted-quad IPv4 address as an unsigned 32-bit value in an int. */
    int ipv4() throws ConfigException {
        String text = text();
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw error("'" + text + "' is not an IPv4 address (expected dotted quad like 192.0.2.1)");
        }
    }

    /** An IPv6 address in any textual form. */
    Ipv6Address ipv6() throws ConfigException {
        String text = text();
        try {
            return Ipv6Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw error("'" + text + "' is not an IPv6 address (expected like 2001:db8::1)");
        }
    }

    // ---- typed values of a key, with the default used when the key is absent ----

    long uint32(String key, long absent) throws ConfigException {
        ConfigNode child = get(key);
        return child.isMissing() ? absent : child.uint(UINT32_MAX);
    }

    OptionalLong uint32(String key) throws ConfigException {
        ConfigNode child = get(key);
        return child.isMissing() ? OptionalLong.empty() : OptionalLong.of(child.uint(UINT32_MAX));
    }

    boolean bool(String key, boolean absent) throws ConfigException {
        ConfigNode child = get(key);
        return child.isMissing() ? absent : child.bool();
    }

    String text(String key, String absent) throws ConfigException {
        ConfigNode child = get(key);
        return child.isMissing() ? absent : child.text();
    }

    /** How a value looks, for messages: {@code the string "4000"}, {@code a list}, ... */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isTextual()) {
            return "the string \"" + v.textValue() + "\"";
        }
        if (v.isNumber()) {
            return "the number " + v;
        }
        if (v.isBoolean()) {
            return v.toString();
        }
        if (v.isNull()) {
            return "null";
        }
        return v.isArray() ? "a list" : "an object";
    }
}
