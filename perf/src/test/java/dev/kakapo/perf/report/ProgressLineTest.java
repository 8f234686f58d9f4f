package dev.kakapo.perf.report;

import static dev.kakapo.perf.report.ReportTest.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rewritesOneLineInPlaceAndErasesLongerLeftovers() {
        ProgressLine line = new ProgressLine(out, true);
        ExchangeStats discover = exchange("DISCOVER-OFFER", 1000, 0);
        ExchangeStats request = exchange("REQUEST-ACK", 1000, 0);
        for (int i = 0; i < 1000; i++) {
            request.received(3_000_000L);
        }
        line.update(List.of(discover.snapshot(), request.snapshot()), 2.0);
        String first = "\r2.0 s | sent: 1000/1000; received: 0/1000; drops: 0/0 | 500.0/s | p99 3.000 ms";
        assertEquals(first, written());

        bytes.reset();
        // Nothing new: the rate since the previous update is 0 and no round trips are known for the interval.
        line.update(List.of(discover.snapshot(), request.snapshot()), 3.0);
        String second = "\r3.0 s | sent: 1000/1000; received: 0/1000; drops: 0/0 | 0.0/s | p99 -";
        assertEquals(second + " ".repeat(first.length() - second.length()), written());

        bytes.reset();
        line.finish();
        assertEquals(System.lineSeparator(), written());
    }

    @Test
    void writesNothingWhenNotOnATerminal() {
        ProgressLine line = new ProgressLine(out, false);
        line.update(List.of(exchange("DISCOVER-OFFER", 5, 0, 1).snapshot()), 1.0);
        line.finish();
        assertEquals("", written());
    }

    @Test
    void finishWithoutAnUpdateLeavesTheTerminalAlone() {
        new ProgressLine(out, true).finish();
        assertEquals("", written());
    }
}
