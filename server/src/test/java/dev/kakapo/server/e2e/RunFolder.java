package dev.kakapo.server.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The folder an end-to-end run works in, {@code target/e2e/NAME}: the server's configuration, log
 * and lease file, the clients' files and output. It stays after the run for a look after a
 * failure, and {@link #print} shows the interesting files of a failed test.
 */
record RunFolder(Path dir) {

    /** Creates {@code target/e2e/name} under the current directory (Maven runs a module's tests in it). */
    static RunFolder create(String name) throws IOException {
        return new RunFolder(Files.createDirectories(Path.of("target", "e2e", name)).toAbsolutePath());
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Copies test resource {@code /e2e/name} into the folder, executable for a client script. */
    Path copyResource(String name, boolean executable) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, resource(name));
        if (executable) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return file;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = RunFolder.class.getResourceAsStream("/e2e/" + name)) {
            if (in == null) {
                throw new IOException("test resource /e2e/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The key=value lines a client script wrote to {@code name}; fails naming {@code client} when there is no such file. */
    Map<String, String> scriptResult(String name, CommandRun client) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            fail("the client exited without its script recording a binding (" + name + "); " + client);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /**
     * Stops the daemon whose pid is in {@code pidFile} of this folder, if it still runs {@code program}
     * (a recycled pid is left alone); returns once it has exited.
     */
    void stopDaemon(String pidFile, String program) throws Exception {
        Path file = dir.resolve(pidFile);
        String text = Files.exists(file) ? Files.readString(file).trim() : "";
        if (text.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> daemon = ProcessHandle.of(Long.parseLong(text))
                .filter(h -> h.info().command().map(c -> c.endsWith("/" + program)).orElse(false));
        if (daemon.isPresent()) {
            daemon.get().destroy();
            daemon.get().onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** Prints {@code files} of this folder that exist, under a line naming the failed test. */
    void print(String failedTest, List<String> files) {
        StringBuilder out = new StringBuilder("\n==== " + failedTest + " failed; run folder " + dir + "\n");
        for (String name : files) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                try {
                    out.append("---- ").append(name).append('\n').append(Files.readString(file)).append('\n');
                } catch (IOException e) {
                    out.append("---- ").append(name).append(": unreadable: ").append(e).append('\n');
                }
            }
        }
        System.err.print(out);
    }

    /** The checkout holding bin/kakapo: Maven runs this module's tests in server/. */
    static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("bin/kakapo"))) {
                return d;
            }
        }
        throw new AssertionError("no bin/kakapo above " + Path.of("").toAbsolutePath());
    }
}
