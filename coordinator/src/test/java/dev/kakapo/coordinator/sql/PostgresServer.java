package dev.kakapo.coordinator.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for one test class (zonky's embedded binaries), on a fixed loopback
 * port and data directory so it can be stopped and started again with its data. Each test gets
 * its own database.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String SUPERUSER = "postgres";

    private final Path dataDirectory;
    private final int port;
    private final boolean flushCommits;
    private EmbeddedPostgres running;
    private int databases;

    private PostgresServer(Path dataDirectory, int port, boolean flushCommits) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.flushCommits = flushCommits;
    }

    /** A server for tests: commits skip the disk flush, since test data need not survive a power cut. */
    public static PostgresServer start() throws IOException {
        return start(false);
    }

    /** @param flushCommits whether a commit waits for its WAL flush, as in production (benchmarks) */
    static PostgresServer start(boolean flushCommits) throws IOException {
        PostgresServer server = new PostgresServer(Files.createTempDirectory("kakapo-pg-"), freeLoopbackPort(),
                flushCommits);
        server.restart();
        return server;
    }

    /** Stops the server as an operator would ("fast": clients are disconnected). */
    public void stop() throws IOException {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Starts the server again on the same port and data. */
    public void restart() throws IOException {
        if (running == null) {
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", flushCommits ? "on" : "off")
                    .start();
        }
    }

    /** A new, empty database; with Kakapo's schema when {@code withSchema}. */
    public SqlSettings newDatabase(boolean withSchema) throws IOException {
        String name = "leases_" + (++databases);
        try (Connection connection = dataSource("postgres").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IOException(e);
        }
        if (withSchema) {
            SqlSchema.init(dataSource(name));
        }
        return SqlSettings.of(SqlDialect.POSTGRESQL, "127.0.0.1", port, name, SUPERUSER, "").withConnectTimeoutSeconds(2);
    }

    public DataSource dataSource(String databaseName) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(databaseName);
        source.setUser(SUPERUSER);
        return source;
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
