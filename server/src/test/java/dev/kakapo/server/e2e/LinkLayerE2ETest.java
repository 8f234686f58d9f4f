package dev.kakapo.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.testing.KakapoProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What the kernel does below Kakapo's DHCPv4 sockets, seen end to end: a server namespace with two
 * links, each to a client namespace of its own. The first link (192.0.2.0/24) has an MTU of 576, so
 * a large DISCOVER leaves its client in IP fragments; the second (198.51.100.0/24) is not in
 * {@code interfaces-config}, although the configuration has a subnet for it.
 *
 * <ul>
 *   <li>A 4000-byte DISCOVER goes as 8 fragments, is reassembled in the server namespace and is
 *       offered an address; one reassembled to 9000 bytes is dropped as
 *       {@code pkt4-parse-failed[oversized]} and the next DISCOVER is still answered.</li>
 *   <li>A DISCOVER arriving on the second link, broadcast or unicast to the first link's server
 *       address, reaches the server namespace (the kernel counts it) but no socket of Kakapo's:
 *       no answer and no DHCPv4 counter moves. The same DISCOVER on the first link is answered.</li>
 * </ul>
 *
 * <p>The test's JVM cannot open sockets inside a namespace, so {@link DatagramProbe} sends and
 * receives there, and reads the server's {@code /metrics} from inside the server namespace. The
 * server runs on this test's class path (no packaged jar needed) on ports 10067/10068.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinkLayerE2ETest {
    static final int SERVER_PORT = 10067;
    static final int CLIENT_PORT = 10068;
    static final int CONTROL_PORT = 8000;
    /** The smallest MTU every IPv4 host must accept (RFC 791): 552 bytes of payload per fragment. */
    static final int SMALL_MTU = 576;
    static final String FIRST_CLIENT_ADDRESS = "192.0.2.2/24";
    static final String SECOND_SERVER_ADDRESS = "198.51.100.1/24";
    static final String SECOND_CLIENT_ADDRESS = "198.51.100.2/24";
    static final int POOL_FIRST = Ipv4.parse("192.0.2.100");
    static final int POOL_LAST = Ipv4.parse("192.0.2.150");
    static final byte[] CHADDR = {0x00, 0x00, 0x5e, 0x00, 0x53, 0x01};
    /**
     * How long a probe waits for an answer that should not come. Silence alone proves little on a
     * loaded machine, so each such test also reads a counter: the kernel's, or the server's.
     */
    static final Duration SILENCE = Duration.ofSeconds(2);
    /** How long a probe waits for an answer that should come: generous, for a cold server on a busy machine. */
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);
    static final Duration PROBE_LIMIT = Duration.ofSeconds(60);

    static final String CONFIG = """
            {
              "Kakapo": { "control": { "address": "127.0.0.1", "port": %d } },
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "%s" ] },
                "lease-database": { "type": "memfile", "name": "kakapo-leases4.csv", "lfc-interval": 3600 },
                "valid-lifetime": 600,
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.150" } ] },
                  { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.100 - 198.51.100.150" } ] }
                ],
                "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "stdout" } ] } ]
              }
            }
            """;

    RunFolder folder;
    NetworkNamespaces namespaces;
    NetworkNamespaces.ClientLink first;
    NetworkNamespaces.ClientLink second;
    KakapoProcess server;

    @RegisterExtension
    final TestWatcher printRunOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (folder != null) {
                try (var files = Files.list(folder.dir())) {
                    folder.print(context.getDisplayName(), files.map(f -> f.getFileName().toString())
                            .filter(n -> n.endsWith(".log") || n.endsWith(".out")).sorted().toList());
                } catch (IOException e) {
                    System.err.println("cannot list " + folder.dir() + ": " + e);
                }
            }
        }
    };

    @BeforeAll
    void startServerWithTwoLinks() throws IOException, InterruptedException {
        assumeTrue(HostPrograms.runningAsRoot(), "end-to-end tests need root (network namespaces); skipped");
        List<String> missing = HostPrograms.missing();
        assumeTrue(missing.isEmpty(), () -> "end-to-end tests need " + missing + "; skipped (.ci/run installs them)");

        String runId = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        folder = RunFolder.create("linklayer-" + runId);
        namespaces = NetworkNamespaces.create(HostPrograms.locate(), "l", runId);
        first = namespaces.clientLink();
        namespaces.setMtu(first, SMALL_MTU);
        namespaces.addClientAddress(first, FIRST_CLIENT_ADDRESS);
        second = namespaces.addClientLink(SECOND_SERVER_ADDRESS);
        namespaces.addClientAddress(second, SECOND_CLIENT_ADDRESS);

        Path config = folder.resolve("kakapo-dhcp4.json");
        Files.writeString(config, CONFIG.formatted(CONTROL_PORT, first.serverInterface()));
        server = KakapoProcess.start(namespaces.inServer(KakapoProcess.onTestClassPath("dhcp4", "-c", config.toString(),
                        "-p", Integer.toString(SERVER_PORT), "-P", Integer.toString(CLIENT_PORT))),
                folder.resolve("kakapo.log"), Duration.ofSeconds(90));
    }

    @AfterAll
    void stopEverything() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (namespaces != null) {
                namespaces.close();
            }
        }
    }

    @Test
    @Order(1)
    void aDiscoverSentInFragmentsIsReassembledAndOffered() throws Exception {
        NetSnmp clientBefore = clientSnmp(first);
        NetSnmp serverBefore = serverSnmp();

        Message4 offer = answerTo(first, "255.255.255.255", paddedDiscover(4000), "fragmented-discover");
        assertEquals(MessageType4.OFFER, offer.messageType(), "the answer to a 4000-byte DISCOVER sent in fragments");
        assertInPool(offer.yiaddr());

        long created = clientSnmp(first).minus(clientBefore, "Ip", "FragCreates");
        long reassembled = serverSnmp().minus(serverBefore, "Ip", "ReasmOKs");
        System.out.println("4000-byte DISCOVER over MTU " + SMALL_MTU + ": client FragCreates +" + created
                + ", server ReasmOKs +" + reassembled);
        // 4000 bytes of DHCP, 8 of UDP header: ceil(4008 / 552) = 8 fragments, one datagram put back together
        assertEquals(8, created, "fragments the client namespace made");
        assertEquals(1, reassembled, "datagrams the server namespace reassembled");
    }

    @Test
    @Order(2)
    void aDatagramReassembledBeyond8192BytesIsDroppedAsOversizedAndServingGoesOn() throws Exception {
        NetSnmp clientBefore = clientSnmp(first);
        NetSnmp serverBefore = serverSnmp();

        assertTrue(unanswered(first, "255.255.255.255", paddedDiscover(9000), "oversized-discover"),
                "a 9000-byte DISCOVER is not answered");

        long created = clientSnmp(first).minus(clientBefore, "Ip", "FragCreates");
        long reassembled = serverSnmp().minus(serverBefore, "Ip", "ReasmOKs");
        System.out.println("9000-byte DISCOVER over MTU " + SMALL_MTU + ": client FragCreates +" + created
                + ", server ReasmOKs +" + reassembled);
        assertEquals(17, created, "ceil(9008 / 552) fragments");
        assertEquals(1, reassembled, "the server namespace put the 9000 bytes back together for the socket");
        awaitCounter("kakapo_dhcp4_packets_parse_failed_total{reason=\"oversized\"}", 1.0);

        Message4 after = answerTo(first, "255.255.255.255", discover().encode(), "discover-after-oversized");
        assertEquals(MessageType4.OFFER, after.messageType(), "the server still answers");
    }

    @Test
    @Order(3)
    void aDiscoverOnAnInterfaceNotConfiguredIsNeitherAnsweredNorCounted() throws Exception {
        Map<String, Double> countersBefore = packetCounters();
        NetSnmp serverBefore = serverSnmp();
        byte[] discover = discover().encode();

        assertTrue(unanswered(second, "255.255.255.255", discover, "second-link-broadcast"),
                "a DISCOVER broadcast on the second link is not answered");
        String firstServerAddress = NetworkNamespaces.SERVER_ADDRESS.substring(0, NetworkNamespaces.SERVER_ADDRESS.indexOf('/'));
        assertTrue(unanswered(second, firstServerAddress, discover, "second-link-unicast"),
                "a DISCOVER unicast to " + firstServerAddress + " through the second link is not answered");

        // The kernel of the server namespace had both datagrams and found no socket for them there.
        NetSnmp serverAfter = serverSnmp();
        System.out.println("DISCOVERs on the link not configured: server Udp IgnoredMulti +"
                + serverAfter.minus(serverBefore, "Udp", "IgnoredMulti") + ", NoPorts +" + serverAfter.minus(serverBefore, "Udp", "NoPorts"));
        assertEquals(1, serverAfter.minus(serverBefore, "Udp", "IgnoredMulti"), "the broadcast reached no socket");
        assertEquals(1, serverAfter.minus(serverBefore, "Udp", "NoPorts"), "the unicast reached no socket");
        assertEquals(countersBefore, packetCounters(), "no DHCPv4 packet counter moved");

        Message4 offer = answerTo(first, "255.255.255.255", discover, "first-link-broadcast");
        assertEquals(MessageType4.OFFER, offer.messageType(), "the answer to the same DISCOVER on the configured link");
        assertInPool(offer.yiaddr());
        String discovers = "kakapo_dhcp4_packets_received_total{type=\"discover\"}";
        assertEquals(countersBefore.getOrDefault(discovers, 0.0) + 1, packetCounters().get(discovers), "the configured link's DISCOVER is counted");
    }

    /** A broadcast DISCOVER from {@link #CHADDR}, with a fresh xid and a parameter request list. */
    private static Message4 discover() {
        return discoverBuilder().build();
    }

    private static Message4.Builder discoverBuilder() {
        return Message4.builder().op(1).htype(1).chaddr(CHADDR).flags(0x8000).xid(ThreadLocalRandom.current().nextInt())
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) MessageType4.DISCOVER.code()})
                .option(OptionCode4.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6, 15, 12, 51, 54, 58, 59});
    }

    /**
     * A DISCOVER of {@code size} bytes: every option code from 1 to 254 in its parameter request
     * list, six site-specific options (224-229) of 200 random bytes, then PAD bytes after END.
     */
    private static byte[] paddedDiscover(int size) {
        byte[] everyCode = new byte[254];
        for (int i = 0; i < everyCode.length; i++) {
            everyCode[i] = (byte) (i + 1);
        }
        Message4.Builder b = discoverBuilder().option(OptionCode4.PARAMETER_REQUEST_LIST, everyCode);
        Random random = new Random(size);
        for (int code = 224; code < 230; code++) {
            byte[] bytes = new byte[200];
            random.nextBytes(bytes);
            b.option(code, bytes);
        }
        byte[] encoded = b.build().encode();
        assertTrue(encoded.length < size, () -> "the options take " + encoded.length + " bytes, more than " + size);
        return Arrays.copyOf(encoded, size);
    }

    /** Sends {@code request} as {@link #exchange} does and returns the answer; fails when none comes within {@link #ANSWER_LIMIT}. */
    private Message4 answerTo(NetworkNamespaces.ClientLink link, String destination, byte[] request, String name)
            throws IOException, InterruptedException, MalformedPacketException {
        return exchange(link, destination, request, name, ANSWER_LIMIT).orElseThrow(() -> new AssertionError(
                "no answer within " + ANSWER_LIMIT + " to " + name + " (" + request.length + " bytes to " + destination + ")"));
    }

    /** Sends {@code request} as {@link #exchange} does; whether no answer came within {@link #SILENCE}. */
    private boolean unanswered(NetworkNamespaces.ClientLink link, String destination, byte[] request, String name)
            throws IOException, InterruptedException, MalformedPacketException {
        return exchange(link, destination, request, name, SILENCE).isEmpty();
    }

    /**
     * Sends {@code request} from the client namespace of {@code link} to {@code destination} on the
     * server port and returns the server's answer; empty when none came within {@code wait}. The
     * probe's files are kept in the run folder under {@code name}.
     */
    private Optional<Message4> exchange(NetworkNamespaces.ClientLink link, String destination, byte[] request, String name,
                                        Duration wait) throws IOException, InterruptedException, MalformedPacketException {
        Path requestFile = folder.resolve(name + ".request");
        Path replyFile = folder.resolve(name + ".reply");
        Files.write(requestFile, request);
        Files.deleteIfExists(replyFile);
        CommandRun probe = CommandRun.of(PROBE_LIMIT, folder.resolve(name + ".out"), namespaces.in(link, DatagramProbe.command(
                "exchange", Integer.toString(CLIENT_PORT), destination, Integer.toString(SERVER_PORT),
                requestFile.toString(), Long.toString(wait.toMillis()), replyFile.toString())));
        if (probe.exitStatus() == DatagramProbe.NO_REPLY) {
            return Optional.empty();
        }
        probe.succeeded();
        return Optional.of(Message4.decode(Files.readAllBytes(replyFile)));
    }

    /**
     * The server's {@code kakapo_dhcp4_packets_*} series from {@code /metrics}, read inside the
     * server namespace: name with labels (as {@code name{type="discover"}}) to value.
     */
    private Map<String, Double> packetCounters() throws IOException, InterruptedException {
        CommandRun scrape = CommandRun.of(PROBE_LIMIT, folder.resolve("metrics.out"), namespaces.inServer(
                DatagramProbe.command("get", "http://127.0.0.1:" + CONTROL_PORT + "/metrics"))).succeeded();
        Map<String, Double> series = new TreeMap<>();
        for (String line : scrape.output().split("\n")) {
            if (line.startsWith("kakapo_dhcp4_packets_")) {
                int space = line.lastIndexOf(' ');
                // Micrometer writes a trailing comma in label sets ({type="discover",}); drop it
                series.put(line.substring(0, space).replace(",}", "}"), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }

    /** Waits until the server's {@code series} reads {@code expected}; fails with its last value after {@link #ANSWER_LIMIT}. */
    private void awaitCounter(String series, double expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ANSWER_LIMIT.toNanos();
        Map<String, Double> counters = packetCounters();
        while (!Double.valueOf(expected).equals(counters.get(series))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(series + " is " + counters.get(series) + ", not " + expected + ", after "
                        + ANSWER_LIMIT + "; all: " + counters);
            }
            Thread.sleep(200);
            counters = packetCounters();
        }
    }

    private NetSnmp clientSnmp(NetworkNamespaces.ClientLink link) throws IOException, InterruptedException {
        return NetSnmp.parse(CommandRun.of(namespaces.in(link, List.of("cat", "/proc/net/snmp"))).succeeded().output());
    }

    private NetSnmp serverSnmp() throws IOException, InterruptedException {
        return NetSnmp.parse(CommandRun.of(namespaces.inServer(List.of("cat", "/proc/net/snmp"))).succeeded().output());
    }

    private static void assertInPool(int address) {
        assertTrue(Ipv4.compare(address, POOL_FIRST) >= 0 && Ipv4.compare(address, POOL_LAST) <= 0,
                () -> Ipv4.toText(address) + " is outside the pool 192.0.2.100 - 192.0.2.150");
    }

    /**
     * A namespace's {@code /proc/net/snmp}: each protocol's counters, keyed "Ip.FragCreates",
     * "Udp.NoPorts", ... The file gives each protocol a line of names, then a line of values.
     */
    record NetSnmp(Map<String, Long> counters) {
        static NetSnmp parse(String text) {
            Map<String, Long> counters = new LinkedHashMap<>();
            String[] lines = text.split("\n");
            for (int i = 0; i + 1 < lines.length; i += 2) {
                String[] names = lines[i].trim().split("\\s+");
                String[] values = lines[i + 1].trim().split("\\s+");
                String protocol = names[0].substring(0, names[0].length() - 1);
                for (int k = 1; k < names.length && k < values.length; k++) {
                    counters.put(protocol + "." + names[k], Long.parseLong(values[k]));
                }
            }
            return new NetSnmp(counters);
        }

        /** How much {@code protocol.name} grew since {@code before}. */
        long minus(NetSnmp before, String protocol, String name) {
            String key = protocol + "." + name;
            Long now = counters.get(key);
            Long then = before.counters.get(key);
            if (now == null || then == null) {
                throw new AssertionError("/proc/net/snmp has no " + key + ": " + counters.keySet());
            }
            return now - then;
        }
    }
}
