package dev.kakapo.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kakapo server as a real process, its standard output and error captured in one log file:
 * either {@code bin/kakapo} (which execs the JVM, as {@code ip netns exec} execs the launcher) or
 * a JVM on this test's class path. Either way the process started here is the server itself, so
 * {@link #stop} is a SIGTERM to it and {@link #kill} a SIGKILL.
 */
public final class KakapoProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private KakapoProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the server with {@code command} (the launcher and its arguments, possibly behind a
     * namespace prefix) and returns once it logged {@code event=started}. The JVM is the test's
     * own, through JAVA_HOME, which the launcher honours.
     */
    public static KakapoProcess start(List<String> command, Path log, Duration startLimit) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        KakapoProcess server = new KakapoProcess(pb.start(), log);
        long deadline = System.nanoTime() + startLimit.toNanos();
        while (server.logLines().stream().noneMatch(l -> l.contains("event=started"))) {
            if (!server.process.isAlive()) {
                throw new AssertionError("kakapo exited with status " + server.process.exitValue()
                        + " before event=started:\n" + server.logText());
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw new AssertionError("kakapo did not log event=started within " + startLimit + ":\n" + server.logText());
            }
            Thread.sleep(100);
        }
        return server;
    }

    /** {@code kakapo ARGS} in a child JVM on this test's class path (no packaged jar needed). */
    public static List<String> onTestClassPath(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhazelcast.phone.home.enabled=false", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.kakapo.server.cli.Kakapo"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM and waits up to {@code limit} for the process to end; returns its exit status.
     * A server still running then is killed and an AssertionError says so.
     */
    public int stop(Duration limit) throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("kakapo still running " + limit + " after SIGTERM, killed:\n" + logText());
        }
        return process.exitValue();
    }

    /** Waits up to {@code limit} for the process to end by itself; returns its exit status. */
    public int awaitExit(Duration limit) throws InterruptedException, IOException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("kakapo still running after " + limit + ":\n" + logText());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The log so far, line by line. */
    public List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    public String logText() throws IOException {
        return String.join("\n", logLines());
    }

    public Path log() {
        return log;
    }

    /** Stops a server still running (SIGTERM, then SIGKILL after 10 s); nothing to do otherwise. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
