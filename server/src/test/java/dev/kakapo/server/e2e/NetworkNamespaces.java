package dev.kakapo.server.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two network namespaces joined by a veth pair: the server side holds 192.0.2.1/24 and
 * 2001:db8:1::1/64, the client side only its IPv6 link-local address until a DHCP client gets one.
 * Names carry a tag (one per test class, so that several can run in one JVM) and a per-run id, so
 * concurrent or leftover runs never collide; interface names stay within Linux's 15 characters.
 * {@link #addClientLink} joins a further client namespace to the same server namespace, for a
 * server with more than one link.
 */
final class NetworkNamespaces implements AutoCloseable {
    static final String SERVER_ADDRESS = "192.0.2.1/24";
    /** Added without duplicate address detection, so the server can bind it at once. */
    static final String SERVER_IPV6_ADDRESS = "2001:db8:1::1/64";
    /** The client link's MAC, from the IANA range for documentation (RFC 7042). */
    static final String CLIENT_MAC = "00:00:5e:00:53:01";

    private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+)");
    private static final Pattern INET6 = Pattern.compile("\\binet6 ([0-9a-f:]+/\\d+)");

    /** One client namespace and the veth pair that joins it to the server namespace. */
    record ClientLink(String namespace, String serverInterface, String clientInterface) {
    }

    private final String ip;
    private final String tag;
    private final String runId;
    private final String server;
    private final String client;
    private final String serverInterface;
    private final String clientInterface;
    private final List<String> created = new ArrayList<>();

    private NetworkNamespaces(String ip, String tag, String runId) {
        this.ip = ip;
        this.tag = tag;
        this.runId = runId;
        this.server = "kakapo-e2e" + tag + "-" + runId + "-s";
        this.client = "kakapo-e2e" + tag + "-" + runId + "-c";
        this.serverInterface = "k" + (tag.isEmpty() ? "p" : tag) + "s" + runId;
        this.clientInterface = "k" + (tag.isEmpty() ? "p" : tag) + "c" + runId;
    }

    /** Creates both namespaces and the link between them, or nothing (what was made is removed). */
    static NetworkNamespaces create(HostPrograms programs, String runId) throws IOException, InterruptedException {
        return create(programs, "", runId);
    }

    /**
     * As {@link #create(HostPrograms, String)}, with {@code tag} (one character) in every name:
     * "6" gives namespaces kakapo-e2e6-ID-s / -c and interfaces k6sID / k6cID.
     */
    static NetworkNamespaces create(HostPrograms programs, String tag, String runId) throws IOException, InterruptedException {
        NetworkNamespaces n = new NetworkNamespaces(programs.ip().toString(), tag, runId);
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
        run(ip, "-n", server, "addr", "add", SERVER_IPV6_ADDRESS, "dev", serverInterface, "nodad");
        run(ip, "-n", server, "link", "set", serverInterface, "up");
        run(ip, "-n", client, "link", "set", clientInterface, "up");
    }

    String serverInterface() {
        return serverInterface;
    }

    /** The link made by {@link #create}: the client namespace and both ends of its veth pair. */
    ClientLink clientLink() {
        return new ClientLink(client, serverInterface, clientInterface);
    }

    /**
     * A further client namespace ({@code ...-c2}, {@code ...-c3}, ...) joined to the server namespace
     * by its own veth pair, whose server end gets {@code serverAddress} ("198.51.100.1/24") and whose
     * client end gets MAC 00:00:5e:00:53:0N and no address; it is deleted with the others.
     */
    ClientLink addClientLink(String serverAddress) throws IOException, InterruptedException {
        int n = created.size(); // the server and the first client namespace make 2, so the next link is the 2nd
        String t = tag.isEmpty() ? "p" : tag;
        ClientLink link = new ClientLink(client + n, "k" + t + "s" + n + runId, "k" + t + "c" + n + runId);
        run(ip, "netns", "add", link.namespace());
        created.add(link.namespace());
        run(ip, "-n", link.namespace(), "link", "set", "lo", "up");
        run(ip, "link", "add", link.serverInterface(), "netns", server, "type", "veth", "peer", "name", link.clientInterface(),
                "address", String.format("00:00:5e:00:53:%02x", n), "netns", link.namespace());
        run(ip, "-n", server, "addr", "add", serverAddress, "dev", link.serverInterface());
        run(ip, "-n", server, "link", "set", link.serverInterface(), "up");
        run(ip, "-n", link.namespace(), "link", "set", link.clientInterface(), "up");
        return link;
    }

    /** Sets the MTU of both ends of {@code link}: a larger datagram leaves the client in fragments. */
    void setMtu(ClientLink link, int mtu) throws IOException, InterruptedException {
        run(ip, "-n", server, "link", "set", link.serverInterface(), "mtu", Integer.toString(mtu));
        run(ip, "-n", link.namespace(), "link", "set", link.clientInterface(), "mtu", Integer.toString(mtu));
    }

    /**
     * Gives the client end of {@code link} a fixed address ("192.0.2.2/24") and makes it the client
     * namespace's default route, which an ordinary socket needs to send to 255.255.255.255.
     */
    void addClientAddress(ClientLink link, String address) throws IOException, InterruptedException {
        run(ip, "-n", link.namespace(), "addr", "add", address, "dev", link.clientInterface());
        run(ip, "-n", link.namespace(), "route", "add", "default", "dev", link.clientInterface());
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

    /** {@code command} prefixed so that it runs inside the client namespace of {@code link}. */
    List<String> in(ClientLink link, List<String> command) {
        return inside(link.namespace(), command);
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

    /** The global IPv6 addresses on the client link, as "2001:db8:1::100/128" (link-local ones left out). */
    List<String> clientIpv6Addresses() throws IOException, InterruptedException {
        String shown = run(ip, "-n", client, "-6", "-o", "addr", "show", "dev", clientInterface, "scope", "global").output();
        List<String> addresses = new ArrayList<>();
        Matcher m = INET6.matcher(shown);
        while (m.find()) {
            addresses.add(m.group(1));
        }
        return addresses;
    }

    /** Removes every global IPv6 address from the client link; its link-local address stays. */
    void flushClientIpv6Addresses() throws IOException, InterruptedException {
        run(ip, "-n", client, "-6", "addr", "flush", "dev", clientInterface, "scope", "global");
    }

    /**
     * Waits until both ends have an IPv6 link-local address past duplicate address detection
     * (about 2 s after the link came up): a tentative address can be neither bound by the server
     * nor used by a DHCPv6 client, which sends from its link-local address.
     */
    void awaitIpv6LinkLocal(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!linkLocalUsable(server, serverInterface) || !linkLocalUsable(client, clientInterface)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("IPv6 link-local addresses still tentative after " + limit + ":\n"
                        + run(ip, "-n", server, "-6", "addr", "show", "dev", serverInterface).output()
                        + run(ip, "-n", client, "-6", "addr", "show", "dev", clientInterface).output());
            }
            Thread.sleep(100);
        }
    }

    private boolean linkLocalUsable(String ns, String device) throws IOException, InterruptedException {
        String shown = run(ip, "-n", ns, "-6", "-o", "addr", "show", "dev", device, "scope", "link").output();
        return shown.contains("inet6 fe80:") && !shown.contains("tentative") && !shown.contains("dadfailed");
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
