package dev.kakapo.coordinator.memfile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The files of one memfile lease database, named as Kea names them so that Kea's own start-up
 * would find and recover the same state.
 *
 * @param current   {@code <file>}: where new rows are appended
 * @param rotated   {@code <file>.1}: the former current file, being compacted
 * @param compacted {@code <file>.2}: the output of the previous compaction
 * @param output    {@code <file>.output}: a compaction output still being written
 * @param completed {@code <file>.completed}: a finished compaction output not yet renamed to .2
 */
record LeaseFileSet(Path current, Path rotated, Path compacted, Path output, Path completed) {

    static LeaseFileSet of(Path leaseFile) {
        Path file = leaseFile.toAbsolutePath();
        String name = file.getFileName().toString();
        return new LeaseFileSet(file, file.resolveSibling(name + ".1"), file.resolveSibling(name + ".2"),
                file.resolveSibling(name + ".output"), file.resolveSibling(name + ".completed"));
    }

    Path directory() {
        return current.getParent();
    }

    /** Renames within the directory atomically and makes the rename durable. */
    void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /** Makes creations, renames and deletions in the directory durable. */
    void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
