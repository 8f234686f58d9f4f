package dev.kakapo.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The key=value fields of one log message ({@code event=lease-granted address=192.0.2.10 ...}),
 * in order; a value may be quoted ({@code reason="no pool"}). Words that are not key=value are
 * kept together under {@code text}.
 */
final class LogFields {
    private LogFields() {
    }

    static Map<String, String> parse(String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = message.length();
        while (i < n) {
            while (i < n && message.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && message.charAt(i) != ' ' && message.charAt(i) != '=' && message.charAt(i) != '"') {
                i++;
            }
            if (i < n && i > start && message.charAt(i) == '=') {
                String key = message.substring(start, i);
                i++;
                String value;
                if (i < n && message.charAt(i) == '"') {
                    int end = closingQuote(message, i + 1);
                    value = message.substring(i + 1, end);
                    i = Math.min(end + 1, n);
                } else {
                    int end = message.indexOf(' ', i);
                    end = end < 0 ? n : end;
                    value = message.substring(i, end);
                    i = end;
                }
                fields.put(key, value);
            } else {
                int end = message.indexOf(' ', start);
                end = end < 0 ? n : Math.max(end, i);
                if (end > start) {
                    text.append(text.length() == 0 ? "" : " ").append(message, start, end);
                }
                i = Math.max(end, start + 1);
            }
        }
        if (text.length() > 0) {
            fields.merge("text", text.toString(), (a, b) -> a + " " + b);
        }
        return fields;
    }

    /**
     * Where a quoted value opened before {@code from} ends: the first quote followed by the end or
     * by another key=value field (a quote inside the value may be followed by a plain word), else
     * the first quote followed by a space, else the end of the message.
     */
    private static int closingQuote(String message, int from) {
        int n = message.length();
        int beforeSpace = -1;
        for (int q = message.indexOf('"', from); q >= 0; q = message.indexOf('"', q + 1)) {
            if (q + 1 == n || (message.charAt(q + 1) == ' ' && FIELD_START.matcher(message).region(q + 2, n).lookingAt())) {
                return q;
            }
            if (beforeSpace < 0 && message.charAt(q + 1) == ' ') {
                beforeSpace = q;
            }
        }
        return beforeSpace >= 0 ? beforeSpace : n;
    }

    private static final Pattern FIELD_START = Pattern.compile("[A-Za-z0-9_.-]+=");
}
