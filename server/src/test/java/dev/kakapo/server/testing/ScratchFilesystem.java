package dev.kakapo.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system mounted on a directory of the test's own, to give a lease file real disk
 * faults: a tmpfs of a few KiB that fills up, or an ext4 image on a loop device that the kernel
 * turns read-only on an error (as it does on a failing disk). Needs root; unmounted on close.
 */
public final class ScratchFilesystem implements AutoCloseable {
    private final Path mountPoint;
    private final Path image;
    private final String options;

    private ScratchFilesystem(Path mountPoint, Path image, String options) {
        this.mountPoint = mountPoint;
        this.image = image;
        this.options = options;
    }

    /** A tmpfs of {@code kib} KiB on {@code mountPoint} (created when missing). */
    public static ScratchFilesystem tmpfs(Path mountPoint, int kib) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0755", "tmpfs", mountPoint.toString());
        return new ScratchFilesystem(mountPoint, null, null);
    }

    /**
     * An ext4 file system of {@code mib} MiB in {@code image}, mounted on {@code mountPoint} through
     * a loop device with {@code errors=remount-ro}: after an error the kernel refuses every write.
     */
    public static ScratchFilesystem ext4(Path image, Path mountPoint, int mib) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run("truncate", "-s", mib + "M", image.toString());
        run("mkfs.ext4", "-q", "-F", image.toString());
        ScratchFilesystem fs = new ScratchFilesystem(mountPoint, image, "loop,errors=remount-ro");
        fs.mount();
        return fs;
    }

    public Path path() {
        return mountPoint;
    }

    /** Remounts read-only; the kernel refuses while a file on it is open for writing. */
    public void remountReadOnly() throws IOException, InterruptedException {
        run("mount", "-o", "remount,ro", mountPoint.toString());
    }

    /**
     * Reports a file system error to ext4 (its {@code trigger_fs_error} hook, the path a real
     * corruption or I/O error takes), which with {@code errors=remount-ro} makes the file system
     * read-only at once, under files already open for writing.
     */
    public void failReadOnly() throws IOException, InterruptedException {
        if (image == null) {
            throw new IllegalStateException("only an ext4 scratch file system can fail");
        }
        String device = run("findmnt", "-n", "-o", "SOURCE", mountPoint.toString()).strip();
        Path trigger = Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "trigger_fs_error");
        Files.writeString(trigger, "kakapo test: simulated disk error\n");
    }

    /** Unmounts, repairs and mounts the ext4 image again: what an operator does after a disk error. */
    public void repairAndRemount() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
        runAllowing(new int[] {0, 1}, "e2fsck", "-f", "-y", image.toString());
        mount();
    }

    private void mount() throws IOException, InterruptedException {
        run("mount", "-o", options, image.toString(), mountPoint.toString());
    }

    @Override
    public void close() throws IOException {
        try {
            runAllowing(new int[] {0, 32}, "umount", "-l", mountPoint.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while unmounting " + mountPoint);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return runAllowing(new int[] {0}, command);
    }

    private static String runAllowing(int[] statuses, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 60 s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        for (int status : statuses) {
            if (process.exitValue() == status) {
                return text;
            }
        }
        throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text);
    }
}
