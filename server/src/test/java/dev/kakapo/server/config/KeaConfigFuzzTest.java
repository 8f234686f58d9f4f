package dev.kakapo.server.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Any text given to the configuration loader either yields a configuration or is refused with a
 * {@link ConfigException}; nothing else escapes. This is the pure path {@code kakapo ... -t FILE}
 * takes: text to checked settings, with no socket opened, no thread started and nothing written
 * (relative file names resolve against an empty temporary folder). Each input is read for every
 * family a command can ask for.
 *
 * <p>Regression inputs (Kea's and Kakapo's example configurations, and reduced findings):
 * {@code src/test/resources/dev/kakapo/server/config/KeaConfigFuzzTestInputs/parse/}. Fuzz with
 * {@code bin/fuzz config}.
 */
class KeaConfigFuzzTest {
    private static final Path BASE_DIR = emptyFolder();

    private static Path emptyFolder() {
        try {
            Path dir = Files.createTempDirectory("kakapo-config-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (KeaConfig.Families families : KeaConfig.Families.values()) {
            try {
                KeaConfig config = KeaConfig.parse(text, BASE_DIR, families);
                assertTrue(config.dhcp4() != null || config.dhcp6() != null);
            } catch (ConfigException e) {
                assertNotNull(e.getMessage());
                assertTrue(!e.getMessage().isEmpty());
            }
        }
    }

    /** A NUL character in a file name: Path.of refuses it with an InvalidPathException, which must not escape the loader. */
    @ParameterizedTest
    @ValueSource(strings = {"lease-file-name-nul-character", "password-file-nul-character"})
    void aNulCharacterInAFileNameIsRefusedNamingTheKey(String input) throws IOException {
        String text;
        try (InputStream in = KeaConfigFuzzTest.class.getResourceAsStream("KeaConfigFuzzTestInputs/parse/" + input)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> KeaConfig.parse(text, BASE_DIR, KeaConfig.Families.DHCP4));
        assertTrue(e.getMessage().contains("is not a file name"), e.getMessage());
        assertTrue(e.getMessage().contains("\\u0000"), e.getMessage());
    }
}
