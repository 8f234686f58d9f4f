package dev.kakapo.perf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final long MS = 1_000_000L;

    /** An exchange that sent {@code sent}, lost {@code drops} and got replies after the given milliseconds. */
    static ExchangeStats exchange(String name, int sent, int drops, long... rttMs) {
        ExchangeStats stats = new ExchangeStats(name);
        for (int i = 0; i < sent; i++) {
            stats.sent();
        }
        for (int i = 0; i < drops; i++) {
            stats.dropped();
        }
        for (long ms : rttMs) {
            stats.received(ms * MS);
        }
        return stats;
    }

    /** DORA run of 2 s: 10 DISCOVERs (4 answered after 1-4 ms, 6 dropped), 4 REQUESTs all answered after 2 ms. */
    private static RunSummary doraRun() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("-r", "50");
        settings.put("-R", "1000");
        settings.put("server", "192.0.2.1");
        settings.put("family", 4);
        return new RunSummary("4", List.of(exchange("DISCOVER-OFFER", 10, 6, 1, 2, 3, 4).snapshot(),
                exchange("REQUEST-ACK", 4, 0, 2, 2, 2, 2).snapshot()), 2.0, 2, 3, "Reached max requests limit.", settings);
    }

    @Test
    void latencyFiguresAreTheRecordedRoundTrips() {
        ExchangeStats stats = exchange("DISCOVER-OFFER", 4, 0, 1, 2, 3, 4);
        ExchangeStats.Snapshot first = stats.snapshot();
        ExchangeStats.Latency l = first.total();
        assertEquals(4, l.count());
        assertEquals(1.0, l.min());
        assertEquals(4.0, l.max());
        assertEquals(2.5, l.avg(), 1e-9);
        assertEquals(Math.sqrt(1.25), l.stddev(), 1e-9); // population deviation, as perfdhcp reports it
        assertEquals(2.0, l.p50());
        assertEquals(4.0, l.p90());
        assertEquals(4.0, l.p99());
        assertEquals(4.0, l.p999());
        assertEquals(l, first.interval());

        stats.received(10 * MS);
        ExchangeStats.Snapshot second = stats.snapshot();
        assertEquals(1, second.interval().count());
        assertEquals(10.0, second.interval().max());
        assertEquals(5, second.total().count());
        assertEquals(10.0, second.total().max());
        assertEquals(3.0, second.total().p50());
    }

    @Test
    void textUsesPerfdhcpLayoutWithKakapoFigures() {
        String text = Report.text(doraRun());
        assertTrue(text.startsWith("""
                Reached max requests limit.
                ***Rate statistics***
                Rate: 2.000 4-way exchanges/second, expected rate: 50
                Elapsed: 2.000 s

                ***Malformed Packets***
                Malformed packets: 3
                ***Orphans***
                orphans: 2
                ***Statistics for: DISCOVER-OFFER***
                """), text);
        assertTrue(text.contains("""
                ***Statistics for: DISCOVER-OFFER***
                sent packets: 10
                received packets: 4
                drops: 6
                drops ratio: 60.000 %
                rate: 2.000 exchanges/second

                min delay: 1.000 ms
                avg delay: 2.500 ms
                max delay: 4.000 ms
                std deviation: 1.118 ms
                p50 delay: 2.000 ms
                p90 delay: 4.000 ms
                p99 delay: 4.000 ms
                p99.9 delay: 4.000 ms
                collected packets: 0

                ***Statistics for: REQUEST-ACK***
                sent packets: 4
                received packets: 4
                drops: 0
                drops ratio: 0.000 %
                """), text);
        assertTrue(text.contains("std deviation: 0.000 ms\n"), text);
    }

    @Test
    void textSaysNotAvailableWhereThereIsNothingToMeasure() {
        RunSummary run = new RunSummary("6", List.of(exchange("SOLICIT-ADVERTISE", 5, 2).snapshot()), 1.5, 0, 0, null, Map.of());
        String text = Report.text(run);
        assertTrue(text.startsWith("***Rate statistics***\nRate: 0.000 SOLICIT-ADVERTISE/second\n"), text);
        assertTrue(text.contains("min delay: n/a\navg delay: n/a\nmax delay: n/a\nstd deviation: n/a\n"), text);
        assertTrue(text.contains("p99.9 delay: n/a\n"), text);
        // 5 sent, 2 dropped, none answered: 3 still outstanding when the run ended.
        assertTrue(text.contains("collected packets: 3\n"), text);

        String unsent = Report.text(new RunSummary("4", List.of(exchange("DISCOVER-OFFER", 0, 0).snapshot()), 0, 0, 0, "", Map.of()));
        assertTrue(unsent.contains("drops ratio: n/a\n"), unsent);
        assertTrue(unsent.contains("rate: 0.000 exchanges/second\n"), unsent);
    }

    @Test
    void jsonCarriesTheSameFiguresAsNumbers() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Report.json(doraRun()));
        assertEquals("4", root.get("family").asText());
        assertEquals(2.0, root.get("elapsed_seconds").doubleValue());
        assertEquals("Reached max requests limit.", root.get("stop_reason").asText());
        assertEquals("REQUEST-ACK", root.get("completing_exchange").asText());
        assertTrue(root.get("rate_per_s").isNumber());
        assertEquals(2.0, root.get("rate_per_s").doubleValue());
        assertEquals(50.0, root.get("expected_rate_per_s").doubleValue());
        assertEquals(2, root.get("orphans").longValue());
        assertEquals(3, root.get("too_short").longValue());

        JsonNode exchanges = root.get("exchanges");
        assertEquals(2, exchanges.size());
        JsonNode discover = exchanges.get(0);
        assertEquals("DISCOVER-OFFER", discover.get("name").asText());
        assertTrue(discover.get("sent").isIntegralNumber());
        assertEquals(10, discover.get("sent").longValue());
        assertEquals(4, discover.get("received").longValue());
        assertEquals(6, discover.get("drops").longValue());
        assertEquals(60.0, discover.get("drops_percent").doubleValue());
        assertEquals(0, discover.get("collected").longValue());
        assertEquals(2.0, discover.get("rate_per_s").doubleValue());
        JsonNode latency = discover.get("latency_ms");
        assertEquals(4, latency.get("count").longValue());
        assertEquals(1.0, latency.get("min").doubleValue());
        assertEquals(2.5, latency.get("avg").doubleValue());
        assertEquals(4.0, latency.get("max").doubleValue());
        assertEquals(1.118, latency.get("stddev").doubleValue());
        assertEquals(2.0, latency.get("p50").doubleValue());
        assertEquals(4.0, latency.get("p90").doubleValue());
        assertEquals(4.0, latency.get("p99").doubleValue());
        assertEquals(4.0, latency.get("p999").doubleValue());
        assertEquals("REQUEST-ACK", exchanges.get(1).get("name").asText());
        assertEquals(2.0, exchanges.get(1).get("latency_ms").get("max").doubleValue());

        JsonNode settings = root.get("settings");
        assertEquals(List.of("-r", "-R", "server", "family"), iterableNames(settings));
        assertEquals("50", settings.get("-r").asText());
        assertEquals(4, settings.get("family").intValue());
    }

    @Test
    void jsonUsesNullForFiguresThatDoNotExist() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server", null);
        settings.put("mac", new byte[] {0, 0x0c, 1, 2, 3, 4});
        settings.put("threads", List.of(1, 2));
        settings.put("-r", "fast"); // not a number: no expected rate
        RunSummary run = new RunSummary("6", List.of(exchange("SOLICIT-ADVERTISE", 0, 0).snapshot()), 0, 0, 0, null, settings);
        JsonNode root = new ObjectMapper().readTree(Report.json(run));
        assertTrue(root.get("stop_reason").isNull());
        assertTrue(root.get("expected_rate_per_s").isNull());
        assertEquals(0.0, root.get("rate_per_s").doubleValue());
        JsonNode solicit = root.get("exchanges").get(0);
        assertTrue(solicit.get("drops_percent").isNull());
        assertEquals(0, solicit.get("latency_ms").get("count").longValue());
        assertTrue(solicit.get("latency_ms").get("p99").isNull());
        assertTrue(root.get("settings").get("server").isNull());
        assertEquals("00:0c:01:02:03:04", root.get("settings").get("mac").asText());
        assertEquals(2, root.get("settings").get("threads").get(1).intValue());
    }

    @Test
    void periodicLineCountsEachExchangeInOrder() {
        List<ExchangeStats.Snapshot> now = List.of(exchange("DISCOVER-OFFER", 120, 1, 1, 1, 1).snapshot(),
                exchange("REQUEST-ACK", 118, 0, 2, 2).snapshot());
        assertEquals("sent: 120/118; received: 3/2; drops: 1/0; elapsed: 4.000 s; rate: 0.500/s", Report.periodic(now, 4.0));
        List<ExchangeStats.Snapshot> initialOnly = List.of(exchange("DISCOVER-OFFER", 19, 0, 1, 1).snapshot());
        assertEquals("sent: 19; received: 2; drops: 0; elapsed: 0.000 s; rate: 0.000/s", Report.periodic(initialOnly, 0));
    }

    @Test
    void runSummaryRejectsWhatIsNotARun() {
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class,
                () -> new RunSummary("5", List.of(), 1, 0, 0, null, Map.of()));
        assertTrue(family.getMessage().contains("5"), family.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RunSummary("4", List.of(), Double.NaN, 0, 0, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RunSummary("4", List.of(), -1, 0, 0, null, Map.of()));
        RunSummary empty = new RunSummary("4", List.of(), 1, 0, 0, null, null);
        assertEquals(0.0, empty.rate());
        assertFalse(Report.text(empty).contains("Statistics for"));
    }

    private static List<String> iterableNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
