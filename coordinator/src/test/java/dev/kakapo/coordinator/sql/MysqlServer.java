package dev.kakapo.coordinator.sql;

import org.mariadb.jdbc.MariaDbDataSource;

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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB server (Debian's {@code mariadb-server} package) in a child process, shared by
 * every MySQL test class of one JVM: its own data directory, socket and pid file in a temporary
 * directory, a free loopback port, and a user {@value #USER} with a random password, so tests log
 * in as a lease store does. Each test gets its own database. Stopped when the JVM exits.
 */
public final class MysqlServer {

    private static final String USER = "kakapo";
    private static final long START_SECONDS = 60;
    private static MysqlServer shared;

    private final Path directory;
    private final int port;
    private final String password;
    private Process running;
    private int databases;

    private MysqlServer(Path directory, int port, String password) {
        this.directory = directory;
        this.port = port;
        this.password = password;
    }

    /** The JVM's server, started on first use. */
    public static synchronized MysqlServer shared() throws IOException {
        if (shared == null) {
            MysqlServer server = new MysqlServer(Files.createTempDirectory("kakapo-mysql-"), freeLoopbackPort(),
                    UUID.randomUUID().toString());
            server.initialise();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "kakapo-mysql-stop"));
            server.restart();
            shared = server;
        }
        return shared;
    }

    /** Stops the server as an operator would (SIGTERM: clients are disconnected, InnoDB shuts down cleanly). */
    synchronized void stop() throws IOException {
        if (running != null) {
            running.destroy();
            try {
                if (!running.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
                    running.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping mariadbd", e);
            }
            running = null;
        }
    }

    /** Starts the server again on the same port and data; returns once it takes logins. */
    synchronized void restart() throws IOException {
        if (running != null) {
            return;
        }
        Path data = directory.resolve("data");
        running = new ProcessBuilder("mariadbd", "--no-defaults", "--datadir=" + data, "--user=root",
                "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + directory.resolve("mysqld.sock"),
                "--pid-file=" + directory.resolve("mysqld.pid"), "--tmpdir=" + directory, "--skip-name-resolve",
                "--log-error=" + directory.resolve("error.log"), "--init-file=" + directory.resolve("init.sql"),
                // Test data need not survive a power cut; keep the server small and quick.
                "--innodb-flush-log-at-trx-commit=2", "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=8M")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("mariadbd.out").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (true) {
            if (!running.isAlive()) {
                running = null;
                throw new IOException("mariadbd exited while starting: " + errorLog());
            }
            try {
                dataSource("").getConnection().close();
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("mariadbd did not take logins within " + START_SECONDS + " s: " + errorLog(),
                            notYet);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting mariadbd", e);
            }
        }
    }

    /** A new, empty database; with Kakapo's schema when {@code withSchema}. */
    public synchronized SqlSettings newDatabase(boolean withSchema) throws IOException {
        String name = "leases_" + (++databases);
        try (Connection connection = dataSource("").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IOException(e);
        }
        if (withSchema) {
            SqlSchema.init(SqlDialect.MYSQL, dataSource(name));
        }
        return SqlSettings.of(SqlDialect.MYSQL, "127.0.0.1", port, name, USER, password).withConnectTimeoutSeconds(2);
    }

    public DataSource dataSource(String databaseName) {
        try {
            MariaDbDataSource source = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + port + "/" + databaseName
                    + "?connectTimeout=2000");
            source.setUser(USER);
            source.setPassword(password);
            return source;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void initialise() throws IOException {
        Path log = directory.resolve("install.log");
        Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--datadir=" + directory.resolve("data"),
                "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!install.waitFor(START_SECONDS, TimeUnit.SECONDS) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IOException("mariadb-install-db failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while initialising the MariaDB data directory", e);
        }
        // Runs at every start; the user logs in over TCP with a password, as a lease store does.
        Files.write(directory.resolve("init.sql"), List.of(
                "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';",
                "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1' WITH GRANT OPTION;"));
    }

    /** Stops the server and deletes its files; the shutdown hook. */
    private void destroy() {
        try {
            stop();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            System.err.println("could not clean up " + directory + ": " + e.getMessage());
        }
    }

    private String errorLog() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("error.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no error log: " + e.getMessage() + ")";
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
