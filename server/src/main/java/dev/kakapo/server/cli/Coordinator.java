package dev.kakapo.server.cli;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.cluster.ClusterSettings;
import dev.kakapo.coordinator.cluster.CoordinatorHealth;
import dev.kakapo.coordinator.cluster.CoordinatorMember;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ControlSettings;
import dev.kakapo.server.config.KakapoSettings;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.control.ControlApi;
import dev.kakapo.server.control.NodeControl;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code kakapo coordinator -c FILE [-p PORT] [--bind ADDRESS]}: one member of the coordinator
 * cluster that {@code Kakapo.cluster} in FILE describes (the same file the server nodes read).
 * SIGTERM leaves the cluster gracefully: the member hands its partitions to the others first.
 */
final class Coordinator {
    private Coordinator() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        Integer port = null;
        String bind = null;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "-c" -> file = Path.of(value(args, ++i));
                    case "-p" -> port = Integer.parseInt(value(args, ++i));
                    case "--bind" -> bind = value(args, ++i);
                    case "-d" -> { }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("a configuration file is needed: -c FILE");
            }
        } catch (IllegalArgumentException e) {
            err.println("kakapo coordinator: " + e.getMessage() + "\n" + Kakapo.USAGE);
            return 2;
        }
        KakapoSettings settings;
        ControlSettings controlSettings;
        try {
            settings = KeaConfig.kakapoSettings(file);
            controlSettings = KeaConfig.processControl(file);
        } catch (ConfigException e) {
            err.println("kakapo coordinator: configuration " + file + " is not usable: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("kakapo coordinator: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        ClusterSettings cluster = settings.cluster();
        if (cluster == null) {
            err.println("kakapo coordinator: " + file + " has no Kakapo.cluster section: without one, every server is its own"
                    + " coordinator and needs none");
            return 1;
        }
        Kakapo.configureLogging(Kakapo.loggingSettings(file, java.util.List.of(args).contains("-d")));
        HazelcastInstance member = CoordinatorMember.start(cluster, bind, port != null ? port : cluster.port());
        CoordinatorHealth health = CoordinatorHealth.watch(member, cluster.effectiveQuorum());
        NodeControl control = null;
        if (controlSettings != null) {
            try {
                control = NodeControl.startProcess(controlSettings, new ControlApi.Process(Kakapo.version(), Instant.now(),
                        () -> System.exit(0)), metrics -> metrics.bindCoordinator(health, false), health::notReadyBecause);
            } catch (IOException e) {
                err.println("kakapo coordinator: cannot serve the control API on " + controlSettings.address() + ":"
                        + controlSettings.port() + ": " + e.getMessage());
                member.shutdown();
                return 1;
            }
        }
        NodeControl controlToClose = control;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            java.util.logging.Formatter lines = Kakapo.stopLines();
            err.print(lines.format(new LogRecord(Level.INFO, "event=stopping role=coordinator")));
            if (controlToClose != null) {
                controlToClose.close();
            }
            member.shutdown(); // graceful: partitions and their backups move to the remaining members first
            err.print(lines.format(new LogRecord(Level.INFO, "event=stopped role=coordinator")));
            err.flush();
            stopped.countDown();
            Runtime.getRuntime().halt(0);
        }, "kakapo-coordinator-shutdown"));
        Logger.getLogger("dev.kakapo").info("event=started role=coordinator cluster=" + cluster.name() + " address="
                + member.getCluster().getLocalMember().getAddress() + " members=" + member.getCluster().getMembers().size()
                + " quorum=" + cluster.effectiveQuorum() + (control == null ? "" : " control-port=" + control.port()));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
