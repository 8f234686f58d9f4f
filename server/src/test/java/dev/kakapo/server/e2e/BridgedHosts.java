package dev.kakapo.server.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test LAN: a Linux bridge in the root namespace holding {@value #BRIDGE_ADDRESS}, and one
 * network namespace per host joined to it by a veth pair, so every host reaches every other and
 * the test (in the root namespace) reaches them all. Each host is named by its last octet:
 * host 21 is 198.51.100.21 in namespace {@code kakapo-split-RUN-21} on its link {@code eth0}.
 *
 * <p>Names carry the run's id, the test JVM's pid in hex, so a concurrent run's names never
 * collide; {@link #removeLeftovers} deletes what a run whose JVM is gone left behind (a JVM killed
 * before its clean-up), processes still running in those namespaces included. Interface names
 * stay within Linux's 15 characters: bridge {@code ksbRUN}, root end of host 21's pair
 * {@code ksRUN21}.
 */
final class BridgedHosts implements AutoCloseable {
    static final String BRIDGE_ADDRESS = "198.51.100.1";
    static final String PREFIX = "198.51.100.";
    /** The link inside each namespace. */
    static final String HOST_LINK = "eth0";

    private static final String NAMESPACE_PREFIX = "kakapo-split-";
    private static final Pattern NAMESPACE = Pattern.compile("^" + NAMESPACE_PREFIX + "([0-9a-f]{6})-\\d+$");
    private static final Pattern LINK = Pattern.compile("^(?:ksb([0-9a-f]{6})|ks([0-9a-f]{6})\\d+)$");

    private final String ip;
    private final String iptables;
    private final String runId;
    private final String bridge;
    private final Map<Integer, String> namespaces = new LinkedHashMap<>();
    private boolean bridgeCreated;

    private BridgedHosts(String ip, String iptables, String runId) {
        this.ip = ip;
        this.iptables = iptables;
        this.runId = runId;
        this.bridge = "ksb" + runId;
    }

    /** This JVM's run id: its pid, six hex digits. */
    static String runId() {
        return String.format("%06x", ProcessHandle.current().pid() & 0xffffff);
    }

    /**
     * Creates the bridge and a namespace for each of {@code hosts} (last octets), or nothing
     * (what was made is removed).
     */
    static BridgedHosts create(String ip, String iptables, List<Integer> hosts) throws IOException, InterruptedException {
        BridgedHosts lan = new BridgedHosts(ip, iptables, runId());
        try {
            lan.build(hosts);
            return lan;
        } catch (Throwable e) {
            try {
                lan.close();
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void build(List<Integer> hosts) throws IOException, InterruptedException {
        run(ip, "link", "add", bridge, "type", "bridge");
        bridgeCreated = true;
        run(ip, "addr", "add", BRIDGE_ADDRESS + "/24", "dev", bridge);
        run(ip, "link", "set", bridge, "up");
        for (int host : hosts) {
            String ns = NAMESPACE_PREFIX + runId + "-" + host;
            run(ip, "netns", "add", ns);
            namespaces.put(host, ns);
            run(ip, "-n", ns, "link", "set", "lo", "up");
            String rootEnd = "ks" + runId + host;
            run(ip, "link", "add", rootEnd, "type", "veth", "peer", "name", HOST_LINK, "netns", ns);
            run(ip, "link", "set", rootEnd, "master", bridge);
            run(ip, "link", "set", rootEnd, "up");
            run(ip, "-n", ns, "addr", "add", address(host) + "/24", "dev", HOST_LINK);
            run(ip, "-n", ns, "link", "set", HOST_LINK, "up");
        }
    }

    static String address(int host) {
        return PREFIX + host;
    }

    /** {@code command} prefixed so that it runs inside host {@code host}'s namespace. */
    List<String> inside(int host, List<String> command) {
        List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace(host)));
        full.addAll(command);
        return full;
    }

    private String namespace(int host) {
        String ns = namespaces.get(host);
        if (ns == null) {
            throw new IllegalArgumentException("no host " + host + " on this LAN");
        }
        return ns;
    }

    /**
     * Cuts host {@code host} off from {@code others}: inside its namespace every packet from or to
     * them is dropped, so neither side reaches the other while both still reach the bridge's address.
     */
    void cutOff(int host, List<Integer> others) throws IOException, InterruptedException {
        for (int other : others) {
            run(inside(host, List.of(iptables, "-w", "-A", "INPUT", "-s", address(other), "-j", "DROP")));
            run(inside(host, List.of(iptables, "-w", "-A", "OUTPUT", "-d", address(other), "-j", "DROP")));
        }
    }

    /** Removes every rule {@link #cutOff} added in host {@code host}'s namespace. */
    void reconnect(int host) throws IOException, InterruptedException {
        run(inside(host, List.of(iptables, "-w", "-F", "INPUT")));
        run(inside(host, List.of(iptables, "-w", "-F", "OUTPUT")));
    }

    /**
     * Deletes the veth pairs, the namespaces and the bridge. Stop the processes running inside
     * first: a namespace outlives its name while a process still lives in it. The pairs go
     * explicitly, since a namespace also outlives its processes while a TCP connection closed
     * towards a host already gone still retransmits, and its link would stay in the root namespace.
     */
    @Override
    public void close() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Integer, String> host : namespaces.entrySet()) {
            delete(failures, ip, "link", "del", "ks" + runId + host.getKey());
            delete(failures, ip, "netns", "del", host.getValue());
        }
        namespaces.clear();
        if (bridgeCreated) {
            delete(failures, ip, "link", "del", bridge);
            bridgeCreated = false;
        }
        if (!failures.isEmpty()) {
            throw new IOException("cannot remove the test LAN: " + failures);
        }
    }

    /**
     * Deletes the namespaces and links of runs whose JVM is no longer running (and any of this
     * JVM's own, a pid reused), killing what still runs inside those namespaces first; returns
     * what it removed.
     */
    static List<String> removeLeftovers(String ip) throws IOException, InterruptedException {
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String line : CommandRun.of(List.of(ip, "netns", "list")).succeeded().output().split("\n")) {
            String ns = line.split(" ")[0].strip();
            Matcher m = NAMESPACE.matcher(ns);
            if (m.matches() && leftOver(m.group(1))) {
                for (String pid : CommandRun.of(List.of(ip, "netns", "pids", ns)).output().split("\\s+")) {
                    if (pid.matches("\\d+")) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                delete(failures, ip, "netns", "del", ns);
                removed.add(ns);
            }
        }
        for (String line : CommandRun.of(List.of(ip, "-o", "link", "show")).succeeded().output().split("\n")) {
            // "12: ksb0001a2: <BROADCAST,...>" or "13: ks0001a211@if2: ..."
            String[] fields = line.split(":\\s+", 3);
            if (fields.length < 2) {
                continue;
            }
            String name = fields[1].split("@")[0];
            Matcher m = LINK.matcher(name);
            if (m.matches() && leftOver(Optional.ofNullable(m.group(1)).orElse(m.group(2)))) {
                delete(failures, ip, "link", "del", name);
                removed.add(name);
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException("cannot remove leftovers of earlier runs: " + failures);
        }
        return removed;
    }

    private static boolean leftOver(String runId) {
        return runId.equals(runId()) || ProcessHandle.of(Long.parseLong(runId, 16)).map(h -> !h.isAlive()).orElse(true);
    }

    private static void delete(List<String> failures, String... command) {
        try {
            CommandRun r = CommandRun.of(List.of(command));
            if (r.exitStatus() != 0 && !r.output().contains("Cannot find") && !r.output().contains("No such file")) {
                failures.add(r.toString());
            }
        } catch (IOException e) {
            failures.add(String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted: " + String.join(" ", command));
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        run(List.of(command));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        CommandRun.of(command).succeeded();
    }

    @Override
    public String toString() {
        return "bridge " + bridge + " (" + BRIDGE_ADDRESS + "/24), namespaces " + namespaces.values();
    }
}
