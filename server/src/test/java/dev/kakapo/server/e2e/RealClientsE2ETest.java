package dev.kakapo.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.server.testing.KakapoProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * {@code bin/kakapo dhcp4} serving real DHCP clients — ISC dhclient, then busybox udhcpc — across a
 * veth pair between two network namespaces made for this run. Runs in the {@code e2e} profile
 * ({@code mvn -Pe2e test -pl server -am}) as root, after packaging; skipped elsewhere.
 *
 * <p>dhclient runs with {@code -1} but without {@code -d}: the process we start then exits 0 as soon
 * as the script ran for BOUND (2 when no lease came within the configuration's timeout), and leaves a
 * daemon behind whose pid is in the {@code -pf} file. {@code dhclient -r} with the same files stops
 * that daemon and sends the DHCPRELEASE. So the exit status is the point where the binding is
 * complete, and nothing needs polling on the client side.
 *
 * <p>Everything a run makes — configuration, scripts, the server's log and lease file, the clients'
 * output — stays in {@code target/e2e/RUN} for a look after a failure; a failing test also prints it.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealClientsE2ETest {
    static final int POOL_FIRST = Ipv4.parse("192.0.2.100");
    static final int POOL_LAST = Ipv4.parse("192.0.2.150");
    static final String ROUTERS = "192.0.2.1";
    static final String DNS_SERVERS = "192.0.2.53 198.51.100.53";
    static final String DOMAIN = "example.org";
    /** The clients give up on their own after 20-30 s; this only bounds a client that hangs. */
    static final Duration CLIENT_LIMIT = Duration.ofSeconds(40);
    /** How long the server may take to write a lease row after the client saw its reply. */
    static final Duration LEASE_WRITE_LIMIT = Duration.ofSeconds(10);
    /** Files of a run worth reading when a test fails, in the order they are printed. */
    static final List<String> DIAGNOSIS_FILES = List.of("kakapo.log", "kakapo-leases4.csv",
            "dhclient.out", "dhclient.reasons", "dhclient.result", "dhclient-release.out",
            "udhcpc.out", "udhcpc.events", "udhcpc.result");

    HostPrograms programs;
    Path work;
    NetworkNamespaces link;
    KakapoProcess server;

    @RegisterExtension
    final TestWatcher printRunOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printRun(context.getDisplayName());
        }
    };

    @BeforeAll
    void startServerBetweenTwoNamespaces() throws IOException, InterruptedException {
        assumeTrue(HostPrograms.runningAsRoot(), "end-to-end tests need root (network namespaces, port 67); skipped");
        List<String> missing = HostPrograms.missing();
        assumeTrue(missing.isEmpty(), () -> "end-to-end tests need " + missing + "; skipped (.ci/run installs them)");
        programs = HostPrograms.locate();

        Path repository = repositoryRoot();
        Path jar = repository.resolve("server/target/kakapo.jar");
        assertTrue(Files.isRegularFile(jar), () -> jar + " is not built; bin/kakapo runs it, so package first: "
                + "mvn -q -B -DskipTests package");

        String runId = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        work = Files.createDirectories(Path.of("target", "e2e", runId)).toAbsolutePath();
        copyResource("dhclient.conf", false);
        copyResource("dhclient-script", true);
        copyResource("udhcpc-script", true);

        link = NetworkNamespaces.create(programs, runId);
        Path config = work.resolve("kakapo-dhcp4.json");
        Files.writeString(config, resource("kakapo-dhcp4.json").replace("@SERVER_INTERFACE@", link.serverInterface()));

        server = KakapoProcess.start(
                link.inServer(List.of(repository.resolve("bin/kakapo").toString(), "dhcp4", "-c", config.toString())),
                work.resolve("kakapo.log"), Duration.ofSeconds(45));
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (work != null) {
                stopDhclientDaemon(work.resolve("dhclient.pid"));
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                if (link != null) {
                    link.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void iscDhclientBindsThenReleases() throws Exception {
        link.flushClientAddresses();
        Path pidFile = work.resolve("dhclient.pid");
        Files.writeString(work.resolve("dhclient.leases"), ""); // dhclient refuses a lease file that does not exist
        try {
            CommandRun bound = CommandRun.of(CLIENT_LIMIT, work.resolve("dhclient.out"), link.inClient(dhclient("-1")));
            assertEquals(0, bound.exitStatus(), bound::toString);

            Map<String, String> got = scriptResult("dhclient.result", bound);
            String address = got.get("ip");
            assertInPool(address);
            assertEquals(List.of(address + "/24"), link.clientAddresses(), "the script set the address on the client link");
            assertEquals(ROUTERS, got.get("routers"));
            assertEquals(DNS_SERVERS, got.get("dns"));
            assertEquals(DOMAIN, got.get("domain"));

            LeaseFileRow lease = awaitLastRow(address, r -> !r.isRelease(), "a lease row");
            assertEquals(NetworkNamespaces.CLIENT_MAC, lease.hwaddr());
            assertEquals(600, lease.validLifetime());

            CommandRun released = CommandRun.of(CLIENT_LIMIT, work.resolve("dhclient-release.out"), link.inClient(dhclient("-r")));
            assertEquals(0, released.exitStatus(), released::toString);
            assertTrue(released.output().contains("DHCPRELEASE of " + address), released::toString);

            LeaseFileRow release = awaitLastRow(address, LeaseFileRow::isRelease, "a release row (valid_lifetime 0)");
            assertEquals(NetworkNamespaces.CLIENT_MAC, release.hwaddr());
            assertEquals(List.of(), link.clientAddresses(), "the script removed the address on RELEASE");
        } finally {
            stopDhclientDaemon(pidFile);
        }
    }

    @Test
    @Order(2)
    void busyboxUdhcpcBinds() throws Exception {
        link.flushClientAddresses();
        CommandRun bound = CommandRun.of(CLIENT_LIMIT, work.resolve("udhcpc.out"), link.inClient(List.of(
                programs.timeout().toString(), "30", programs.udhcpc().toString(),
                "-f", "-q", "-n", "-t", "5", "-i", link.clientInterface(), "-s", work.resolve("udhcpc-script").toString())));
        assertEquals(0, bound.exitStatus(), bound::toString);

        Map<String, String> got = scriptResult("udhcpc.result", bound);
        String address = got.get("ip");
        assertInPool(address);
        assertEquals(List.of(address + "/24"), link.clientAddresses(), "the script set the address on the client link");
        assertEquals(ROUTERS, got.get("routers"));
        assertEquals(DNS_SERVERS, got.get("dns"));
        assertEquals(DOMAIN, got.get("domain"));

        LeaseFileRow lease = awaitLastRow(address, r -> !r.isRelease(), "a lease row");
        assertEquals(NetworkNamespaces.CLIENT_MAC, lease.hwaddr());
        // udhcpc sends a client identifier by default: type 1 (Ethernet) and the MAC.
        assertEquals("01:" + NetworkNamespaces.CLIENT_MAC, lease.clientId());
    }

    @Test
    @Order(3)
    void serverStopsOnSigtermHavingLoggedNoWarnings() throws Exception {
        int status = server.stop(Duration.ofSeconds(10));
        String log = server.logText();
        assertTrue(log.contains("event=stopped family=4 leases=durable"), () -> "no event=stopped in:\n" + log);
        assertEquals(0, status, () -> "a stop on SIGTERM is a clean exit, as Kea's is:\n" + log);
        List<String> warnings = server.logLines().stream().filter(RealClientsE2ETest::isWarningOrWorse).toList();
        assertEquals(List.of(), warnings, () -> "unexpected WARNING/SEVERE lines in the server log:\n" + log);
    }

    /** A log line at WARNING or above: Kakapo's own format ("time LEVEL logger ...") or the JDK's. */
    static boolean isWarningOrWorse(String line) {
        String[] fields = line.split(" ", 3);
        boolean kakapoFormat = fields.length == 3 && (fields[1].equals("WARNING") || fields[1].equals("SEVERE"));
        return kakapoFormat || line.startsWith("WARNING") || line.startsWith("SEVERE");
    }

    /** dhclient in the client namespace with this run's files; {@code mode} is -1 (bind once) or -r (release). */
    private List<String> dhclient(String mode) {
        return List.of(programs.timeout().toString(), "30", programs.dhclient().toString(), "-4", mode, "-v",
                "-cf", work.resolve("dhclient.conf").toString(),
                "-lf", work.resolve("dhclient.leases").toString(),
                "-pf", work.resolve("dhclient.pid").toString(),
                "-sf", work.resolve("dhclient-script").toString(),
                link.clientInterface());
    }

    /** Stops the dhclient daemon named in {@code pidFile}, if it still runs (a recycled pid is left alone). */
    private static void stopDhclientDaemon(Path pidFile) throws Exception {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).trim();
        if (text.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> daemon = ProcessHandle.of(Long.parseLong(text))
                .filter(h -> h.info().command().map(c -> c.endsWith("dhclient")).orElse(false));
        if (daemon.isPresent()) {
            daemon.get().destroy();
            daemon.get().onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** The key=value lines a client script wrote for BOUND. */
    private Map<String, String> scriptResult(String name, CommandRun client) throws IOException {
        Path file = work.resolve(name);
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

    private static void assertInPool(String address) {
        assertNotNull(address, "the client script recorded no address");
        int a = Ipv4.parse(address);
        assertTrue(Ipv4.compare(a, POOL_FIRST) >= 0 && Ipv4.compare(a, POOL_LAST) <= 0,
                () -> address + " is outside the pool 192.0.2.100 - 192.0.2.150");
    }

    /**
     * Waits until the server's lease file holds a row for {@code address} as its latest one and that
     * row is {@code expected}; fails with the file's rows when it does not come in time.
     */
    private LeaseFileRow awaitLastRow(String address, Predicate<LeaseFileRow> expected, String what)
            throws IOException, InterruptedException {
        Path leaseFile = work.resolve("kakapo-leases4.csv");
        long deadline = System.nanoTime() + LEASE_WRITE_LIMIT.toNanos();
        while (true) {
            List<LeaseFileRow> rows = LeaseFileRow.read(leaseFile);
            List<LeaseFileRow> forAddress = rows.stream().filter(r -> r.address().equals(address)).toList();
            if (!forAddress.isEmpty() && expected.test(forAddress.get(forAddress.size() - 1))) {
                return forAddress.get(forAddress.size() - 1);
            }
            if (System.nanoTime() > deadline) {
                fail("no " + what + " for " + address + " in " + leaseFile + " within " + LEASE_WRITE_LIMIT + "; rows: " + rows);
            }
            Thread.sleep(100);
        }
    }

    private void copyResource(String name, boolean executable) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, resource(name));
        if (executable) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RealClientsE2ETest.class.getResourceAsStream("/e2e/" + name)) {
            if (in == null) {
                throw new IOException("test resource /e2e/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The checkout holding bin/kakapo: Maven runs this module's tests in server/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("bin/kakapo"))) {
                return dir;
            }
        }
        throw new AssertionError("no bin/kakapo above " + Path.of("").toAbsolutePath());
    }

    private void printRun(String failedTest) {
        StringBuilder out = new StringBuilder("\n==== " + failedTest + " failed; run folder " + work + "\n");
        for (String name : DIAGNOSIS_FILES) {
            Path file = work == null ? null : work.resolve(name);
            if (file != null && Files.exists(file)) {
                try {
                    out.append("---- ").append(name).append('\n').append(Files.readString(file)).append('\n');
                } catch (IOException e) {
                    out.append("---- ").append(name).append(": unreadable: ").append(e).append('\n');
                }
            }
        }
        System.err.print(out);
    }
}
