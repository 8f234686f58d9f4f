package dev.kakapo.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.server.testing.KakapoProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A real network split between coordinator processes. Three coordinators (198.51.100.11, .12, .13)
 * and two server nodes (.21, .22), each {@code bin/kakapo} in its own network namespace on one
 * bridge; this test is the relay agent 198.51.100.1 on the bridge, driving DORAs through both
 * nodes for one pool the whole time. Then, with iptables inside the namespaces, coordinator .13
 * and node .22 are cut off from .11, .12 and .21 (the bridge still reaches everyone):
 *
 * <ul>
 *   <li>the minority side (.13, .22: one member, below the quorum of two) stops allocating and its
 *       {@code /readyz} answers 503; the majority side goes on after a short pause;</li>
 *   <li>once the rules are gone the cluster heals by itself: three members everywhere, every
 *       process ready, node .22 serving again;</li>
 *   <li>over the whole run no address was ACKed to two clients, and after the heal
 *       {@code lease4-get-all} lists every ACKed lease for its client.</li>
 * </ul>
 *
 * It prints the pause on the majority side, how long the minority took to see the split and how
 * long the cluster took to heal. Runs in the {@code e2e} profile as root, after packaging; the
 * processes' logs and configurations stay in {@code target/e2e/split-RUN}.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NetworkSplitE2ETest {
    static final List<Integer> COORDINATORS = List.of(11, 12, 13);
    static final List<Integer> NODES = List.of(21, 22);
    /** The side cut off: one coordinator (below the quorum of two) and the node that still reaches it. */
    static final int MINORITY_COORDINATOR = 13;
    static final int MINORITY_NODE = 22;
    static final int MAJORITY_NODE = 21;
    static final int COORDINATOR_PORT = 5701;
    static final int CONTROL_PORT = 8000;
    static final int QUORUM = 2;
    static final String POOL = "203.0.113.20 - 203.0.113.219";
    static final Duration START_LIMIT = Duration.ofSeconds(90);
    static final Duration SPLIT_LENGTH = Duration.ofSeconds(25);
    /**
     * How long the minority may still answer after the cut: in-flight exchanges, and the failure
     * detection (5 s without heartbeats) that takes the other members out of its view.
     */
    static final Duration DETECTION_GRACE = Duration.ofSeconds(10);
    static final Duration HEAL_LIMIT = Duration.ofSeconds(60);
    /** Per node, so the pool of 200 outlasts the run: the rest of the DORAs are bound clients again. */
    static final int MAX_CLIENTS_PER_NODE = 90;
    static final Duration NEW_CLIENT_EVERY = Duration.ofMillis(600);
    static final Pattern MEMBERS_GAUGE = Pattern.compile("(?m)^kakapo_coordinator_members\\{[^}]*}\\s+([0-9.]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    BridgedHosts lan;
    RunFolder run;
    final Map<Integer, KakapoProcess> processes = new LinkedHashMap<>();
    final Map<Integer, RelayStream4> relays = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printLogs(context.getDisplayName());
        }
    };

    @BeforeAll
    void startClusterOnABridge() throws Exception {
        assumeTrue(HostPrograms.runningAsRoot(), "end-to-end tests need root (network namespaces, iptables); skipped");
        Path ip = HostPrograms.find("ip").orElse(null);
        Path iptables = HostPrograms.find("iptables").orElse(null);
        assumeTrue(ip != null && iptables != null, "the network split test needs ip (iproute2) and iptables; skipped");
        Path repository = RunFolder.repositoryRoot();
        Path jar = repository.resolve("server/target/kakapo.jar");
        assertTrue(Files.isRegularFile(jar), () -> jar + " is missing: bin/kakapo runs it, so package first"
                + " (mvn -q -B -DskipTests package -pl server -am)");

        List<String> removed = BridgedHosts.removeLeftovers(ip.toString());
        if (!removed.isEmpty()) {
            System.out.println("network split test: removed leftovers of earlier runs: " + removed);
        }
        run = RunFolder.create("split-" + BridgedHosts.runId());
        List<Integer> hosts = new ArrayList<>(COORDINATORS);
        hosts.addAll(NODES);
        lan = BridgedHosts.create(ip.toString(), iptables.toString(), hosts);

        String kakapo = repository.resolve("bin/kakapo").toString();
        Map<Integer, List<String>> commands = new LinkedHashMap<>();
        for (int host : hosts) {
            Path config = run.resolve("kakapo-" + host + ".json");
            Files.writeString(config, config(host));
            List<String> args = COORDINATORS.contains(host)
                    ? List.of("coordinator", "-c", config.toString(), "-p", Integer.toString(COORDINATOR_PORT),
                            "--bind", BridgedHosts.address(host))
                    : List.of("dhcp4", "-c", config.toString(), "-p", Integer.toString(dhcpPort(host)));
            List<String> command = new ArrayList<>(List.of("env", "KAKAPO_JAVA_OPTS=-Xms64m -Xmx256m", kakapo));
            command.addAll(args);
            commands.put(host, lan.inside(host, command));
        }
        // The coordinators first (together, as they find each other), then the nodes, which need them.
        startAll(commands, COORDINATORS);
        startAll(commands, NODES);
    }

    private void startAll(Map<Integer, List<String>> commands, List<Integer> hosts) throws Exception {
        Map<Integer, CompletableFuture<KakapoProcess>> starting = new LinkedHashMap<>();
        for (int host : hosts) {
            starting.put(host, CompletableFuture.supplyAsync(() -> {
                try {
                    return KakapoProcess.start(commands.get(host), run.resolve("kakapo-" + host + ".log"), START_LIMIT);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("cannot start host " + host + ": " + e.getMessage(), e);
                }
            }));
        }
        Throwable failure = null;
        for (Map.Entry<Integer, CompletableFuture<KakapoProcess>> s : starting.entrySet()) {
            try {
                processes.put(s.getKey(), s.getValue().get(START_LIMIT.toSeconds() + 10, TimeUnit.SECONDS));
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            printLogs("start-up");
            throw new AssertionError("a process did not start", failure);
        }
    }

    static int dhcpPort(int node) {
        return 10000 + 46 + node; // 10067 for node 21, 10068 for node 22: distinct ports at the one relay address
    }

    /** One process's file: the cluster (quorum 2), its own control endpoint, and the relayed subnet. */
    static String config(int host) {
        String members = String.join(", ", COORDINATORS.stream()
                .map(c -> "\"" + BridgedHosts.address(c) + ":" + COORDINATOR_PORT + "\"").toList());
        return """
                {
                  "Kakapo": {
                    "cluster": { "name": "kakapo-split-%s", "members": [ %s ], "quorum": %d },
                    // the namespace is private to this test, so no credentials
                    "control": { "address": "%s", "port": %d, "allow-unauthenticated": true }
                  },
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s/%s" ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "valid-lifetime": 86400,
                    "subnet4": [ { "id": 1, "subnet": "203.0.113.0/24", "relay": { "ip-addresses": [ "%s" ] },
                                   "pools": [ { "pool": "%s" } ] } ]
                  }
                }
                """.formatted(BridgedHosts.runId(), members, QUORUM, BridgedHosts.address(host), CONTROL_PORT,
                BridgedHosts.HOST_LINK, BridgedHosts.address(host), BridgedHosts.BRIDGE_ADDRESS, POOL);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            for (RelayStream4 relay : relays.values()) {
                relay.close();
            }
        } finally {
            try {
                List<CompletableFuture<Void>> stopping = new ArrayList<>();
                for (KakapoProcess p : processes.values()) {
                    stopping.add(CompletableFuture.runAsync(p::close));
                }
                CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } finally {
                if (lan != null) {
                    lan.close();
                }
            }
        }
    }

    @Test
    void minorityRefusesMajorityGoesOnClusterHealsNoAddressTwice() throws Exception {
        long started = System.nanoTime();
        for (int node : NODES) {
            relays.put(node, new RelayStream4("node-" + node, node, BridgedHosts.BRIDGE_ADDRESS, BridgedHosts.address(node),
                    dhcpPort(node), 2, MAX_CLIENTS_PER_NODE, NEW_CLIENT_EVERY));
        }

        // (1) Healthy: both nodes ACK, every process is ready and sees three members.
        awaitUntil(Duration.ofSeconds(30), "both nodes ACK and every process is ready with 3 members", () ->
                acksSince(MAJORITY_NODE, started) >= 5 && acksSince(MINORITY_NODE, started) >= 5 && everyoneReadyWithMembers(3));
        Thread.sleep(2000);

        // (2) Split: .13 and .22 on one side, .11, .12 and .21 on the other.
        List<Integer> majority = List.of(11, 12, MAJORITY_NODE);
        long split = System.nanoTime();
        lan.cutOff(MINORITY_COORDINATOR, majority);
        lan.cutOff(MINORITY_NODE, majority);
        Map<Integer, Long> notReadyAt = new TreeMap<>();
        while (System.nanoTime() - split < SPLIT_LENGTH.toNanos()) {
            for (int host : List.of(MINORITY_COORDINATOR, MINORITY_NODE)) {
                if (!notReadyAt.containsKey(host) && readyz(host).status() == 503) {
                    notReadyAt.put(host, System.nanoTime() - split);
                }
            }
            Thread.sleep(200);
        }
        long healing = System.nanoTime();
        Map<Integer, Probe> duringSplit = new TreeMap<>();
        for (int host : processes.keySet()) {
            duringSplit.put(host, readyz(host));
        }
        List<RelayStream4.Ack> minorityAfterSplit = acksBetween(MINORITY_NODE, split, healing);
        List<RelayStream4.Ack> majorityDuringSplit = acksBetween(MAJORITY_NODE, split, healing);
        long majorityPause = longestPause(split, healing, majorityDuringSplit);
        System.out.printf("network split test: split for %d s: node %d not ready after %s, coordinator %d after %s;"
                        + " node %d ACKed %d times after the cut (last after %s); node %d ACKed %d times, longest pause"
                        + " %d ms; /readyz at the end %s%n",
                SPLIT_LENGTH.toSeconds(), MINORITY_NODE, seconds(notReadyAt.get(MINORITY_NODE)), MINORITY_COORDINATOR,
                seconds(notReadyAt.get(MINORITY_COORDINATOR)), MINORITY_NODE, minorityAfterSplit.size(),
                minorityAfterSplit.isEmpty() ? "none" : seconds(minorityAfterSplit.get(minorityAfterSplit.size() - 1).atNanos() - split),
                MAJORITY_NODE, majorityDuringSplit.size(), TimeUnit.NANOSECONDS.toMillis(majorityPause), duringSplit);

        // (3) Heal: the rules go, the cluster finds itself again.
        lan.reconnect(MINORITY_COORDINATOR);
        lan.reconnect(MINORITY_NODE);
        long[] allReadyAt = {-1};
        long[] minorityAckAt = {-1};
        awaitUntil(HEAL_LIMIT, "every process ready with 3 members and node " + MINORITY_NODE + " ACKing again", () -> {
            if (allReadyAt[0] < 0 && everyoneReadyWithMembers(3)) {
                allReadyAt[0] = System.nanoTime() - healing;
            }
            List<RelayStream4.Ack> again = acksBetween(MINORITY_NODE, healing, Long.MAX_VALUE);
            if (minorityAckAt[0] < 0 && !again.isEmpty()) {
                minorityAckAt[0] = again.get(0).atNanos() - healing;
            }
            return allReadyAt[0] >= 0 && minorityAckAt[0] >= 0;
        });
        Thread.sleep(2000);
        for (RelayStream4 relay : relays.values()) {
            relay.close();
        }

        List<RelayStream4.Ack> acks = new ArrayList<>();
        relays.values().forEach(r -> acks.addAll(r.acks()));
        Map<Integer, Set<Octets>> clientsOf = new TreeMap<>(Integer::compareUnsigned);
        for (RelayStream4.Ack a : acks) {
            clientsOf.computeIfAbsent(a.address(), k -> new TreeSet<>(java.util.Comparator.comparing(Octets::toString)))
                    .add(a.mac());
        }
        System.out.printf("network split test: heal: every process ready with 3 members after %.1f s, node %d ACKing"
                        + " again after %.1f s; %d ACKs in all for %d addresses, %d exchanges unanswered, %d late offers"
                        + " taken up%n",
                allReadyAt[0] / 1e9, MINORITY_NODE, minorityAckAt[0] / 1e9, acks.size(), clientsOf.size(),
                relays.values().stream().mapToLong(RelayStream4::unanswered).sum(),
                relays.values().stream().mapToLong(RelayStream4::lateOffers).sum());

        // (4) The invariant over the whole run: no address ACKed to two clients (nothing was released).
        Map<String, Set<Octets>> twice = new TreeMap<>();
        clientsOf.forEach((address, macs) -> {
            if (macs.size() > 1) {
                twice.put(Ipv4.toText(address), macs);
            }
        });
        assertEquals(Map.of(), twice, "addresses ACKed to two clients");

        // What the split did: the minority refused and said so, the majority went on and stayed ready.
        long graceEnd = split + DETECTION_GRACE.toNanos();
        List<RelayStream4.Ack> lateMinority = minorityAfterSplit.stream().filter(a -> a.atNanos() > graceEnd).toList();
        assertEquals(List.of(), lateMinority, "node " + MINORITY_NODE + " ACKed on the minority side after "
                + DETECTION_GRACE.toSeconds() + " s of split");
        for (int host : List.of(MINORITY_COORDINATOR, MINORITY_NODE)) {
            assertEquals(503, duringSplit.get(host).status(), "/readyz of minority host " + host + ": " + duringSplit.get(host));
        }
        for (int host : majority) {
            assertEquals(200, duringSplit.get(host).status(), "/readyz of majority host " + host + ": " + duringSplit.get(host));
        }
        assertTrue(acksBetween(MAJORITY_NODE, healing - TimeUnit.SECONDS.toNanos(10), healing).size() > 0,
                "node " + MAJORITY_NODE + " ACKed in the last 10 s of the split");

        // After the heal every node lists every ACKed lease, for the client it was ACKed to.
        for (int node : NODES) {
            Map<Integer, Octets> listed = leases(node);
            List<String> wrong = new ArrayList<>();
            clientsOf.forEach((address, macs) -> {
                Octets holder = listed.get(address);
                if (holder == null || !macs.contains(holder)) {
                    wrong.add(Ipv4.toText(address) + " ACKed to " + macs + ", listed for " + holder);
                }
            });
            assertEquals(List.of(), wrong, "lease4-get-all on node " + node + " after the heal");
        }
    }

    /** Probes and waits, 250 ms apart, until {@code done}; fails naming {@code what} past {@code limit}. */
    private void awaitUntil(Duration limit, String what, Check done) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.holds()) {
            if (System.nanoTime() > deadline) {
                Map<Integer, String> state = new TreeMap<>();
                for (int host : processes.keySet()) {
                    state.put(host, readyz(host) + ", members " + members(host));
                }
                fail("not within " + limit + ": " + what + "; /readyz now " + state);
            }
            Thread.sleep(250);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    private boolean everyoneReadyWithMembers(int members) throws Exception {
        for (int host : processes.keySet()) {
            if (readyz(host).status() != 200 || members(host) != members) {
                return false;
            }
        }
        return true;
    }

    private long acksSince(int node, long since) {
        return acksBetween(node, since, Long.MAX_VALUE).size();
    }

    private List<RelayStream4.Ack> acksBetween(int node, long from, long to) {
        return relays.get(node).acks().stream().filter(a -> a.atNanos() > from && a.atNanos() <= to).toList();
    }

    /** The longest stretch without an ACK between {@code from} and {@code to} (ACKs in arrival order). */
    static long longestPause(long from, long to, List<RelayStream4.Ack> acks) {
        long previous = from;
        long longest = 0;
        for (RelayStream4.Ack a : acks) {
            longest = Math.max(longest, a.atNanos() - previous);
            previous = a.atNanos();
        }
        return Math.max(longest, to - previous);
    }

    record Probe(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body.strip();
        }
    }

    /** {@code GET /readyz} on the host's control endpoint; status 0 when it does not answer. */
    private Probe readyz(int host) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(controlUri(host, "/readyz"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Probe(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Probe(0, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(0, "interrupted");
        }
    }

    /** The host's {@code kakapo_coordinator_members} gauge; -1 when it cannot be read. */
    private int members(int host) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(controlUri(host, "/metrics"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = MEMBERS_GAUGE.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code lease4-get-all} on a node: every lease it lists, address to MAC. */
    private Map<Integer, Octets> leases(int node) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(controlUri(node, "/"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"lease4-get-all\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), () -> "lease4-get-all on node " + node + ": " + r.body());
        JsonNode answer = JSON.readTree(r.body());
        if (answer.isArray()) {
            answer = answer.get(0);
        }
        JsonNode shown = answer;
        assertEquals(0, answer.path("result").asInt(-1), () -> "lease4-get-all on node " + node + ": " + shown);
        Map<Integer, Octets> listed = new HashMap<>();
        for (JsonNode lease : answer.path("arguments").path("leases")) {
            listed.put(Ipv4.parse(lease.path("ip-address").asText()), Octets.parse(lease.path("hw-address").asText()));
        }
        return listed;
    }

    private static URI controlUri(int host, String path) {
        return URI.create("http://" + BridgedHosts.address(host) + ":" + CONTROL_PORT + path);
    }

    private static String seconds(Long nanos) {
        return nanos == null ? "never" : String.format("%.1f s", nanos / 1e9);
    }

    /** Where the logs are, and the end of each, for a failed run. */
    private void printLogs(String failed) {
        if (run == null) {
            return;
        }
        StringBuilder out = new StringBuilder("\n==== " + failed + " failed; logs and configurations in " + run.dir() + "\n");
        List<Integer> hosts = new ArrayList<>(COORDINATORS);
        hosts.addAll(NODES);
        for (int host : hosts) {
            Path log = run.resolve("kakapo-" + host + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(log);
                out.append("---- ").append(log).append(" (last ").append(Math.min(40, lines.size()))
                        .append(" of ").append(lines.size()).append(" lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append("---- ").append(log).append(": unreadable: ").append(e).append('\n');
            }
        }
        System.err.print(out);
    }
}
