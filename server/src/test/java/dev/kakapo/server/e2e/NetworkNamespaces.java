package dev.kakapo.server.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two network namespaces joined by a veth pair: the server side holds 192.0.2.1/24, the client side
 * no address until a DHCP client gets one. Names carry a per-run id so concurrent or leftover runs
 * never collide; interface names stay within Linux's 15 characters.
 */
final class NetworkNamespaces implements AutoCloseable {
    static final String SERVER_ADDRESS = "192.0.2.1/24";
    /** The client link's MAC, from the IANA range for documentation (RFC 7042). */
    static final String CLIENT_MAC = "00:00:5e:00:53:01";

    private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+)");

    private final String ip;
    private final String server;
    private final String client;
    private final String serverInterface;
    private final String clientInterface;
    private final List<String> created = new ArrayList<>();

    private NetworkNamespaces(String ip, String runId) {
        this.ip = ip;
        this.server = "kakapo-e2e-" + runId + "-s";
        this.client = "kakapo-e2e-" + runId + "-c";
        this.serverInterface = "kps" + runId;
        this.clientInterface = "kpc" + runId;
    }

    /** Creates both namespaces and the link between them, or nothing (what was made is removed). */
    static NetworkNamespaces create(HostPrograms programs, String runId) throws IOException, InterruptedException {
        NetworkNamespaces n = new NetworkNamespaces(programs.ip().toString(), runId);
        try {
            n.build();
            return n;
        } catch (Throwable e) {
            try {
                n.close();
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        for (String ns : List.of(server, client)) {
            run(ip, "netns", "add", ns);
            created.add(ns);
            run(ip, "-n", ns, "link", "set", "lo", "up");
        }
        run(ip, "link", "add", serverInterface, "netns", server, "type", "veth",
                "peer", "name", clientInterface, "address", CLIENT_MAC, "netns", client);
        run(ip, "-n", server, "addr", "add", SERVER_ADDRESS, "dev", serverInterface);
        run(ip, "-n", server, "link", "set", serverInterface, "up");
        run(ip, "-n", client, "link", "set", clientInterface, "up");
    }

    String serverInterface() {
        return serverInterface;
    }

    String clientInterface() {
        return clientInterface;
    }

    /** {@code command} prefixed so that it runs inside the server namespace. */
    List<String> inServer(List<String> command) {
        return inside(server, command);
    }

    /** {@code command} prefixed so that it runs inside the client namespace. */
    List<String> inClient(List<String> command) {
        return inside(client, command);
    }

    private List<String> inside(String ns, List<String> command) {
        List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", ns));
        full.addAll(command);
        return full;
    }

    /** The IPv4 addresses on the client link, as "192.0.2.100/24". */
    List<String> clientAddresses() throws IOException, InterruptedException {
        String shown = run(ip, "-n", client, "-4", "-o", "addr", "show", "dev", clientInterface).output();
        List<String> addresses = new ArrayList<>();
        Matcher m = INET.matcher(shown);
        while (m.find()) {
            addresses.add(m.group(1));
        }
        return addresses;
    }

    /** Removes every IPv4 address from the client link, so that the next client starts bare. */
    void flushClientAddresses() throws IOException, InterruptedException {
        run(ip, "-n", client, "-4", "addr", "flush", "dev", clientInterface);
    }

    /**
     * Deletes the namespaces; the veth pair goes with them. Stop the processes running inside
     * first: a namespace outlives its name while a process still lives in it.
     */
    @Override
    public void close() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String ns : created) {
            try {
                CommandRun r = CommandRun.of(List.of(ip, "netns", "del", ns));
                if (r.exitStatus() != 0) {
                    failures.add(r.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("interrupted while deleting " + ns);
            }
        }
        created.clear();
        if (!failures.isEmpty()) {
            throw new IOException("cannot delete network namespaces: " + failures);
        }
    }

    private static CommandRun run(String... command) throws IOException, InterruptedException {
        return CommandRun.of(List.of(command)).succeeded();
    }

    @Override
    public String toString() {
        return server + "/" + serverInterface + " <-> " + client + "/" + clientInterface;
    }
}
