package dev.kakapo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

/** Shared ways of feeding text to the parsers and checking what they report. */
final class ConfigAssertions {
    private ConfigAssertions() {
    }

    static final Path BASE = Path.of("/etc/kakapo");

    /** One of the parsers, as the assertions below call it. */
    @FunctionalInterface
    interface Parser {
        Object parse(String json) throws ConfigException;
    }

    private static final Parser DHCP4 = json -> Dhcp4ConfigParser.parse(json, BASE);
    private static final Parser DHCP6 = json -> Dhcp6ConfigParser.parse(json, BASE);
    static final Parser BOTH = json -> KeaConfig.parse(json, BASE);

    /** Parses {@code {"Dhcp4": {<dhcp4Body>}}}. */
    static Dhcp4Config dhcp4(String dhcp4Body) throws ConfigException {
        return Dhcp4ConfigParser.parse("{\"Dhcp4\": {" + dhcp4Body + "}}", BASE);
    }

    /** Parses {@code {"Dhcp6": {<dhcp6Body>}}}. */
    static Dhcp6Config dhcp6(String dhcp6Body) throws ConfigException {
        return Dhcp6ConfigParser.parse("{\"Dhcp6\": {" + dhcp6Body + "}}", BASE);
    }

    /** Asserts the Dhcp4 body is refused at {@code path} with a message containing {@code fragment}. */
    static ConfigException rejectsDhcp4(String dhcp4Body, String path, String fragment) {
        return rejects("{\"Dhcp4\": {" + dhcp4Body + "}}", path, fragment);
    }

    /** Asserts the Dhcp6 body is refused at {@code path} with a message containing {@code fragment}. */
    static ConfigException rejectsDhcp6(String dhcp6Body, String path, String fragment) {
        return rejectedBy(DHCP6, "{\"Dhcp6\": {" + dhcp6Body + "}}", path, fragment);
    }

    /** Asserts the DHCPv4 parser refuses the whole document at {@code path} with a message containing {@code fragment}. */
    static ConfigException rejects(String json, String path, String fragment) {
        return rejectedBy(DHCP4, json, path, fragment);
    }

    /** Asserts {@code parser} refuses the document at {@code path} with a message containing {@code fragment}. */
    static ConfigException rejectedBy(Parser parser, String json, String path, String fragment) {
        ConfigException e = assertThrows(ConfigException.class, () -> parser.parse(json));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
        return e;
    }
}
