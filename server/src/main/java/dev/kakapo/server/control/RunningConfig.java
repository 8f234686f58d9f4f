package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.KeaConfig;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The configuration a server node runs: its text (what {@code config-get} shows and
 * {@code config-write} writes), the file it was started with, and the one way it is replaced
 * ({@code config-set}, {@code config-reload}, SIGHUP): parsed and checked whole, then swapped
 * in by {@link ServerNode#reconfigure}; a configuration that fails leaves the running one alone.
 */
public final class RunningConfig {
    private static final Logger LOG = System.getLogger("dev.kakapo.server");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerNode node;
    private final KeaConfig.Families families;
    private final Path file;
    private final Path baseDir;
    private String text;
    private Instant loaded = Instant.now();

    /**
     * @param text     the running configuration's text; null when the node was configured otherwise
     * @param file     the file it was read from (config-reload, config-write's default); null for none
     * @param baseDir  where relative file names of a configuration resolve
     */
    public RunningConfig(ServerNode node, KeaConfig.Families families, String text, Path file, Path baseDir) {
        this.node = node;
        this.families = families;
        this.text = text;
        this.file = file;
        this.baseDir = baseDir;
    }

    /** The running configuration's text; null when the node was not started from one. */
    public synchronized String text() {
        return text;
    }

    /** When the running configuration was put in place (start-up or the last successful replacement). */
    public synchronized Instant loaded() {
        return loaded;
    }

    /** Where relative file names of a configuration resolve. */
    public Path baseDir() {
        return baseDir;
    }

    /** Serves {@code json} from now on; on failure the running configuration stays and the reason is thrown. */
    public synchronized void replace(String json) throws ConfigException, IOException {
        KeaConfig next = KeaConfig.parse(json, baseDir, families);
        checkSameControl(next);
        node.reconfigure(next);
        text = json;
        loaded = Instant.now();
        LOG.log(Level.INFO, "event=config-replaced");
    }

    /** Reads the file the node was started with again and serves it. */
    public synchronized void reload() throws ConfigException, IOException {
        if (file == null) {
            throw new ConfigException("(control)", "the server was not started from a configuration file");
        }
        replace(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Writes the running configuration as JSON to {@code target} (relative names against the
     * configuration's folder; null = the file the node was started with), through a temporary
     * file so a reader never sees half of it. Returns the file written and its size.
     */
    public synchronized Written write(Path target) throws ConfigException, IOException {
        if (text == null) {
            throw new ConfigException("(control)", "the server was not started from a configuration file");
        }
        Path to = target == null ? file : (target.isAbsolute() || baseDir == null ? target : baseDir.resolve(target));
        if (to == null) {
            throw new ConfigException("filename", "no file name given and the server was not started from a file");
        }
        JsonNode tree = KeaConfig.jsonTree(text);
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        Path dir = to.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(dir, ".kakapo-config", ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return new Written(to, bytes.length);
    }

    /** A file {@link #write} wrote. */
    public record Written(Path file, long size) {
    }

    /** The control endpoint answers this very request; moving it is a restart. */
    private void checkSameControl(KeaConfig next) throws ConfigException {
        if (text == null) {
            return;
        }
        KeaConfig now = KeaConfig.parse(text, baseDir, families);
        if (!java.util.Objects.equals(now.control(), next.control())) {
            throw new ConfigException("control-socket", "changes of the control API's address, port or users need a restart"
                    + " (the running configuration is kept)");
        }
    }
}
