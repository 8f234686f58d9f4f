package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.Ports;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.Dhcp4ConfigParser;
import dev.kakapo.server.testing.FreePorts;
import dev.kakapo.server.testing.KakapoProcess;
import dev.kakapo.server.testing.ScratchFilesystem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real disk faults under the memfile lease file: the disk fills up, and the file system turns
 * read-only (at start, and under a running server). No ACK is sent for a lease that could not be
 * written; the lease file keeps exactly the ACKed leases, every row readable; the server keeps
 * running and serves again by itself once the disk is usable; a restart finds every ACKed lease.
 */
@Tag("e2e")
class LeaseFileFaultsE2ETest {
    private static final String WRITER_LOGGER = "dev.kakapo.coordinator.memfile.LeaseFileWriter";

    @TempDir
    Path dir;
    private ScratchFilesystem disk;
    private ServerNode node;
    private int port;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void cleanUp() throws Exception {
        Logger.getLogger("").removeHandler(capture);
        if (node != null) {
            node.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    private static String config(Path leaseFile, int lfcInterval) {
        return """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] },
                    "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": %d },
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                                   "pools": [ { "pool": "192.0.2.10 - 192.0.2.250" } ] } ] } }
                """.formatted(leaseFile, lfcInterval);
    }

    private Relay4Client startServer(Path leaseFile, int lfcInterval) throws Exception {
        port = FreePorts.udp();
        node = ServerNode.start(Dhcp4ConfigParser.parse(config(leaseFile, lfcInterval), dir), new Ports(port, FreePorts.udp()), null, null);
        Relay4Client relay = new Relay4Client("127.0.0.2", "127.0.0.1", port);
        relay.socket.setSoTimeout(2000);
        return relay;
    }

    /** DORA for client {@code n}: the ACKed address, or null when the REQUEST went unanswered. */
    private static Integer dora(Relay4Client relay, int n) throws Exception {
        byte[] mac = Relay4Client.mac(n);
        Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, mac));
        assertEquals(MessageType4.OFFER, offer.messageType(), "the server still offers");
        try {
            Message4 ack = relay.exchange(Relay4Client.message(MessageType4.REQUEST, mac)
                    .option(OptionCode4.REQUESTED_ADDRESS, Ipv4.toBytes(offer.yiaddr()))
                    .option(OptionCode4.SERVER_ID, offer.options().get(OptionCode4.SERVER_ID)));
            assertEquals(MessageType4.ACK, ack.messageType());
            return ack.yiaddr();
        } catch (SocketTimeoutException unanswered) {
            return null;
        }
    }

    /**
     * DORA for client {@code n}, asked again as a DHCP client does for up to 30 s while the server
     * finds its file writable again; the ACKed address, or null.
     */
    private static Integer doraUntilServed(Relay4Client relay, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Integer address = dora(relay, n);
        while (address == null && System.nanoTime() < deadline) {
            address = dora(relay, n);
        }
        return address;
    }

    /**
     * The leases the files of {@code leaseFile} hold (address to client number), read by the
     * memfile reader from copies, so a read-only or full disk is not written to; fails on any bad row.
     */
    private Map<String, String> leasesOnDisk(Path leaseFile) throws IOException {
        Path copies = Files.createTempDirectory(dir, "copy");
        try (Stream<Path> files = Files.list(leaseFile.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(leaseFile.getFileName().toString())).toList()) {
                Files.copy(file, copies.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(copies.resolve(leaseFile.getFileName()), 0)) {
            Map<String, String> leases = store.loadAll().stream()
                    .collect(Collectors.toMap(Lease4::addressText, l -> l.hwAddress().toString(), (a, b) -> b, TreeMap::new));
            assertEquals(0, store.stats().badRowsSkipped(), "every row of the lease file parses");
            return leases;
        }
    }

    private static String macText(int n) {
        return dev.kakapo.coordinator.lease.Octets.of(Relay4Client.mac(n)).toString();
    }

    private List<String> writerErrors() {
        SimpleFormatter formatter = new SimpleFormatter();
        return logged.stream().filter(r -> WRITER_LOGGER.equals(r.getLoggerName()) && r.getLevel() == Level.SEVERE)
                .map(formatter::formatMessage).toList();
    }

    private boolean writerLogged(String text) {
        SimpleFormatter formatter = new SimpleFormatter();
        return logged.stream().anyMatch(r -> WRITER_LOGGER.equals(r.getLoggerName()) && formatter.formatMessage(r).contains(text));
    }

    /** Fills the file system to the last {@code leaveFree} bytes with a filler file. */
    private static Path fill(Path directory, long leaveFree) throws IOException {
        Path filler = directory.resolve("filler");
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // the file system is full: give back the last few blocks
        }
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - leaveFree));
        }
        return filler;
    }

    @Test
    void aFullDiskDropsRequestsKeepsTheFileWholeAndServingResumesWhenSpaceReturns() throws Exception {
        disk = ScratchFilesystem.tmpfs(dir.resolve("leases"), 512);
        Path leaseFile = disk.path().resolve("leases4.csv");
        Map<String, String> acked = new TreeMap<>(); // address -> hwaddr
        List<Integer> unanswered = new ArrayList<>();
        try (Relay4Client relay = startServer(leaseFile, 0)) {
            Path filler = fill(disk.path(), 4096);
            int client = 0;
            // until three requests in a row go unanswered: the disk is full
            for (int streak = 0; streak < 3 && client < 220; client++) {
                Integer address = dora(relay, client);
                if (address == null) {
                    unanswered.add(client);
                    streak++;
                } else {
                    acked.put(Ipv4.toText(address), macText(client));
                    streak = 0;
                }
            }
            assertFalse(unanswered.isEmpty(), "the disk never filled up");
            assertTrue(node.dhcp4().counters().get("pkt4-receive-drop[lease-not-durable]") >= unanswered.size(),
                    "each unanswered request is a counted drop: " + node.dhcp4().counters().snapshot());
            List<String> errors = writerErrors();
            assertEquals(1, errors.size(), "one error line for the outage: " + errors);
            assertTrue(errors.get(0).contains(leaseFile.toString()) && errors.get(0).contains("No space left on device"), errors.get(0));
            assertEquals(acked, leasesOnDisk(leaseFile), "the lease file holds exactly the ACKed leases");

            // space returns: the clients that went unanswered, and new ones, are served without a restart
            long freed = System.nanoTime();
            Files.delete(filler);
            long firstAck = 0;
            for (int n : unanswered) {
                Integer address = doraUntilServed(relay, n);
                assertTrue(address != null, "client " + n + " is served once space returns");
                firstAck = firstAck == 0 ? System.nanoTime() : firstAck;
                acked.put(Ipv4.toText(address), macText(n));
            }
            for (int n = client; n < client + 10; n++) {
                Integer address = dora(relay, n);
                assertTrue(address != null, "new client " + n + " is served once space returns");
                acked.put(Ipv4.toText(address), macText(n));
            }
            assertTrue(writerLogged("is written again"), "the recovery is logged");
            assertEquals(1, writerErrors().size(), "still one error line");
            System.out.printf("disk full: %d leases ACKed before the disk filled, %d requests unanswered, "
                            + "first ACK %d ms after space returned%n", acked.size() - unanswered.size() - 10,
                    unanswered.size(), TimeUnit.NANOSECONDS.toMillis(firstAck - freed));
        }
        node.close();
        node = null;
        assertEquals(acked, leasesOnDisk(leaseFile));
        assertEveryLeaseServedAfterRestart(leaseFile, acked);
    }

    /** A restarted server offers each ACKed client its address again. */
    private void assertEveryLeaseServedAfterRestart(Path leaseFile, Map<String, String> acked) throws Exception {
        Map<String, String> addressOf = new TreeMap<>();
        acked.forEach((address, mac) -> addressOf.put(mac, address));
        try (Relay4Client relay = startServer(leaseFile, 0)) {
            for (int n = 0; n < 256; n++) {
                String expected = addressOf.get(macText(n));
                if (expected != null) {
                    Message4 offer = relay.exchange(Relay4Client.message(MessageType4.DISCOVER, Relay4Client.mac(n)));
                    assertEquals(expected, Ipv4.toText(offer.yiaddr()), "client " + n + " after the restart");
                }
            }
        }
    }

    @Test
    void aReadOnlyLeaseFileDirectoryStopsTheServerAtStartWithAClearError() throws Exception {
        disk = ScratchFilesystem.tmpfs(dir.resolve("leases"), 512);
        Path existing = disk.path().resolve("leases4.csv");
        Files.writeString(existing, "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state\n"
                + "192.0.2.10,02:00:5e:10:00:01,,4000," + (System.currentTimeMillis() / 1000 + 4000) + ",1,0,0,,0\n");
        disk.remountReadOnly();
        for (Path leaseFile : List.of(existing, disk.path().resolve("new-leases4.csv"))) {
            Path config = dir.resolve("kakapo-" + leaseFile.getFileName() + ".json");
            Files.writeString(config, config(leaseFile, 3600));
            Process server = new ProcessBuilder(KakapoProcess.onTestClassPath("dhcp4", "-c", config.toString(),
                    "-p", Integer.toString(FreePorts.udp()))).redirectErrorStream(true).start();
            String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(server.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, server.exitValue(), output);
            assertTrue(output.contains(leaseFile.toString()) && output.contains("Read-only file system"), output);
            assertFalse(output.contains("\tat ") || output.contains("Exception in thread"), "no stack trace:\n" + output);
            System.out.println("read-only lease file directory at start: exit 1, "
                    + output.lines().filter(l -> l.contains(leaseFile.toString())).findFirst().orElse(""));
        }
        assertTrue(Files.readString(existing).contains("192.0.2.10,"), "the existing file is untouched");
    }

    @Test
    void aFileSystemTurningReadOnlyUnderTheServerDropsRequestsAndCompactionLosesNothing() throws Exception {
        disk = ScratchFilesystem.ext4(dir.resolve("leases.img"), dir.resolve("leases"), 16);
        Path leaseFile = disk.path().resolve("leases4.csv");
        Map<String, String> acked = new TreeMap<>();
        List<Integer> unanswered = new ArrayList<>();
        // compaction every second, so it runs before, during and after the fault
        try (Relay4Client relay = startServer(leaseFile, 1)) {
            for (int n = 0; n < 40; n++) {
                acked.put(Ipv4.toText(dora(relay, n)), macText(n));
            }
            awaitCompaction(leaseFile);
            disk.failReadOnly();
            for (int n = 40; n < 50; n++) {
                Integer address = dora(relay, n);
                if (address == null) {
                    unanswered.add(n);
                } else {
                    acked.put(Ipv4.toText(address), macText(n));
                }
            }
            Thread.sleep(2500); // compaction tries at least twice on the read-only disk
            assertEquals(10, unanswered.size(), "no request is ACKed on a read-only disk");
            List<String> errors = writerErrors();
            assertEquals(1, errors.size(), "one error line for the outage: " + errors);
            assertTrue(errors.get(0).contains(leaseFile.toString()) && errors.get(0).contains("Read-only file system"), errors.get(0));
            assertTrue(logged.stream().anyMatch(r -> r.getLoggerName().endsWith("MemfileLeaseStore") && r.getLevel() == Level.SEVERE),
                    "the failed compaction is logged");
            assertEquals(acked, leasesOnDisk(leaseFile), "the lease files hold exactly the ACKed leases");

            // the operator repairs the disk and mounts it again: serving resumes without a restart
            long repaired = System.nanoTime();
            disk.repairAndRemount();
            long firstAck = 0;
            for (int n : unanswered) {
                Integer address = doraUntilServed(relay, n);
                assertTrue(address != null, "client " + n + " is served once the disk is writable");
                firstAck = firstAck == 0 ? System.nanoTime() : firstAck;
                acked.put(Ipv4.toText(address), macText(n));
            }
            System.out.printf("read-only file system: %d requests unanswered; first ACK %d ms after the repair began%n",
                    unanswered.size(), TimeUnit.NANOSECONDS.toMillis(firstAck - repaired));
        }
        node.close();
        node = null;
        assertEquals(acked, leasesOnDisk(leaseFile));
        assertEveryLeaseServedAfterRestart(leaseFile, acked);
    }

    private static void awaitCompaction(Path leaseFile) throws InterruptedException {
        Path compacted = leaseFile.resolveSibling(leaseFile.getFileName() + ".2");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(compacted) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(compacted), "a compaction ran");
    }
}
