package dev.kakapo.server.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final report perfdhcp prints: for each exchange half it ran ("SOLICIT-ADVERTISE",
 * "REQUEST-REPLY", "DISCOVER-OFFER", ...), how many requests it sent, how many answers it matched
 * and how many requests it gave up on (drops: no answer within its drop time, {@code -d}).
 */
record PerfdhcpReport(Map<String, Exchange> exchanges) {
    private static final Pattern SECTION = Pattern.compile("^\\*\\*\\*Statistics for: (.+)\\*\\*\\*$");
    private static final Pattern COUNTER = Pattern.compile("^(sent packets|received packets|drops): (\\d+)$");

    /** One exchange half's counters. */
    record Exchange(long sent, long received, long drops) {
    }

    /** Reads the "***Statistics for: NAME***" sections of {@code output}; lines outside them are skipped. */
    static PerfdhcpReport parse(String output) {
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        Map<String, Long> current = null;
        for (String line : output.split("\n")) {
            String l = line.strip();
            Matcher section = SECTION.matcher(l);
            if (section.matches()) {
                current = new LinkedHashMap<>();
                counters.put(section.group(1), current);
                continue;
            }
            if (l.startsWith("***")) {
                current = null; // a section that is not an exchange, such as "***Rate statistics***"
                continue;
            }
            Matcher counter = COUNTER.matcher(l);
            if (current != null && counter.matches()) {
                current.put(counter.group(1), Long.parseLong(counter.group(2)));
            }
        }
        Map<String, Exchange> exchanges = new LinkedHashMap<>();
        counters.forEach((name, c) -> {
            if (c.keySet().containsAll(List.of("sent packets", "received packets", "drops"))) {
                exchanges.put(name, new Exchange(c.get("sent packets"), c.get("received packets"), c.get("drops")));
            }
        });
        return new PerfdhcpReport(exchanges);
    }

    Optional<Exchange> exchange(String name) {
        return Optional.ofNullable(exchanges.get(name));
    }
}
