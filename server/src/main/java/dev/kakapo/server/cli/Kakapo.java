package dev.kakapo.server.cli;

import com.hazelcast.core.LifecycleEvent;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.net.Dhcp4Listener;
import dev.kakapo.server.Ports;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.config.LoggingSettings;
import dev.kakapo.server.control.ControlApi;
import dev.kakapo.server.control.NodeControl;
import dev.kakapo.server.control.RunningConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The {@code kakapo} command line: {@code kakapo dhcp4 -c FILE} serves DHCPv4 ({@code dhcp6}:
 * DHCPv6, {@code server}: both) in the foreground until SIGTERM or SIGINT; {@code -t FILE} checks
 * a configuration like {@code kea-dhcp4 -t}. SIGHUP reads the configuration file again and serves
 * it (a bad one is logged and the running configuration kept).
 */
public final class Kakapo {
    static final String USAGE = """
            usage: kakapo dhcp4 -c FILE [-p PORT] [-P PORT] [-d]   serve DHCPv4 with a Kea-format configuration
                   kakapo dhcp6 -c FILE [-p PORT] [-P PORT] [-d]   serve DHCPv6
                   kakapo server -c FILE [-p PORT] [-P PORT] [-d]  serve both families the file configures
                   kakapo coordinator -c FILE [-p PORT] [--bind ADDRESS]
                                                                   run a coordinator of the Kakapo.cluster the file names
                   kakapo admin db-init|db-upgrade|db-version postgresql|mysql|cql -c FILE
                                                                   create, upgrade or report the lease schema
                   kakapo ddns-worker -c FILE [--bind ADDRESS]     run a ddns-worker for the file's DhcpDdns section
                   kakapo ddns-worker -t FILE                      check the DhcpDdns section and exit
                   kakapo admin reservation-add|reservation-get|reservation-del -4|-6 -c FILE JSON
                                                                   manage reservations in the file's hosts-database
                   kakapo dhcp4|dhcp6|server -t FILE               check a configuration and exit (0 = usable)
                   kakapo echo4 -c FILE [-p PORT]                  benchmarks: answer every DISCOVER/REQUEST on the
                                                                   file's DHCPv4 sockets at once, no server behind them
                   kakapo -v                                        print the version
              -c FILE  configuration file (Kea JSON: Dhcp4 and/or Dhcp6, comments allowed)
              -t FILE  check FILE and exit: 0 when it can be served, 1 with the reason when not
              -p PORT  server port instead of 67 / 547 (replies to relays go to this port too;
                       with `server`, DHCPv4 and DHCPv6 both use it: UDP ports are per family)
              -P PORT  client port instead of 68 / 546
              -d       debug logging
              -v       version""";

    private Kakapo() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status (0 ok, 1 bad configuration or failure, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("-v") || args[0].equals("--version"))) {
            out.println(version());
            return 0;
        }
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        if (command.equals("coordinator")) {
            return Coordinator.run(args, out, err);
        }
        if (command.equals("admin")) {
            return Admin.run(args, out, err);
        }
        if (command.equals("ddns-worker")) {
            return DdnsWorkerCommand.run(args, out, err);
        }
        if (!command.equals("dhcp4") && !command.equals("dhcp6") && !command.equals("server") && !command.equals("echo4")) {
            err.println("kakapo: unknown command '" + command + "'\n" + USAGE);
            return 2;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("kakapo: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (o.version) {
            out.println(version());
            return 0;
        }
        if (o.testFile != null) {
            return check(command, o.testFile, out, err);
        }
        return command.equals("echo4") ? echo(o, err) : serve(command, o, err);
    }

    /**
     * {@code kakapo echo4}: the DHCPv4 sockets of the file's interfaces-config, each request answered
     * at once by turning it into its reply, until the process is stopped. A load generator against
     * it measures the ceiling of these sockets on this machine (docs/benchmarks.md).
     */
    private static int echo(Options o, PrintStream err) {
        KeaConfig config = loadOrReport("dhcp4", o.configFile, err);
        if (config == null) {
            return 1;
        }
        configureLogging(loggingSettings(o.configFile, o.debug));
        int port = o.serverPort != 0 ? o.serverPort : Ports.DHCP4.server();
        try (Dhcp4Listener sockets = Dhcp4Listener.echo(config.dhcp4().interfaces(), port, Runtime.getRuntime().availableProcessors())) {
            Logger.getLogger("dev.kakapo").info("event=started family=4 echo=true links=" + sockets.links());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "kakapo-echo-stop"));
            stopped.await();
            return 0;
        } catch (IOException e) {
            err.println("kakapo: cannot start: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The configuration {@code command} serves: one family for dhcp4 / dhcp6, whichever the file has for server. */
    private static KeaConfig load(String command, Path file) throws ConfigException, IOException {
        return KeaConfig.parseFile(file, families(command));
    }

    /** As {@link #load}, or null once the reason it cannot be served is printed. */
    private static KeaConfig loadOrReport(String command, Path file, PrintStream err) {
        try {
            return load(command, file);
        } catch (ConfigException e) {
            err.println("kakapo: configuration " + file + " is not usable: " + e.getMessage());
        } catch (IOException e) {
            err.println("kakapo: cannot read " + file + ": " + e.getMessage());
        }
        return null;
    }

    private static KeaConfig.Families families(String command) {
        return switch (command) {
            case "dhcp4" -> KeaConfig.Families.DHCP4;
            case "dhcp6" -> KeaConfig.Families.DHCP6;
            default -> KeaConfig.Families.BOTH;
        };
    }

    private static int check(String command, Path file, PrintStream out, PrintStream err) {
        try {
            KeaConfig c = load(command, file);
            if (c.dhcp4() != null) {
                out.println("kakapo: configuration " + file + " is usable: DHCPv4 with " + c.dhcp4().subnets().size() + " subnet(s)");
                c.dhcp4().notes().forEach(n -> out.println("note: " + n));
            }
            if (c.dhcp6() != null) {
                out.println("kakapo: configuration " + file + " is usable: DHCPv6 with " + c.dhcp6().subnets().size() + " subnet(s)");
                c.dhcp6().notes().forEach(n -> out.println("note: " + n));
            }
            c.notes().forEach(n -> out.println("note: " + n));
            return 0;
        } catch (ConfigException e) {
            err.println("kakapo: configuration " + file + " is not usable: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("kakapo: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }

    private static int serve(String command, Options o, PrintStream err) {
        KeaConfig config = loadOrReport(command, o.configFile, err);
        if (config == null) {
            return 1;
        }
        configureLogging(loggingSettings(o.configFile, o.debug));
        Ports ports4 = new Ports(o.serverPort != 0 ? o.serverPort : Ports.DHCP4.server(), o.clientPort != 0 ? o.clientPort : Ports.DHCP4.client());
        Ports ports6 = new Ports(o.serverPort != 0 ? o.serverPort : Ports.DHCP6.server(), o.clientPort != 0 ? o.clientPort : Ports.DHCP6.client());
        ServerNode server;
        try {
            server = ServerNode.start(config.dhcp4(), ports4, config.dhcp6(), ports6, config.kakapo().cluster());
        } catch (IOException e) {
            err.println("kakapo: cannot start: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        String families = (config.dhcp4() != null ? "4" : "") + (config.dhcp6() != null ? "6" : "");
        config.notes().forEach(n -> Logger.getLogger("dev.kakapo").info("event=config-note note=\"" + n + "\""));
        NodeControl control = null;
        RunningConfig running;
        try {
            running = new RunningConfig(server, families(command), Files.readString(o.configFile, StandardCharsets.UTF_8),
                    o.configFile, o.configFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            err.println("kakapo: cannot read " + o.configFile + ": " + e.getMessage());
            closeQuietly(server);
            return 1;
        }
        reloadOnHangup(running, o.configFile);
        if (config.control() != null) {
            try {
                control = NodeControl.start(server, config.control(), running,
                        new ControlApi.Process(version(), Instant.now(), () -> System.exit(0)));
            } catch (IOException e) {
                err.println("kakapo: cannot serve the control API on " + config.control().address() + ":"
                        + config.control().port() + ": " + e.getMessage());
                try {
                    server.close();
                } catch (IOException ignored) {
                    // already failing; the first error is the one reported
                }
                return 1;
            }
        }
        NodeControl controlToClose = control;
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger exitStatus = new AtomicInteger();
        if (server.isClusterClient()) {
            exitWhenTheCoordinatorsAreLost(server, stopping, exitStatus);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            // java.util.logging closes its handlers in its own shutdown hook, so these lines go
            // straight to standard error in the same one-line format.
            java.util.logging.Formatter lines = stopLines();
            err.print(lines.format(new LogRecord(Level.INFO, "event=stopping family=" + families)));
            int status = exitStatus.get();
            try {
                if (controlToClose != null) {
                    controlToClose.close();
                }
                server.close();
                err.print(lines.format(new LogRecord(Level.INFO, "event=stopped family=" + families + " leases=durable")));
            } catch (IOException e) {
                err.print(lines.format(new LogRecord(Level.SEVERE, "event=stop-failed family=" + families + " error=\"" + e.getMessage() + "\"")));
                status = 1;
            } finally {
                stopped.countDown();
            }
            err.flush();
            // Like Kea: a stop on request is a clean exit (0), not the JVM's 143 for a signal.
            Runtime.getRuntime().halt(status);
        }, "kakapo-shutdown"));
        Logger.getLogger("dev.kakapo").info("event=started family=" + families + " version=" + version() + " coordinator="
                + (config.kakapo().cluster() == null ? "in-process" : "cluster:" + config.kakapo().cluster().name()) + " links=" + server.links());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * A node whose coordinators stayed unreachable past the reconnect time (Hazelcast's client
     * then shuts itself down) can never allocate again: it exits with status 1, so its supervisor
     * (systemd, Kubernetes) starts it again, and the new process waits for the coordinators.
     */
    private static void exitWhenTheCoordinatorsAreLost(ServerNode server, AtomicBoolean stopping, AtomicInteger exitStatus) {
        if (server.coordinator() == null) {
            return; // the all-in-one server holds its leases itself
        }
        server.coordinator().getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN && !stopping.get()) {
                Logger.getLogger("dev.kakapo").severe("event=coordinators-lost reason=\"no coordinator answered within the"
                        + " reconnect time; exiting so that a restart waits for them\"");
                exitStatus.set(1);
                // not on Hazelcast's event thread, which the stop waits for
                new Thread(() -> System.exit(1), "kakapo-coordinators-lost").start();
            }
        });
    }

    private static void closeQuietly(ServerNode server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one reported
        }
    }

    /** SIGHUP reads the configuration file again, as Kea's servers do; a bad file is logged and the running one kept. */
    static void reloadOnHangup(RunningConfig running, Path file) {
        Logger log = Logger.getLogger("dev.kakapo");
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                // off the signal thread: building the new configuration may open databases
                Thread reload = new Thread(() -> {
                    try {
                        running.reload();
                        log.info("event=config-reloaded file=" + file);
                    } catch (ConfigException | IOException e) {
                        log.warning("event=config-reload-failed file=" + file + " error=\"" + e.getMessage() + "\"");
                    }
                }, "kakapo-reload");
                reload.setDaemon(true);
                reload.start();
            });
        } catch (IllegalArgumentException e) {
            log.warning("event=no-sighup-reload error=\"" + e.getMessage() + "\"");
        }
    }

    /**
     * Sends every log record to standard error, one line each in the configured format, with the
     * level of each area from the configuration's loggers.
     */
    static void configureLogging(LoggingSettings settings) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(settings.format() == LoggingSettings.Format.JSON ? new JsonLineFormatter() : new LineFormatter());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        settings.levels().forEach((name, severity) -> Logger.getLogger(name).setLevel(julLevel(severity)));
        Level kakapo = julLevel(settings.levels().getOrDefault("dev.kakapo", "INFO"));
        // Hazelcast's own INFO lines (a node's client) say little an operator needs; keep its warnings.
        Logger.getLogger("com.hazelcast").setLevel(kakapo.intValue() <= Level.FINE.intValue() ? Level.INFO : Level.WARNING);
        settings.notes().forEach(n -> Logger.getLogger("dev.kakapo").info("event=config-note note=\"" + n + "\""));
    }

    /** The logging settings of {@code file}, or the defaults (with a warning) when they cannot be read. */
    static LoggingSettings loggingSettings(Path file, boolean debug) {
        LoggingSettings settings;
        try {
            settings = LoggingSettings.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ConfigException | IOException e) {
            // the process's own configuration reader reports the same problem with its context
            settings = LoggingSettings.DEFAULT;
        }
        return debug ? settings.debug() : settings;
    }

    /**
     * The formatter for the lines a shutdown hook writes itself: java.util.logging closes its
     * handlers in its own shutdown hook, so these go straight to standard error, in the same format.
     */
    static java.util.logging.Formatter stopLines() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h.getFormatter() instanceof JsonLineFormatter) {
                return new JsonLineFormatter();
            }
        }
        return new LineFormatter();
    }

    /** Kea's severities as java.util.logging levels: DEBUG is FINE, NONE silences. */
    static Level julLevel(String severity) {
        return switch (severity) {
            case "DEBUG" -> Level.FINE;
            case "WARN" -> Level.WARNING;
            case "ERROR", "FATAL" -> Level.SEVERE;
            case "NONE" -> Level.OFF;
            default -> Level.INFO;
        };
    }

    static String version() {
        try (InputStream in = Kakapo.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return "kakapo " + p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "kakapo unknown";
        }
    }

    /** The dhcp4 command's options, Kea-style letters. */
    static final class Options {
        Path configFile;
        Path testFile;
        /** 0 = the family's standard port. */
        int serverPort;
        int clientPort;
        boolean debug;
        boolean version;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-c" -> o.configFile = Path.of(value(args, ++i, a));
                    case "-t" -> o.testFile = Path.of(value(args, ++i, a));
                    case "-p" -> o.serverPort = port(value(args, ++i, a), a);
                    case "-P" -> o.clientPort = port(value(args, ++i, a), a);
                    case "-d" -> o.debug = true;
                    case "-v" -> o.version = true;
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (!o.version && o.configFile == null && o.testFile == null) {
                throw new IllegalArgumentException("a configuration file is needed: -c FILE or -t FILE");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            return args[i];
        }

        private static int port(String s, String option) {
            try {
                int p = Integer.parseInt(s);
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + option + " needs a port number 1..65535, not '" + s + "'");
            }
        }
    }
}
