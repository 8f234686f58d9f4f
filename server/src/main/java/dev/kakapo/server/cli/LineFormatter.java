package dev.kakapo.server.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per event: {@code time level logger message}, the message itself in key=value form.
 */
final class LineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(160)
                .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                .append(levelName(r.getLevel())).append(' ')
                .append(r.getLoggerName() == null ? "dev.kakapo" : r.getLoggerName()).append(' ')
                .append(formatMessage(r));
        if (r.getThrown() != null) {
            sb.append(" error=\"").append(r.getThrown()).append('"');
        }
        return sb.append(System.lineSeparator()).toString();
    }

    /** The level's own name (FINE, INFO, WARNING, SEVERE): what existing log readers match on. */
    static String levelName(Level level) {
        return level.getName();
    }
}
