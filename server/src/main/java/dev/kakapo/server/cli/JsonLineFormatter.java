package dev.kakapo.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code time}, {@code level}, {@code logger}, then the message's own
 * key=value fields ({@code event}, {@code address}, {@code subnet}, ...) as string members, and
 * {@code error} when the record carries an exception. The same fields as {@link LineFormatter}.
 */
final class JsonLineFormatter extends Formatter {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format(LogRecord r) {
        ObjectNode line = JSON.createObjectNode()
                .put("time", Instant.ofEpochMilli(r.getMillis()).toString())
                .put("level", LineFormatter.levelName(r.getLevel()))
                .put("logger", r.getLoggerName() == null ? "dev.kakapo" : r.getLoggerName());
        for (Map.Entry<String, String> field : LogFields.parse(formatMessage(r)).entrySet()) {
            // the record's own time, level and logger come first and are not overwritten
            if (!line.has(field.getKey())) {
                line.put(field.getKey(), field.getValue());
            }
        }
        if (r.getThrown() != null) {
            line.put("error", r.getThrown().toString());
        }
        return line + System.lineSeparator();
    }
}
