package dev.kakapo.server.dhcp4;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code kakapo dhcp4} in a child JVM with this test's class path, so a test can kill it for
 * real (SIGKILL) or stop it (SIGTERM) and start it again.
 */
final class KakapoProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private KakapoProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static KakapoProcess start(Path config, int port, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dhazelcast.phone.home.enabled=false");
        cmd.add("--add-opens");
        cmd.add("java.base/java.lang=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.kakapo.server.cli.Kakapo");
        cmd.addAll(List.of("dhcp4", "-c", config.toString(), "-p", Integer.toString(port)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        KakapoProcess k = new KakapoProcess(p, log);
        k.awaitLog("event=started", 60);
        return k;
    }

    void awaitLog(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("kakapo exited with " + process.exitValue() + " before '" + text + "':\n" + log());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' from kakapo within " + seconds + " s:\n" + log());
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kakapo did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
