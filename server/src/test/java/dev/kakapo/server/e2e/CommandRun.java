package dev.kakapo.server.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A host program run to completion: its exit status and its output (standard output and error
 * together). The output goes through a file, never a pipe, because a DHCP client that daemonizes
 * may keep inherited descriptors open long after the program we waited for has exited.
 */
record CommandRun(List<String> command, int exitStatus, String output) {

    /** Runs {@code command}, waiting at most {@code limit}; a program still running then is killed. */
    static CommandRun of(Duration limit, Path outputFile, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("still running after " + limit + ", killed: " + String.join(" ", command)
                    + "\n" + Files.readString(outputFile, StandardCharsets.UTF_8));
        }
        return new CommandRun(command, p.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8));
    }

    /** Runs a short administrative command (ip ...) whose output only matters to its caller. */
    static CommandRun of(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kakapo-e2e-", ".out");
        try {
            return of(Duration.ofSeconds(20), out, command);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** This run, when it exited 0; otherwise an AssertionError naming the command and its output. */
    CommandRun succeeded() {
        if (exitStatus != 0) {
            throw new AssertionError(this);
        }
        return this;
    }

    @Override
    public String toString() {
        return "`" + String.join(" ", command) + "` exited " + exitStatus + (output.isEmpty() ? "" : ":\n" + output);
    }
}
