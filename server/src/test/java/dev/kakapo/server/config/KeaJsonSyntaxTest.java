package dev.kakapo.server.config;

import static dev.kakapo.server.config.ConfigAssertions.BASE;
import static dev.kakapo.server.config.ConfigAssertions.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeaJsonSyntaxTest {

    @Test
    void hashSlashSlashAndBlockCommentsAreSkipped() throws ConfigException {
        String json = """
                # Kea 1.1 style comment
                { "Dhcp4": {
                    // today's style
                    "valid-lifetime": 4000, # after a value
                    /* a block
                       over lines */ "renew-timer": 1000
                } }
                """;
        Dhcp4Config config = Dhcp4ConfigParser.parse(json, BASE);
        assertEquals(0, config.subnets().size());
        assertTrue(config.notes().isEmpty(), config.notes().toString());
    }

    @Test
    void syntaxErrorNamesLineColumnAndPath() {
        String json = "{ \"Dhcp4\": {\n  \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\" \"id\": 1 } ]\n} }";
        ConfigException e = rejects(json, "Dhcp4/subnet4[0]/subnet", "syntax error at line 2 column");
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void duplicateKeyIsAnError() {
        rejects("{ \"Dhcp4\": { \"valid-lifetime\": 1, \"valid-lifetime\": 2 } }",
                "Dhcp4/valid-lifetime", "Duplicate field 'valid-lifetime'");
    }

    @Test
    void strayCommaIsAcceptedWithANote() throws ConfigException {
        Dhcp4Config config = Dhcp4ConfigParser.parse("{ \"Dhcp4\": { \"interfaces-config\": { \"interfaces\": [ \"eth0\", ] } } }", BASE);
        assertEquals(java.util.List.of("eth0"), config.interfaces());
        assertEquals(1, config.notes().size());
        assertTrue(config.notes().get(0).startsWith("extra comma at line 1"), config.notes().get(0));
    }

    @Test
    void textAfterTheRootObjectIsAnError() {
        rejects("{ \"Dhcp4\": { } } { }", "(top level)", "syntax error at line 1");
    }

    @Test
    void rootMustBeAnObject() {
        rejects("[ 1, 2 ]", "(top level)", "must be one JSON object, got a list");
    }
}
