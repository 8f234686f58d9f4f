package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import dev.kakapo.server.testing.FreePorts;
import dev.kakapo.server.testing.KakapoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process is killed with SIGKILL while it compacts its lease file (Kea's LFC), at
 * several moments of the compaction: every lease, with the same content, is found after each crash,
 * and a server started on what the last crash left loads them all.
 */
class CompactionCrashTest {
    static final int LEASES = 50_000;
    /**
     * When each kill comes: so many milliseconds after a new {@code .output} (the merge being
     * written) or a new {@code .2} (a compaction just finished; the next step, or the next run, follows).
     */
    static final List<KillMoment> KILL_MOMENTS = List.of(new KillMoment(".output", 0), new KillMoment(".output", 100),
            new KillMoment(".2", 0), new KillMoment(".2", 20), new KillMoment(".output", 400));

    record KillMoment(String file, int delayMillis) {
        @Override
        public String toString() {
            return delayMillis + " ms after a new " + file;
        }
    }

    @TempDir
    Path dir;

    @Test
    void noLeaseIsLostWhenTheServerIsKilledDuringCompaction() throws Exception {
        Path leaseFile = dir.resolve("leases4.csv");
        Map<Integer, Lease4> expected = writeLeases(leaseFile);
        Path config = dir.resolve("kakapo-dhcp4.json");
        Files.writeString(config, """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 1 },
                    "valid-lifetime": 86400,
                    "subnet4": [ { "id": 1, "subnet": "198.18.0.0/16", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                   "pools": [ { "pool": "198.18.0.1 - 198.18.255.254" } ] } ] } }
                """.formatted(leaseFile));
        List<String> moments = new ArrayList<>();
        for (int round = 0; round < KILL_MOMENTS.size(); round++) {
            KillMoment moment = KILL_MOMENTS.get(round);
            Path watched = leaseFile.resolveSibling(leaseFile.getFileName() + moment.file());
            Object before = fileKey(watched);
            Path log = dir.resolve("run" + round + ".log");
            Process server = new ProcessBuilder(KakapoProcess.onTestClassPath("dhcp4", "-c", config.toString(),
                    "-p", Integer.toString(FreePorts.udp())))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                for (Object key = before; key == null || key.equals(before); key = fileKey(watched)) {
                    assertTrue(server.isAlive(), "the server exited: " + Files.readString(log));
                    assertTrue(System.nanoTime() < deadline, "no new " + watched + " within 120 s");
                    Thread.sleep(1);
                }
                Thread.sleep(moment.delayMillis());
            } finally {
                server.destroyForcibly().waitFor();
            }
            LeaseFiles files = filesOf(leaseFile);
            moments.add(moment + ": " + files);
            Map<Integer, Lease4> found = loadCopy(leaseFile, "round" + round);
            assertEquals(expected.size(), found.size(), "lease count after a kill " + moment + ", files " + files);
            assertEquals(expected, found, "lease content after a kill " + moment + ", files " + files);
        }

        long restart = System.nanoTime();
        try (KakapoProcess server = KakapoProcess.start(KakapoProcess.onTestClassPath("dhcp4", "-c", config.toString(),
                "-p", Integer.toString(FreePorts.udp())), dir.resolve("final.log"), Duration.ofSeconds(120))) {
            assertTrue(server.logText().contains("event=leases-loaded family=4 count=" + expected.size()), server.logText());
            long startedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restart);
            assertEquals(0, server.stop(Duration.ofSeconds(30)));
            System.out.println("killed during compaction, files left at each kill: " + moments
                    + "; the last restart served after " + startedMillis + " ms");
        }
        assertEquals(expected, loadCopy(leaseFile, "final"));
    }

    /**
     * The file's identity (its inode, and its last change, as a deleted file's inode may be reused),
     * or null when it does not exist: a new file or a rename over it changes it.
     */
    private static Object fileKey(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() + "@" + attributes.lastModifiedTime();
        } catch (java.io.IOException absent) {
            return null;
        }
    }

    /** The lease file's companions present now (.1, .2, .output, .completed). */
    private static LeaseFiles filesOf(Path leaseFile) throws Exception {
        try (Stream<Path> files = Files.list(leaseFile.getParent())) {
            return new LeaseFiles(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(leaseFile.getFileName().toString()))
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    private record LeaseFiles(TreeSet<String> names) {
        @Override
        public String toString() {
            return names.toString();
        }
    }

    /**
     * 50,000 leases in Kea's lease4 format, then a renewal of every fifth and a release of every
     * tenth, so compaction has rows to fold; returns the leases that stand, by address.
     */
    private static Map<Integer, Lease4> writeLeases(Path leaseFile) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        int first = 198 << 24 | 18 << 16 | 1;
        Map<Integer, Lease4> expected = new TreeMap<>();
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(leaseFile, 0)) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < LEASES; i++) {
                byte[] mac = {0x02, 0x00, 0x5e, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
                Lease4 lease = new Lease4(first + i, Octets.of(mac), Octets.EMPTY, 86400, now - 60, 1,
                        false, false, i % 3 == 0 ? "host-" + i + ".example.org" : "", LeaseState.DEFAULT);
                writes.add(store.persist(lease));
                expected.put(lease.address(), lease);
            }
            for (int i = 0; i < LEASES; i += 5) {
                Lease4 renewed = expected.get(first + i).withTimes(now, 86400);
                writes.add(store.persist(renewed));
                expected.put(renewed.address(), renewed);
            }
            for (int i = 0; i < LEASES; i += 10) {
                writes.add(store.remove(expected.remove(first + i)));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        return expected;
    }

    /** The leases the files hold, read from copies so this test's reading recovers nothing itself. */
    private Map<Integer, Lease4> loadCopy(Path leaseFile, String name) throws Exception {
        Path copies = Files.createDirectory(dir.resolve(name));
        for (String file : filesOf(leaseFile).names()) {
            Files.copy(leaseFile.resolveSibling(file), copies.resolve(file));
        }
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(copies.resolve(leaseFile.getFileName()), 0)) {
            Map<Integer, Lease4> leases = store.loadAll().stream().collect(Collectors.toMap(Lease4::address, l -> l, (a, b) -> b, TreeMap::new));
            assertEquals(0, store.stats().badRowsSkipped(), "no bad rows");
            return leases;
        }
    }
}
