package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.server.ServerNode;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.HostCommandArguments;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.hosts.ReservationCommands;
import dev.kakapo.server.metrics.SubnetStatistics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kea's command channel for one process: a request {@code {"command": ..., "service": [...],
 * "arguments": {...}}} to Kea's answer. With {@code service} the answer is a list, one answer
 * per service named, as Kea's control agent gives it; without it, the process answers itself
 * when it serves one family, and when it serves both it answers the commands that are not
 * about one family (and lease4-* / lease6-*, whose family is in the name).
 */
public final class ControlApi {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, CommandSet> services = new LinkedHashMap<>();
    private final CommandSet process = new CommandSet();

    private ControlApi() {
    }

    /** What a process tells about itself, and what it does on {@code shutdown}. */
    public record Process(String version, Instant started, Runnable shutdown) {
    }

    /**
     * The commands of a server node.
     *
     * @param configText the configuration file's text (config-get, and the arguments the
     *                   reservation commands are read against); null when the node was
     *                   configured otherwise (then those commands answer result 1)
     * @param baseDir    where relative file names of the configuration resolve
     */
    public static ControlApi of(ServerNode node, String configText, Path baseDir, Process about) {
        KeaConfig.Families families = node.dhcp4() != null && node.dhcp6() != null ? KeaConfig.Families.BOTH
                : node.dhcp4() != null ? KeaConfig.Families.DHCP4 : KeaConfig.Families.DHCP6;
        return of(node, new RunningConfig(node, families, configText, null, baseDir), about);
    }

    /** The commands of a server node running {@code config}, which config-set, config-reload and config-write act on. */
    public static ControlApi of(ServerNode node, RunningConfig config, Process about) {
        ControlApi api = new ControlApi();
        Clock clock = Clock.systemUTC();
        Path baseDir = config.baseDir();
        api.processCommands(api.process, about, config);
        if (node.dhcp4() != null) {
            CommandSet set = new CommandSet();
            api.processCommands(set, about, config);
            new Dhcp4Commands(node.dhcp4(), clock).addTo(set);
            statistics(set, new Statistics(node.dhcp4().counters(), node.dhcp4().subnetStatistics(), clock));
            reservations(set, () -> HostCommandArguments.dhcp4(required(config.text()), baseDir),
                    () -> node.dhcp4().hosts().all());
            api.services.put("dhcp4", set);
        }
        if (node.dhcp6() != null) {
            CommandSet set = new CommandSet();
            api.processCommands(set, about, config);
            new Dhcp6Commands(node.dhcp6(), clock).addTo(set);
            statistics(set, new Statistics(node.dhcp6().counters(), node.dhcp6().subnetStatistics(), clock));
            reservations(set, () -> HostCommandArguments.dhcp6(required(config.text()), baseDir),
                    () -> node.dhcp6().hosts().all());
            api.services.put("dhcp6", set);
        }
        // A process serving both families answers the lease commands of each without "service".
        api.services.forEach((name, set) -> {
            for (String command : new String[] {"get", "get-all", "add", "update", "del", "wipe"}) {
                String full = (name.equals("dhcp4") ? "lease4-" : "lease6-") + command;
                api.process.add(full, set.get(full));
            }
        });
        return api;
    }

    /** The commands of a process that serves no DHCP (a coordinator): about itself only. */
    public static ControlApi ofProcess(Process about) {
        ControlApi api = new ControlApi();
        api.processCommands(api.process, about, null);
        return api;
    }

    private static String required(String configText) throws ConfigException {
        if (configText == null) {
            throw new ConfigException("(control)", "the server was not started from a configuration file");
        }
        return configText;
    }

    /** {@code config} is null for a process that serves no DHCP. */
    private void processCommands(CommandSet set, Process about, RunningConfig config) {
        set.add("version-get", a -> {
            ObjectNode args = JSON.objectNode();
            args.put("extended", about.version() + " (Java " + Runtime.version() + ")");
            return Answer.success(about.version(), args);
        });
        set.add("build-report", a -> Answer.success(about.version() + "\nJava " + Runtime.version()
                + "\nservices: " + String.join(", ", services.keySet())));
        set.add("status-get", a -> {
            ObjectNode args = JSON.objectNode();
            args.put("pid", ProcessHandle.current().pid());
            args.put("uptime", Duration.between(about.started(), Instant.now()).toSeconds());
            Instant loaded = config == null ? about.started() : config.loaded();
            args.put("reload", Duration.between(loaded, Instant.now()).toSeconds());
            ArrayNode served = args.putArray("services");
            services.keySet().forEach(served::add);
            return Answer.success("", args);
        });
        set.add("shutdown", a -> {
            // Answer first; the process stops once the answer is on its way.
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                about.shutdown().run();
            }, "kakapo-shutdown-command");
            stopper.setDaemon(true);
            stopper.start();
            return Answer.success("Shutting down.");
        });
        set.add("config-get", a -> {
            String configText = config == null ? null : config.text();
            if (configText == null) {
                return Answer.error("the server was not started from a configuration file");
            }
            try {
                return Answer.success("", KeaConfig.jsonTree(configText));
            } catch (ConfigException e) {
                return Answer.error(e.getMessage());
            }
        });
        set.add("config-test", a -> {
            if (a == null || !a.isObject()) {
                throw new BadArguments("config-test needs the configuration as its 'arguments' (e.g. {\"Dhcp4\": {...}})");
            }
            try {
                KeaConfig.parse(a.toString(), config == null ? null : config.baseDir());
                return Answer.success("Configuration seems sane.");
            } catch (ConfigException e) {
                return Answer.error(e.getMessage());
            }
        });
        if (config != null) {
            configChanges(set, config);
        }
    }

    /** config-set, config-reload and config-write: result 1 with the reason, and the running configuration kept, on failure. */
    private static void configChanges(CommandSet set, RunningConfig config) {
        set.add("config-set", a -> {
            if (a == null || !a.isObject()) {
                throw new BadArguments("config-set needs the configuration as its 'arguments' (e.g. {\"Dhcp4\": {...}})");
            }
            try {
                config.replace(a.toString());
                return Answer.success("Configuration successful.");
            } catch (ConfigException | java.io.IOException e) {
                return Answer.error("configuration rejected, the running one is kept: " + e.getMessage());
            }
        });
        set.add("config-reload", a -> {
            try {
                config.reload();
                return Answer.success("Configuration successful.");
            } catch (ConfigException | java.io.IOException e) {
                return Answer.error("configuration rejected, the running one is kept: " + e.getMessage());
            }
        });
        set.add("config-write", a -> {
            Path target = null;
            if (a != null && a.has("filename")) {
                if (!a.get("filename").isTextual() || a.get("filename").asText().isEmpty()) {
                    throw new BadArguments("'filename' of config-write must be a file name");
                }
                target = Path.of(a.get("filename").asText());
            }
            try {
                RunningConfig.Written w = config.write(target);
                ObjectNode args = JSON.objectNode();
                args.put("filename", w.file().toString());
                args.put("size", w.size());
                return Answer.success("Configuration written to " + w.file() + " successfully", args);
            } catch (ConfigException | java.io.IOException e) {
                return Answer.error("config-write failed: " + e.getMessage());
            }
        });
    }

    private static void statistics(CommandSet set, Statistics s) {
        set.add("statistic-get", a -> Answer.success("", s.get(new CommandArguments("statistic-get", a).text("name"))));
        set.add("statistic-get-all", a -> Answer.success("", s.all()));
        set.add("statistic-reset", a -> {
            String name = new CommandArguments("statistic-reset", a).text("name");
            return s.reset(name) ? Answer.success("") : Answer.error("No '" + name + "' statistic found");
        });
        set.add("statistic-reset-all", a -> {
            s.resetAll();
            return Answer.success("All statistics reset to neutral values.");
        });
        set.add("statistic-remove", a -> {
            String name = new CommandArguments("statistic-remove", a).text("name");
            return s.remove(name) ? Answer.success("") : Answer.error("No '" + name + "' statistic found");
        });
        set.add("statistic-remove-all", a -> {
            s.removeAll();
            return Answer.success("All statistics removed.");
        });
    }

    /** How the reservation commands' arguments are read: against the running configuration's text. */
    @FunctionalInterface
    private interface ArgumentsReader {
        HostCommandArguments read() throws ConfigException;
    }

    private static void reservations(CommandSet set, ArgumentsReader reader,
                                     java.util.function.Supplier<java.util.List<dev.kakapo.coordinator.hosts.HostSource>> sources) {
        for (String name : ReservationCommands.COMMANDS) {
            set.add(name, a -> {
                try {
                    // the host databases of the configuration running now
                    return Answer.of(new ReservationCommands(reader.read(), sources.get()).handle(name, a));
                } catch (ConfigException e) {
                    return Answer.error(e.getMessage());
                }
            });
        }
    }

    /** Kea's answer to {@code request}: an object, or a list of them when {@code service} is given. */
    public JsonNode handle(JsonNode request) {
        if (request == null || !request.isObject()) {
            return Answer.error("a command is a JSON map: {\"command\": ..., \"arguments\": {...}}").toJson();
        }
        JsonNode command = request.get("command");
        if (command == null || !command.isTextual()) {
            return Answer.error("'command' is missing or not a string").toJson();
        }
        String name = command.asText();
        JsonNode arguments = request.path("arguments");
        JsonNode service = request.get("service");
        if (service == null || (service.isArray() && service.isEmpty())) {
            return answerWithoutService(name, arguments).toJson();
        }
        if (!service.isArray()) {
            return Answer.error("'service' must be a list, e.g. [\"dhcp4\"]").toJson();
        }
        ArrayNode answers = JSON.arrayNode();
        for (JsonNode s : service) {
            CommandSet set = services.get(s.asText());
            answers.add(set == null
                    ? Answer.error("service '" + s.asText() + "' is not served by this process (served: "
                            + String.join(", ", services.keySet()) + ")").toJson()
                    : set.run(name, arguments).toJson());
        }
        return answers;
    }

    private Answer answerWithoutService(String name, JsonNode arguments) {
        if (services.size() == 1) {
            return services.values().iterator().next().run(name, arguments);
        }
        if (!process.has(name) && services.values().stream().anyMatch(s -> s.has(name))) {
            return Answer.error("this process serves " + String.join(" and ", services.keySet()) + ": name one in"
                    + " \"service\" (e.g. [\"dhcp4\"]) for " + name);
        }
        return process.run(name, arguments);
    }
}
