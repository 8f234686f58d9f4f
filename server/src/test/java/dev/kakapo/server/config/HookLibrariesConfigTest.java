package dev.kakapo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.server.testing.TestHookJars;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hooks-libraries entries naming Java hook libraries: loaded at check time, errors at the entry's keys. */
class HookLibrariesConfigTest {
    @TempDir
    Path dir;

    private static String config(String entry) {
        return """
                { "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" } ],
                             "hooks-libraries": [ %s ] } }
                """.formatted(entry);
    }

    private ConfigException refused(String entry) {
        return assertThrows(ConfigException.class, () -> Dhcp4ConfigParser.parse(config(entry), dir));
    }

    private static String jar(Path p) {
        return p.toAbsolutePath().toString();
    }

    @Test
    void aJarLoadsWithItsParametersAndContainmentSettings() throws Exception {
        Dhcp4Config c = Dhcp4ConfigParser.parse(config("""
                { "library": "%s", "parameters": { "point": "pkt4_receive" },
                  "callout-timeout-ms": 40, "on-failure": "drop" }""".formatted(jar(TestHookJars.probe()))), dir);
        HookJarConfig hook = c.hookLibraries().get(0);
        assertEquals("point-probe.jar", hook.name());
        assertEquals(40, hook.calloutTimeoutMillis());
        assertTrue(hook.dropOnFailure());
        assertEquals("pkt4_receive", hook.parameters().get("point").asText());
    }

    @Test
    void aMissingJarIsReportedAtTheLibraryKey() {
        ConfigException e = refused("{ \"library\": \"no-such-hook.jar\" }");
        assertEquals("Dhcp4/hooks-libraries[0]/library", e.path());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aJarWithoutAHookLibraryServiceIsRefused() throws Exception {
        ConfigException e = refused("{ \"library\": \"%s\" }".formatted(jar(TestHookJars.withoutService())));
        assertEquals("Dhcp4/hooks-libraries[0]/library", e.path());
        assertTrue(e.getMessage().contains("declares no dev.kakapo.hooks.HookLibrary service"), e.getMessage());
    }

    @Test
    void aLibraryRefusingAParameterIsReportedAtThatParameter() throws Exception {
        ConfigException e = refused("{ \"library\": \"%s\", \"parameters\": { \"refuse\": \"no licence file\" } }"
                .formatted(jar(TestHookJars.probe())));
        assertEquals("Dhcp4/hooks-libraries[0]/parameters/refuse", e.path());
        assertTrue(e.getMessage().endsWith("no licence file"), e.getMessage());
    }

    @Test
    void aCalloutAtAnUnknownHookPointIsRefused() throws Exception {
        ConfigException e = refused("{ \"library\": \"%s\", \"parameters\": { \"point\": \"pkt4_recieve\" } }"
                .formatted(jar(TestHookJars.probe())));
        assertEquals("Dhcp4/hooks-libraries[0]/library", e.path());
        assertTrue(e.getMessage().contains("unknown hook point 'pkt4_recieve'"), e.getMessage());
    }

    @Test
    void containmentKeysAreCheckedAndBelongToJarsOnly() throws Exception {
        ConfigException badValue = refused("{ \"library\": \"%s\", \"parameters\": { \"point\": \"pkt4_receive\" },"
                .formatted(jar(TestHookJars.probe())) + " \"on-failure\": \"retry\" }");
        assertEquals("Dhcp4/hooks-libraries[0]/on-failure", badValue.path());
        ConfigException onSo = refused("{ \"library\": \"/usr/lib/libdhcp_pgsql.so\", \"on-failure\": \"drop\" }");
        assertEquals("Dhcp4/hooks-libraries[0]/on-failure", onSo.path());
        ConfigException otherSo = refused("{ \"library\": \"/opt/lib/security.so\" }");
        assertTrue(otherSo.getMessage().contains("does not support yet"), otherSo.getMessage());
    }
}
