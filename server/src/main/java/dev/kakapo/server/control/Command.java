package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;

/** One control command: its {@code "arguments"} (a missing node when none were sent) to Kea's answer. */
@FunctionalInterface
public interface Command {
    Answer run(JsonNode arguments) throws BadArguments;
}
