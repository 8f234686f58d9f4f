package dev.kakapo.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.ddns.DdnsWorker;
import dev.kakapo.ddns.config.DhcpDdnsConfigException;
import dev.kakapo.ddns.config.DhcpDdnsReader;
import dev.kakapo.ddns.config.DhcpDdnsSettings;
import dev.kakapo.ddns.dns.AddressLiteral;
import dev.kakapo.ddns.tls.DdnsTls;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ControlSettings;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.control.ControlApi;
import dev.kakapo.server.control.NodeControl;
import dev.kakapo.server.control.Readiness;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * {@code kakapo ddns-worker -c FILE [--bind ADDRESS] [-t]}: a ddns-worker serving the gRPC name
 * change service on the {@code DhcpDdns} section's {@code ip-address}:{@code port} (or on
 * {@code --bind}, the address a pod learns only when it starts) and updating the DNS servers of
 * its forward and reverse domains. {@code Kakapo.ddns-tls} of the same file serves it over TLS.
 * {@code -t} checks the sections and the TLS files, and exits. SIGTERM stops it.
 */
final class DdnsWorkerCommand {
    private DdnsWorkerCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        boolean checkOnly = false;
        boolean debug = false;
        String bind = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "-c" -> file = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--bind" -> {
                    if (i + 1 >= args.length) {
                        err.println("kakapo ddns-worker: option --bind needs an address\n" + Kakapo.USAGE);
                        return 2;
                    }
                    bind = args[++i];
                }
                case "-t" -> {
                    checkOnly = true;
                    if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                        file = Path.of(args[++i]);
                    }
                }
                case "-d" -> debug = true;
                default -> {
                    err.println("kakapo ddns-worker: unknown option '" + args[i] + "'\n" + Kakapo.USAGE);
                    return 2;
                }
            }
        }
        if (file == null) {
            err.println("kakapo ddns-worker: a configuration file is needed: -c FILE\n" + Kakapo.USAGE);
            return 2;
        }
        DhcpDdnsSettings settings;
        ControlSettings controlSettings;
        DdnsTls tls;
        try {
            controlSettings = KeaConfig.processControl(file);
            tls = KeaConfig.ddnsWorkerTls(file);
            JsonNode section = KeaConfig.dhcpDdnsSection(file);
            if (section.isMissingNode()) {
                err.println("kakapo ddns-worker: " + file + " has no DhcpDdns section (expected {\"DhcpDdns\": {...}})");
                return 1;
            }
            Path dir = file.toAbsolutePath().getParent();
            settings = DhcpDdnsReader.read(section, dir);
            if (bind != null) {
                settings = settings.withIpAddress(listenAddress(bind));
            }
        } catch (ConfigException | DhcpDdnsConfigException e) {
            err.println("kakapo ddns-worker: configuration " + file + " is not usable: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("kakapo ddns-worker: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        if (checkOnly) {
            out.println(file + ": the DhcpDdns section can be served" + (tls == null ? "" : " over TLS"));
            return 0;
        }
        Kakapo.configureLogging(Kakapo.loggingSettings(file, debug));
        DdnsWorker worker;
        try {
            worker = DdnsWorker.start(settings, tls);
        } catch (IOException e) {
            err.println("kakapo ddns-worker: cannot serve: " + e.getMessage());
            return 1;
        }
        NodeControl control = null;
        if (controlSettings != null) {
            try {
                control = NodeControl.startProcess(controlSettings, new ControlApi.Process(Kakapo.version(), Instant.now(),
                        () -> System.exit(0)), metrics -> metrics.bindNameChangeCounters(worker.counters()), Readiness.ALWAYS);
            } catch (IOException e) {
                err.println("kakapo ddns-worker: cannot serve the control API on " + controlSettings.address() + ":"
                        + controlSettings.port() + ": " + e.getMessage());
                worker.close();
                return 1;
            }
        }
        NodeControl controlToClose = control;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (controlToClose != null) {
                controlToClose.close();
            }
            worker.close();
            stopped.countDown();
            // Like Kea and the other commands: a stop on request is a clean exit (0), not the JVM's 143.
            Runtime.getRuntime().halt(0);
        }, "kakapo-ddns-worker-shutdown"));
        Logger.getLogger("dev.kakapo").info("event=started role=ddns-worker port=" + worker.port()
                + (control == null ? "" : " control-port=" + control.port()));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code --bind}: an address literal; a name is refused rather than resolved. */
    private static InetAddress listenAddress(String text) throws ConfigException {
        return AddressLiteral.parse(text).orElseThrow(() -> new ConfigException("--bind",
                "not an IPv4 or IPv6 address: \"" + text + "\""));
    }
}
