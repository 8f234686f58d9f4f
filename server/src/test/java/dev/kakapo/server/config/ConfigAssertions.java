package dev.kakapo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

/** Shared ways of feeding text to the parser and checking what it reports. */
final class ConfigAssertions {
    private ConfigAssertions() {
    }

    static final Path BASE = Path.of("/etc/kakapo");

    /** Parses {@code {"Dhcp4": {<dhcp4Body>}}}. */
    static Dhcp4Config dhcp4(String dhcp4Body) throws ConfigException {
        return Dhcp4ConfigParser.parse("{\"Dhcp4\": {" + dhcp4Body + "}}", BASE);
    }

    /** Asserts the Dhcp4 body is refused at {@code path} with a message containing {@code fragment}. */
    static ConfigException rejectsDhcp4(String dhcp4Body, String path, String fragment) {
        return rejects("{\"Dhcp4\": {" + dhcp4Body + "}}", path, fragment);
    }

    /** Asserts the whole document is refused at {@code path} with a message containing {@code fragment}. */
    static ConfigException rejects(String json, String path, String fragment) {
        ConfigException e = assertThrows(ConfigException.class, () -> Dhcp4ConfigParser.parse(json, BASE));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
        return e;
    }
}
