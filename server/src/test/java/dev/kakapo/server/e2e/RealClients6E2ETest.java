package dev.kakapo.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.server.testing.KakapoProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 * {@code bin/kakapo dhcp6} serving real DHCPv6 clients — ISC {@code dhclient -6} for an address, a
 * delegated prefix and a rapid-commit binding, then Kea's {@code perfdhcp -6} — across a veth pair
 * between two network namespaces made for this run. Runs in the {@code e2e} profile
 * ({@code mvn -Pe2e test -pl server -am}) as root, after packaging; skipped elsewhere.
 *
 * <p>The clients multicast from their link-local address to ff02::1:2, so the server places them in
 * the subnet holding its link's global address, 2001:db8:1::1/64. As in the DHCPv4 test, dhclient
 * runs with {@code -1} and without {@code -d}: the process we start exits 0 once the script ran for
 * BOUND6, leaving a daemon whose pid is in the {@code -pf} file; {@code dhclient -r} with the same
 * files stops it and sends the RELEASE.
 *
 * <p>Everything a run makes stays in {@code target/e2e/dhcp6-RUN}; a failing test also prints it.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealClients6E2ETest {
    static final Ipv6Address POOL_FIRST = Ipv6Address.parse("2001:db8:1::100");
    static final Ipv6Address POOL_LAST = Ipv6Address.parse("2001:db8:1::1ff");
    static final Ipv6Address PD_POOL = Ipv6Address.parse("2001:db8:8::");
    static final int PD_POOL_LENGTH = 56;
    static final int DELEGATED_LENGTH = 64;
    static final int VALID_LIFETIME = 4000;
    static final String DNS_SERVERS = "2001:db8:1::53";
    /** dhclient writes a domain-search name fully qualified. */
    static final String DOMAIN_SEARCH = "example.org.";
    /** perfdhcp builds its clients' DUIDs (DUID-LLT) and so their hwaddr on this base MAC, varying the last bytes. */
    static final String PERFDHCP_MAC_BASE = "00:0c:01:02:";
    /** The clients give up on their own after 20-30 s; this only bounds a client that hangs. */
    static final Duration CLIENT_LIMIT = Duration.ofSeconds(40);
    /** How long the server may take to write a lease row after the client saw its reply. */
    static final Duration LEASE_WRITE_LIMIT = Duration.ofSeconds(10);
    static final String LEASE_FILE = "kakapo-leases6.csv";
    /** Files of a run worth reading when a test fails, in the order they are printed. */
    static final List<String> DIAGNOSIS_FILES = List.of("kakapo.log", LEASE_FILE,
            "dhclient6-na.out", "dhclient6-na-release.out", "dhclient6-pd.out", "dhclient6-pd-release.out",
            "dhclient6-rapid-commit.out", "dhclient6-rapid-commit-release.out",
            "dhclient6.reasons", "dhclient6.result", "perfdhcp.out");

    HostPrograms programs;
    RunFolder run;
    NetworkNamespaces link;
    KakapoProcess server;

    @RegisterExtension
    final TestWatcher printRunOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (run != null) {
                run.print(context.getDisplayName(), DIAGNOSIS_FILES);
            }
        }
    };

    @BeforeAll
    void startServerBetweenTwoNamespaces() throws IOException, InterruptedException {
        assumeTrue(HostPrograms.runningAsRoot(), "end-to-end tests need root (network namespaces, port 547); skipped");
        List<String> missing = HostPrograms.missing();
        assumeTrue(missing.isEmpty(), () -> "end-to-end tests need " + missing + "; skipped (.ci/run installs them)");
        programs = HostPrograms.locate();

        Path repository = RunFolder.repositoryRoot();
        Path jar = repository.resolve("server/target/kakapo.jar");
        assertTrue(Files.isRegularFile(jar), () -> jar + " is not built; bin/kakapo runs it, so package first: "
                + "mvn -q -B -DskipTests package");

        String runId = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        run = RunFolder.create("dhcp6-" + runId);
        run.copyResource("dhclient6.conf", false);
        run.copyResource("dhclient6-rapid-commit.conf", false);
        run.copyResource("dhclient6-script", true);

        link = NetworkNamespaces.create(programs, "6", runId);
        link.awaitIpv6LinkLocal(Duration.ofSeconds(15));
        Path config = run.resolve("kakapo-dhcp6.json");
        Files.writeString(config, RunFolder.resource("kakapo-dhcp6.json").replace("@SERVER_INTERFACE@", link.serverInterface()));

        server = KakapoProcess.start(
                link.inServer(List.of(repository.resolve("bin/kakapo").toString(), "dhcp6", "-c", config.toString())),
                run.resolve("kakapo.log"), Duration.ofSeconds(45));
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (run != null) {
                for (String pidFile : List.of("dhclient6-na.pid", "dhclient6-pd.pid", "dhclient6-rapid-commit.pid")) {
                    run.stopDaemon(pidFile, "dhclient");
                }
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
    void iscDhclientGetsAnAddressThenReleasesIt() throws Exception {
        link.flushClientIpv6Addresses();
        try {
            CommandRun bound = dhclient("na", "-1");
            assertEquals(0, bound.exitStatus(), bound::toString);

            Map<String, String> got = run.scriptResult("dhclient6.result", bound);
            String address = got.get("ip6_address");
            assertInAddressPool(address);
            assertEquals("128", got.get("ip6_prefixlen"));
            assertEquals(List.of(address + "/128"), link.clientIpv6Addresses(), "the script set the address on the client link");
            assertEquals(DNS_SERVERS, got.get("name_servers"));
            assertEquals(DOMAIN_SEARCH, got.get("domain_search"));
            assertEquals(String.valueOf(VALID_LIFETIME), got.get("max_life"));
            String duid = colonHex(got.get("client_id"));
            assertTrue(duid.endsWith(NetworkNamespaces.CLIENT_MAC), () -> "dhclient's DUID is built on the link's MAC: " + duid);

            LeaseFileRow lease = awaitLatest(address, r -> !r.isRelease(), "a lease row for " + address);
            assertEquals(LeaseFileRow.ADDRESS, lease.leaseType(), lease::toString);
            assertEquals(duid, lease.duid(), lease::toString);
            assertEquals(128, lease.prefixLength(), lease::toString);
            assertEquals(VALID_LIFETIME, lease.validLifetime(), lease::toString);
            assertEquals(1, lease.subnetId(), lease::toString);
            assertEquals(NetworkNamespaces.CLIENT_MAC, lease.hwaddr(), lease::toString);

            CommandRun released = dhclient("na", "-r");
            assertEquals(0, released.exitStatus(), released::toString);
            assertTrue(released.output().contains("Release Address " + address), released::toString);

            LeaseFileRow release = awaitLatest(address, LeaseFileRow::isRelease, "a release row (valid_lifetime 0) for " + address);
            assertEquals(LeaseFileRow.ADDRESS, release.leaseType(), release::toString);
            assertEquals(duid, release.duid(), release::toString);
            assertEquals(List.of(), link.clientIpv6Addresses(), "the script removed the address on RELEASE6");
        } finally {
            run.stopDaemon("dhclient6-na.pid", "dhclient");
        }
    }

    @Test
    @Order(2)
    void iscDhclientGetsADelegatedPrefixThenReleasesIt() throws Exception {
        try {
            CommandRun bound = dhclient("pd", "-P", "-1");
            assertEquals(0, bound.exitStatus(), bound::toString);

            Map<String, String> got = run.scriptResult("dhclient6.result", bound);
            String prefix = got.get("ip6_prefix");
            assertNotNull(prefix, "the client script recorded no prefix");
            int slash = prefix.indexOf('/');
            assertTrue(slash > 0, () -> "not a prefix: " + prefix);
            Ipv6Address delegated = Ipv6Address.parse(prefix.substring(0, slash));
            assertEquals(DELEGATED_LENGTH, Integer.parseInt(prefix.substring(slash + 1)), prefix);
            assertTrue(delegated.within(PD_POOL, PD_POOL_LENGTH), () -> prefix + " is outside the pd-pool 2001:db8:8::/56");
            assertEquals(delegated, delegated.masked(DELEGATED_LENGTH), () -> prefix + " has host bits set");
            assertEquals("", got.get("ip6_address"), "-P asks for a prefix only");
            String duid = colonHex(got.get("client_id"));

            LeaseFileRow lease = awaitLatest(delegated.toText(), r -> !r.isRelease(), "a lease row for " + prefix);
            assertEquals(LeaseFileRow.PREFIX, lease.leaseType(), lease::toString);
            assertEquals(DELEGATED_LENGTH, lease.prefixLength(), lease::toString);
            assertEquals(duid, lease.duid(), lease::toString);
            assertEquals(VALID_LIFETIME, lease.validLifetime(), lease::toString);

            CommandRun released = dhclient("pd", "-P", "-r");
            assertEquals(0, released.exitStatus(), released::toString);
            assertTrue(released.output().contains("Release Prefix " + prefix), released::toString);
            LeaseFileRow release = awaitLatest(delegated.toText(), LeaseFileRow::isRelease, "a release row for " + prefix);
            assertEquals(LeaseFileRow.PREFIX, release.leaseType(), release::toString);
        } finally {
            run.stopDaemon("dhclient6-pd.pid", "dhclient");
        }
    }

    /**
     * Rapid commit through dhclient rather than perfdhcp: perfdhcp 2.2's {@code -c} needs {@code -i}
     * (SOLICIT only), and then it files any REPLY under the REQUEST-REPLY exchange that {@code -i}
     * left out and stops with "Packets exchange not specified" — against any server that honours
     * rapid commit.
     */
    @Test
    @Order(3)
    void iscDhclientAskingForRapidCommitBindsWithSolicitAndReply() throws Exception {
        link.flushClientIpv6Addresses();
        try {
            CommandRun bound = dhclient("rapid-commit", "-1");
            assertEquals(0, bound.exitStatus(), bound::toString);
            // The subnet allows rapid commit, so the SOLICIT is answered by a REPLY that binds.
            assertTrue(bound.output().contains("RCV: Reply message"), bound::toString);
            assertFalse(bound.output().contains("RCV: Advertise message"), bound::toString);
            assertFalse(bound.output().contains("XMT: Request on"), bound::toString);

            String address = run.scriptResult("dhclient6.result", bound).get("ip6_address");
            assertInAddressPool(address);
            LeaseFileRow lease = awaitLatest(address, r -> !r.isRelease(), "a lease row for " + address);
            assertEquals(LeaseFileRow.ADDRESS, lease.leaseType(), lease::toString);

            CommandRun released = dhclient("rapid-commit", "-r");
            assertEquals(0, released.exitStatus(), released::toString);
            awaitLatest(address, LeaseFileRow::isRelease, "a release row for " + address);
        } finally {
            run.stopDaemon("dhclient6-rapid-commit.pid", "dhclient");
        }
    }

    /**
     * 20 four-way exchanges from 20 simulated clients, 10 started per second. {@code -W} lets
     * perfdhcp wait for the answers to its last requests: without it, it stops right after sending
     * the 20th SOLICIT and counts that exchange, answered milliseconds later, as dropped (exit 3).
     * The generous drop time {@code -d} keeps a slow, shared machine from turning into drops.
     */
    @Test
    @Order(4)
    void perfdhcpCompletesFourWayExchanges() throws Exception {
        CommandRun perf = CommandRun.of(CLIENT_LIMIT, run.resolve("perfdhcp.out"), link.inClient(List.of(
                programs.timeout().toString(), "30", programs.perfdhcp().toString(), "-6", "-l", link.clientInterface(),
                "-R", "20", "-n", "20", "-r", "10", "-d", "4", "-W", "5000000")));
        assertEquals(0, perf.exitStatus(), () -> "perfdhcp exits 0 when every exchange completed, 3 when some did not: " + perf);

        PerfdhcpReport report = PerfdhcpReport.parse(perf.output());
        for (String half : List.of("SOLICIT-ADVERTISE", "REQUEST-REPLY")) {
            PerfdhcpReport.Exchange x = report.exchange(half).orElseThrow(() -> new AssertionError("no " + half + " statistics in " + perf));
            assertEquals(20, x.sent(), () -> half + ": " + x);
            assertEquals(x.sent(), x.received(), () -> half + ": " + x);
            assertEquals(0, x.drops(), () -> half + ": " + x);
        }

        // Each completed exchange granted a real lease: perfdhcp's clients are in the lease file.
        List<LeaseFileRow> perfdhcpLeases = LeaseFileRow.read(run.resolve(LEASE_FILE)).stream()
                .filter(r -> r.hwaddr().startsWith(PERFDHCP_MAC_BASE) && !r.isRelease())
                .toList();
        Set<String> clients = perfdhcpLeases.stream().map(LeaseFileRow::duid).collect(Collectors.toSet());
        assertTrue(!clients.isEmpty() && clients.size() <= 20, () -> "perfdhcp's clients in the lease file: " + clients);
        for (LeaseFileRow r : perfdhcpLeases) {
            assertEquals(LeaseFileRow.ADDRESS, r.leaseType(), r::toString);
            assertInAddressPool(r.address());
        }
    }

    @Test
    @Order(5)
    void serverStopsOnSigtermHavingLoggedNoWarnings() throws Exception {
        int status = server.stop(Duration.ofSeconds(10));
        String log = server.logText();
        assertTrue(log.contains("event=stopped family=6 leases=durable"), () -> "no event=stopped in:\n" + log);
        assertEquals(0, status, () -> "a stop on SIGTERM is a clean exit, as Kea's is:\n" + log);
        List<String> warnings = server.logLines().stream().filter(RealClientsE2ETest::isWarningOrWorse).toList();
        assertEquals(List.of(), warnings, () -> "unexpected WARNING/SEVERE lines in the server log:\n" + log);
    }

    /**
     * Runs dhclient -6 in the client namespace with the files of {@code name} ("na", "pd" or
     * "rapid-commit"); {@code options} say what to ask for (-P: a prefix) and whether to bind once
     * (-1) or release (-r). A new binding starts from an empty lease file, so with a new DUID.
     */
    private CommandRun dhclient(String name, String... options) throws IOException, InterruptedException {
        List<String> mode = List.of(options);
        boolean release = mode.contains("-r");
        Path leases = run.resolve("dhclient6-" + name + ".leases");
        if (!release) {
            Files.writeString(leases, ""); // dhclient refuses a lease file that does not exist
            Files.deleteIfExists(run.resolve("dhclient6.result"));
        }
        Path config = run.resolve(name.equals("rapid-commit") ? "dhclient6-rapid-commit.conf" : "dhclient6.conf");
        List<String> command = new ArrayList<>(List.of(programs.timeout().toString(), "30", programs.dhclient().toString(), "-6"));
        command.addAll(mode);
        command.addAll(List.of("-v",
                "-cf", config.toString(),
                "-lf", leases.toString(),
                "-pf", run.resolve("dhclient6-" + name + ".pid").toString(),
                "-sf", run.resolve("dhclient6-script").toString(),
                link.clientInterface()));
        Path output = run.resolve("dhclient6-" + name + (release ? "-release" : "") + ".out");
        return CommandRun.of(CLIENT_LIMIT, output, link.inClient(command));
    }

    /** The latest lease6 row for {@code address} (an address or a prefix's first address), once it is {@code expected}. */
    private LeaseFileRow awaitLatest(String address, Predicate<LeaseFileRow> expected, String what)
            throws IOException, InterruptedException {
        Ipv6Address wanted = Ipv6Address.parse(address);
        return LeaseFileRow.awaitLatest(run.resolve(LEASE_FILE), r -> Ipv6Address.parse(r.address()).equals(wanted),
                expected, what, LEASE_WRITE_LIMIT);
    }

    private static void assertInAddressPool(String address) {
        assertNotNull(address, "the client script recorded no address");
        assertFalse(address.isEmpty(), "the client script recorded no address");
        Ipv6Address a = Ipv6Address.parse(address);
        assertTrue(a.compareTo(POOL_FIRST) >= 0 && a.compareTo(POOL_LAST) <= 0,
                () -> address + " is outside the pool 2001:db8:1::100 - 2001:db8:1::1ff");
    }

    /** dhclient prints option bytes as hex without leading zeros ("0:1:0:1:5e"); the lease file has two digits each. */
    static String colonHex(String dhclientHex) {
        assertNotNull(dhclientHex, "the client script recorded no client id");
        List<String> bytes = new ArrayList<>();
        for (String b : dhclientHex.split(":")) {
            bytes.add(String.format("%02x", Integer.parseInt(b, 16)));
        }
        return String.join(":", bytes);
    }
}
