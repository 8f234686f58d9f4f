package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Cassandra in a child JVM, on loopback ports chosen at start and a temporary
 * data directory, so it can be stopped and started again with its data. The tests of one JVM share
 * one node ({@link #shared()}); each test works in a keyspace of its own ({@link #newKeyspace}).
 * The child runs cassandra-all from the class path the cassandra-test-server module writes, so
 * Cassandra's own netty, guava and logback stay out of the test JVM.
 */
public final class CassandraServer implements AutoCloseable {

    /** What the JDK 17 child needs opened for Cassandra's off-heap buffers and unsafe access. */
    private static final List<String> JVM_FLAGS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED");
    private static final long START_TIMEOUT_SECONDS = 180;

    private static CassandraServer shared;

    private final Path directory;
    private final int storagePort;
    private final int nativePort;
    private final String classPath;
    private Process running;
    private int keyspaces;

    private CassandraServer(Path directory, int storagePort, int nativePort, String classPath) {
        this.directory = directory;
        this.storagePort = storagePort;
        this.nativePort = nativePort;
        this.classPath = classPath;
    }

    /** The node every test class of this JVM uses, started on first use and destroyed when the JVM exits. */
    public static synchronized CassandraServer shared() throws IOException {
        if (shared == null) {
            CassandraServer server = start(false);
            Runtime.getRuntime().addShutdownHook(new Thread(server::closeQuietly, "cassandra-test-server-stop"));
            shared = server;
        }
        shared.restart();
        return shared;
    }

    /**
     * A node of its own (benchmarks).
     *
     * @param syncEachWrite whether a write is acknowledged only after its commit log group is
     *                      flushed to disk ({@code commitlog_sync: group}), rather than every 10 s
     */
    static CassandraServer start(boolean syncEachWrite) throws IOException {
        Path directory = Files.createTempDirectory("kakapo-cassandra-");
        CassandraServer server = new CassandraServer(directory, freeLoopbackPort(), freeLoopbackPort(), classPath());
        try {
            server.writeConfig(syncEachWrite);
            server.restart();
        } catch (IOException | RuntimeException e) {
            if (!Boolean.getBoolean("kakapo.cassandra.keepFailed")) {
                server.closeQuietly();
            }
            throw e;
        }
        return server;
    }

    public int nativePort() {
        return nativePort;
    }

    /** Stops the node as an operator would (SIGTERM: it drains and exits). */
    public synchronized void stop() throws IOException {
        if (running != null) {
            running.destroy();
            try {
                if (!running.waitFor(60, TimeUnit.SECONDS)) {
                    running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping Cassandra", e);
            }
            running = null;
        }
    }

    /** Starts the node (again) on the same ports and data, and waits until it takes CQL connections. */
    public synchronized void restart() throws IOException {
        if (running != null && running.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms256m");
        command.add("-Xmx256m");
        command.addAll(JVM_FLAGS);
        command.add("-Dcassandra.config=file://" + directory.resolve("cassandra.yaml"));
        command.add("-Dlogback.configurationFile=" + directory.resolve("logback.xml"));
        command.add("-Dcassandra-foreground=yes");
        command.add("-Dcassandra.storagedir=" + directory);
        command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        command.add("-Dcassandra.ring_delay_ms=0");
        // Every test makes a keyspace and tables; without this each schema change waits for
        // fsyncs of the system tables (a second or more here). Lease data is flushed as usual.
        command.add("-Dcassandra.unsafesystem=true");
        command.add("-cp");
        command.add(classPath);
        command.add("org.apache.cassandra.service.CassandraDaemon");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()))
                .start();
        running = process;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (!acceptsConnections()) {
            if (!process.isAlive()) {
                running = null;
                throw new IOException("Cassandra exited with " + process.exitValue() + " while starting: "
                        + lastLines(directory.resolve("cassandra.log")));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("Cassandra did not open port " + nativePort + " within " + START_TIMEOUT_SECONDS
                        + " s: " + lastLines(directory.resolve("cassandra.log")));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Cassandra", e);
            }
        }
    }

    /** Settings for a test: this node, 2 s to connect, 10 s per write. */
    CqlSettings settings(String keyspace) {
        return CqlSettings.of(List.of("127.0.0.1"), keyspace).withPort(nativePort).withTimeouts(2, 10);
    }

    /** A new keyspace (replication factor 1); with Kakapo's schema when {@code withSchema}. */
    public synchronized CqlSettings newKeyspace(boolean withSchema) throws IOException {
        CqlSettings settings = settings("kakapo_test_" + (++keyspaces));
        if (withSchema) {
            CqlSchema.init(settings, true, 1);
        } else {
            try (CqlSession session = CqlConnection.open(settings, false)) {
                session.execute(SimpleStatement.newInstance("CREATE KEYSPACE "
                        + settings.keyspace() + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
                        .setTimeout(CqlConnection.SCHEMA_CHANGE_TIMEOUT));
            }
        }
        return settings;
    }

    /** A session on this node, in no keyspace, for tests that look at tables directly. */
    public CqlSession session() throws IOException {
        return CqlConnection.open(settings("system"), false);
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | UncheckedIOException e) {
            // the JVM is exiting; a leftover temporary directory is all that can remain
        }
    }

    /** The end of Cassandra's log, for a failure message (the directory goes away with the server). */
    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "no log at " + log;
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), nativePort), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void writeConfig(boolean syncEachWrite) throws IOException {
        String dir = directory.toString();
        String sync = syncEachWrite
                ? "commitlog_sync: group\ncommitlog_sync_group_window: 2ms\n"
                : "commitlog_sync: periodic\ncommitlog_sync_period: 10000ms\n";
        String yaml = "cluster_name: kakapo-test\n"
                + "num_tokens: 1\n"
                + "initial_token: 0\n"
                + "partitioner: org.apache.cassandra.dht.Murmur3Partitioner\n"
                + sync
                + "endpoint_snitch: SimpleSnitch\n"
                + "seed_provider:\n"
                + "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider\n"
                + "    parameters:\n"
                + "      - seeds: \"127.0.0.1:" + storagePort + "\"\n"
                + "listen_address: 127.0.0.1\n"
                + "rpc_address: 127.0.0.1\n"
                + "storage_port: " + storagePort + "\n"
                + "native_transport_port: " + nativePort + "\n"
                + "start_native_transport: true\n"
                + "auto_snapshot: false\n"
                + "data_file_directories: [" + dir + "/data]\n"
                + "commitlog_directory: " + dir + "/commitlog\n"
                + "saved_caches_directory: " + dir + "/saved_caches\n"
                + "hints_directory: " + dir + "/hints\n"
                + "cdc_raw_directory: " + dir + "/cdc\n";
        Files.writeString(directory.resolve("cassandra.yaml"), yaml, StandardCharsets.UTF_8);
        String logback = "<configuration>\n"
                + "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + dir + "/cassandra.log</file>\n"
                + "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} %msg%n</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>\n"
                + "</configuration>\n";
        Files.writeString(directory.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
    }

    /** The class path file the cassandra-test-server module writes (surefire passes its location). */
    private static String classPath() throws IOException {
        String location = System.getProperty("kakapo.cassandra.classpath",
                "../coordinator/cassandra-test-server/target/cassandra.classpath");
        Path file = Paths.get(location);
        if (!Files.isReadable(file)) {
            throw new IOException("no Cassandra class path at " + file.toAbsolutePath() + "; build it with"
                    + " `mvn -pl coordinator/cassandra-test-server generate-resources`");
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
