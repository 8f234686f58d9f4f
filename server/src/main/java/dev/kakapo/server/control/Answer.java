package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kea's answer to a command: {@code {"result": 0, "text": "...", "arguments": {...}}}.
 *
 * @param arguments null when the answer carries none
 */
public record Answer(int result, String text, JsonNode arguments) {
    /** Kea's result codes (see docs/control-api.md). */
    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int UNSUPPORTED = 2;
    public static final int EMPTY = 3;
    public static final int CONFLICT = 4;

    public static Answer success(String text) {
        return new Answer(SUCCESS, text, null);
    }

    public static Answer success(String text, JsonNode arguments) {
        return new Answer(SUCCESS, text, arguments);
    }

    public static Answer error(String text) {
        return new Answer(ERROR, text, null);
    }

    public static Answer empty(String text) {
        return new Answer(EMPTY, text, null);
    }

    /** An answer already in Kea's shape (the reservation commands make their own). */
    public static Answer of(JsonNode kea) {
        return new Answer(kea.path("result").asInt(ERROR), kea.path("text").asText(""),
                kea.has("arguments") ? kea.get("arguments") : null);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("result", result);
        o.put("text", text);
        if (arguments != null) {
            o.set("arguments", arguments);
        }
        return o;
    }
}
