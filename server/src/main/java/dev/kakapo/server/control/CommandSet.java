package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The commands one service answers, by Kea name; {@code list-commands} lists them. */
final class CommandSet {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    CommandSet() {
        add("list-commands", a -> {
            ArrayNode names = JsonNodeFactory.instance.arrayNode();
            commands.keySet().stream().sorted().forEach(names::add);
            return Answer.success(commands.size() + " commands", names);
        });
    }

    void add(String name, Command command) {
        commands.put(name, command);
    }

    boolean has(String name) {
        return commands.containsKey(name);
    }

    Command get(String name) {
        return commands.get(name);
    }

    /** Runs {@code name}: result 2 when there is no such command, 1 with the reason when it fails. */
    Answer run(String name, JsonNode arguments) {
        Command c = commands.get(name);
        if (c == null) {
            return new Answer(Answer.UNSUPPORTED, "'" + name + "' command not supported.", null);
        }
        try {
            return c.run(arguments);
        } catch (BadArguments e) {
            return Answer.error(e.getMessage());
        } catch (RuntimeException e) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            return Answer.error(name + " failed: " + cause);
        }
    }
}
