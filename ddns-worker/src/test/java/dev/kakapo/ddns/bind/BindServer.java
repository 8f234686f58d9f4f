package dev.kakapo.ddns.bind;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A throwaway BIND 9 ({@code /usr/sbin/named} from Debian's bind9 package) on 127.0.0.1 and a
 * free port, serving {@link #ZONES} from a temporary directory, each accepting updates signed
 * with any of its {@link Key}s. Runs as root with no rndc channel and nothing outside the directory.
 */
public final class BindServer implements AutoCloseable {
    public static final String NAMED = "/usr/sbin/named";
    public static final List<String> ZONES = List.of("example.com.", "2.0.192.in-addr.arpa.", "8.b.d.0.1.0.0.2.ip6.arpa.");

    /** A TSIG key BIND knows: its name, BIND's algorithm name and the base64 secret. */
    public record Key(String name, String bindAlgorithm, String secret) {
        static Key random(String name, String bindAlgorithm, int bytes) {
            byte[] secret = new byte[bytes];
            new SecureRandom().nextBytes(secret);
            return new Key(name, bindAlgorithm, Base64.getEncoder().encodeToString(secret));
        }
    }

    private final Path directory;
    private final int port;
    private final Process named;
    private final Map<String, Key> keys;

    private BindServer(Path directory, int port, Process named, Map<String, Key> keys) {
        this.directory = directory;
        this.port = port;
        this.named = named;
        this.keys = keys;
    }

    /**
     * Starts named with fresh random keys {@code kakapo-sha256} (hmac-sha256), {@code kakapo-sha512}
     * (hmac-sha512) and {@code kakapo-sha256-128} (hmac-sha256 with MACs truncated to 128 bits).
     */
    public static BindServer start() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(NAMED))) {
            throw new IllegalStateException(NAMED + " is missing: apt-get install -y bind9 bind9-dnsutils");
        }
        Map<String, Key> keys = new LinkedHashMap<>();
        for (Key k : List.of(Key.random("kakapo-sha256", "hmac-sha256", 32), Key.random("kakapo-sha512", "hmac-sha512", 64),
                Key.random("kakapo-sha256-128", "hmac-sha256-128", 32))) {
            keys.put(k.name(), k);
        }
        Path dir = Files.createTempDirectory("kakapo-bind-");
        int port = freePort();
        Files.writeString(dir.resolve("named.conf"), namedConf(dir, port, keys.values()));
        for (String zone : ZONES) {
            Files.writeString(dir.resolve(zone + "zone"), """
                    $TTL 300
                    @ IN SOA ns.example.com. hostmaster.example.com. 1 3600 600 86400 300
                    @ IN NS ns.example.com.
                    """ + (zone.equals("example.com.") ? "ns IN A 127.0.0.1\n" : ""));
        }
        Process named = new ProcessBuilder(NAMED, "-c", dir.resolve("named.conf").toString(), "-4", "-n", "1", "-g")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("named.log").toFile())
                .start();
        BindServer server = new BindServer(dir, port, named, keys);
        server.awaitReady();
        return server;
    }

    private static String namedConf(Path dir, int port, Iterable<Key> keys) {
        StringBuilder conf = new StringBuilder();
        conf.append("options {\n")
                .append("  directory \"").append(dir).append("\";\n")
                .append("  pid-file \"").append(dir.resolve("named.pid")).append("\";\n")
                .append("  session-keyfile \"").append(dir.resolve("session.key")).append("\";\n")
                .append("  managed-keys-directory \"").append(dir).append("\";\n")
                .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
                .append("  listen-on-v6 { none; };\n")
                .append("  recursion no;\n  dnssec-validation no;\n  notify no;\n};\n")
                // no rndc channel: other runs on this machine share 127.0.0.1:953
                .append("controls { };\n");
        StringBuilder grants = new StringBuilder();
        for (Key k : keys) {
            conf.append("key \"").append(k.name()).append("\" { algorithm ").append(k.bindAlgorithm())
                    .append("; secret \"").append(k.secret()).append("\"; };\n");
            grants.append("grant ").append(k.name()).append(" zonesub ANY; ");
        }
        for (String zone : ZONES) {
            conf.append("zone \"").append(zone, 0, zone.length() - 1).append("\" { type primary; file \"")
                    .append(zone).append("zone\"; update-policy { ").append(grants).append("}; };\n");
        }
        return conf.toString();
    }

    /** A port free for both UDP and TCP on 127.0.0.1 right now. */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // UDP side in use; try another
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!named.isAlive()) {
                throw new IOException("named exited with " + named.exitValue() + ":\n" + log());
            }
            try {
                if (query("example.com.", Type.SOA).size() == 1) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("named did not answer within 30 s:\n" + log());
    }

    public int port() {
        return port;
    }

    public Key key(String name) {
        return keys.get(name);
    }

    /** named's own log, for failure messages. */
    public String log() throws IOException {
        Path log = directory.resolve("named.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    }

    /** The answer records of an (unsigned) query; empty for NXDOMAIN or no data. */
    public List<Record> query(String name, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
        resolver.setTimeout(Duration.ofSeconds(2));
        Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new IOException("query " + name + " " + Type.string(type) + ": " + Rcode.string(rcode));
        }
        return new ArrayList<>(response.getSection(Section.ANSWER));
    }

    /**
     * Waits until the answer to {@code name}/{@code type} holds exactly {@code expected} (record
     * data as dnsjava writes it), for at most 30 s: DNS is updated after the DHCP reply that
     * causes it. Fails with named's log when it does not.
     */
    public void awaitAnswer(String name, int type, List<String> expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen;
        do {
            seen = query(name, type).stream().map(Record::rdataToString).toList();
            if (seen.equals(expected)) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(name + " " + Type.string(type) + ": expected " + expected + " but DNS has " + seen
                + "; named says:\n" + log());
    }

    @Override
    public void close() throws IOException {
        named.destroy();
        try {
            if (!named.waitFor(10, TimeUnit.SECONDS)) {
                named.destroyForcibly();
                named.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            named.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
