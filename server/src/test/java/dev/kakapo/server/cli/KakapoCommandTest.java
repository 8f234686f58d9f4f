package dev.kakapo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit statuses and messages of -t, -v and bad usage, and the launcher script. */
class KakapoCommandTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Kakapo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkAcceptsAUsableConfiguration() throws Exception {
        Path file = dir.resolve("ok.json");
        Files.writeString(file, "{ \"Dhcp4\": { \"valid-lifetime\": 600, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", "
                + "\"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.20\" } ] } ] } }");
        assertEquals(0, run("dhcp4", "-t", file.toString()));
        assertTrue(out().contains("is usable: DHCPv4 with 1 subnet(s)"), out());
    }

    @Test
    void checkOfBothFamiliesInOneFile() throws Exception {
        Path file = dir.resolve("both.json");
        Files.writeString(file, """
                { "Dhcp4": { "valid-lifetime": 600, "lease-database": { "type": "memfile", "name": "l4.csv" },
                             "subnet4": [ { "subnet": "192.0.2.0/24" } ] },
                  "Dhcp6": { "preferred-lifetime": 300, "valid-lifetime": 600, "lease-database": { "type": "memfile", "name": "l6.csv" },
                             "subnet6": [ { "subnet": "2001:db8:1::/64" }, { "subnet": "2001:db8:2::/64" } ] } }
                """);
        assertEquals(0, run("server", "-t", file.toString()));
        assertTrue(out().contains("DHCPv4 with 1 subnet(s)") && out().contains("DHCPv6 with 2 subnet(s)"), out());
        assertEquals(0, run("dhcp6", "-t", file.toString()));
        Path only4 = dir.resolve("only4.json");
        Files.writeString(only4, "{ \"Dhcp4\": { \"valid-lifetime\": 600 } }");
        assertEquals(1, run("dhcp6", "-t", only4.toString()));
        assertTrue(err().contains("Dhcp6"), err());
    }

    @Test
    void checkRefusesABadConfigurationNamingThePath() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{ \"Dhcp4\": { \"valid-lifetime\": 600, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", "
                + "\"pools\": [ { \"pool\": \"198.51.100.1 - 198.51.100.9\" } ] } ] } }");
        assertEquals(1, run("dhcp4", "-t", file.toString()));
        assertTrue(err().contains("Dhcp4/subnet4[0]/pools[0]/pool"), err());
    }

    @Test
    void checkNamesTheFirstUnsupportedKeaKey() throws Exception {
        Path file = dir.resolve("shared.json");
        Files.writeString(file, "{ \"Dhcp4\": { \"valid-lifetime\": 600, \"shared-networks\": [ ] } }");
        assertEquals(1, run("dhcp4", "-t", file.toString()));
        assertTrue(err().contains("shared-networks"), err());
    }

    @Test
    void checkOfAMissingFileFailsWithTheReason() {
        assertEquals(1, run("dhcp4", "-t", dir.resolve("nope.json").toString()));
        assertTrue(err().contains("cannot read"), err());
    }

    @Test
    void versionAndUsage() {
        assertEquals(0, run("-v"));
        assertTrue(out().startsWith("kakapo "), out());
        assertEquals(2, run("dhcp4", "-x"));
        assertTrue(err().contains("unknown option '-x'"), err());
        assertEquals(2, run("dhcp4", "-c", "f.json", "-p", "70000"));
        assertTrue(err().contains("port number 1..65535"), err());
        assertEquals(2, run("dhcp9"));
        assertEquals(2, run());
    }

    @Test
    void theLauncherSaysHowToBuildWhenTheJarIsMissing() throws Exception {
        Path launcher = Path.of("..", "bin", "kakapo").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "-v").redirectErrorStream(true)
                .redirectOutput(dir.resolve("missing.txt").toFile());
        pb.environment().put("KAKAPO_JAR", dir.resolve("absent.jar").toString());
        Process missing = pb.start();
        assertEquals(1, missing.waitFor());
        String text = Files.readString(dir.resolve("missing.txt"));
        assertTrue(text.contains("is not built yet") && text.contains("mvn -q -B -DskipTests package"), text);
    }
}
