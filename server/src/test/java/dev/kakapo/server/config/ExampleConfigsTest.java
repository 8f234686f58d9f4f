package dev.kakapo.server.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every configuration in examples/ (the README's and the docs' starting points) loads. */
class ExampleConfigsTest {
    @Test
    void everyExampleLoads() throws IOException {
        Path examples = Path.of("..", "examples");
        List<Path> files;
        try (Stream<Path> list = Files.list(examples)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no examples under " + examples.toAbsolutePath());
        for (Path file : files) {
            try {
                KeaConfig config = KeaConfig.parseFile(file, KeaConfig.Families.BOTH);
                assertTrue(config.dhcp4() != null || config.dhcp6() != null, file.toString());
            } catch (ConfigException e) {
                throw new AssertionError(file + " does not load: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void theDnsUpdatesExampleServesBothTheServerAndTheWorker() throws Exception {
        Path file = Path.of("..", "examples", "kakapo-ddns.json");
        KeaConfig config = KeaConfig.parseFile(file, KeaConfig.Families.DHCP4);
        assertTrue(config.dhcp4().ddns().updatesEnabled());
        dev.kakapo.ddns.config.DhcpDdnsSettings worker = dev.kakapo.ddns.config.DhcpDdnsReader.read(
                KeaConfig.dhcpDdnsSection(file));
        assertTrue(worker.port() == 53001 && worker.tsigKeys().size() == 1, worker.toString());
    }

    @Test
    void theClassesExampleHasItsClassesAndGuards() throws Exception {
        KeaConfig config = KeaConfig.parseFile(Path.of("..", "examples", "kakapo-classes.json"), KeaConfig.Families.DHCP4);
        assertTrue(config.dhcp4().clientClasses().size() == 3);
        assertTrue(config.dhcp4().subnets().get(0).classes().allowed().contains("pxe"));
    }
}
