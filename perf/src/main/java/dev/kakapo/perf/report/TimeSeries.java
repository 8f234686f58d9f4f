package dev.kakapo.perf.report;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The run second by second: one row per exchange type per sample, written as CSV (--csv) or drawn
 * as a chart of completed exchanges/s and p50/p99 round-trip times (--png). Fed by one thread.
 */
public final class TimeSeries {
    /** Size of the chart {@link #writePng} draws, in pixels. */
    public static final int PNG_WIDTH = 1200;
    public static final int PNG_HEIGHT = 700;

    static final String CSV_HEADER = "seconds,exchange,sent,received,drops,rate_per_s,p50_ms,p90_ms,p99_ms,p999_ms,max_ms";

    /**
     * One exchange type in one sample.
     *
     * @param seconds       time of the sample since the start of the run
     * @param sent          requests sent since the start
     * @param received      replies received since the start
     * @param drops         requests dropped since the start
     * @param ratePerSecond replies received per second since the previous sample
     * @param latency       round-trip times of the replies received since the previous sample
     */
    public record Row(double seconds, String exchange, long sent, long received, long drops, double ratePerSecond,
                      ExchangeStats.Latency latency) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Long> previousReceived = new HashMap<>();
    private double previousSeconds;

    /** Adds one row per exchange type; the rate is the growth of "received" since the previous sample. */
    public void sample(double elapsedSeconds, List<ExchangeStats.Snapshot> now) {
        double span = elapsedSeconds - previousSeconds;
        for (ExchangeStats.Snapshot x : now) {
            long before = previousReceived.getOrDefault(x.name(), 0L);
            rows.add(new Row(elapsedSeconds, x.name(), x.sent(), x.received(), x.drops(),
                    RunSummary.perSecond(x.received() - before, span), x.interval()));
            previousReceived.put(x.name(), x.received());
        }
        previousSeconds = elapsedSeconds;
    }

    /** The rows so far, oldest first. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /**
     * Writes the rows with a header line; times in ms and rates with 3 decimals, latency cells
     * empty for an interval in which no reply arrived.
     */
    public void writeCsv(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(CSV_HEADER);
            w.write('\n');
            for (Row r : rows) {
                ExchangeStats.Latency l = r.latency();
                w.write(String.join(",", Report.decimal3(r.seconds()), csvText(r.exchange()), Long.toString(r.sent()),
                        Long.toString(r.received()), Long.toString(r.drops()), Report.decimal3(r.ratePerSecond()),
                        ms(l, l.p50()), ms(l, l.p90()), ms(l, l.p99()), ms(l, l.p999()), ms(l, l.max())));
                w.write('\n');
            }
        }
    }

    /**
     * Draws the chart ({@link #PNG_WIDTH} × {@link #PNG_HEIGHT}): completed exchanges/s on the left
     * axis, p50 and p99 round-trip times on the right, one colour per exchange type.
     */
    public void writePng(Path file, String title) throws IOException {
        BufferedImage chart = RateLatencyChart.draw(rows, title, PNG_WIDTH, PNG_HEIGHT);
        try (OutputStream o = Files.newOutputStream(file)) {
            if (!ImageIO.write(chart, "png", o)) {
                throw new IOException("this Java runtime has no PNG writer; cannot write " + file);
            }
        }
    }

    private static String ms(ExchangeStats.Latency l, double value) {
        return l.count() == 0 ? "" : Report.decimal3(value);
    }

    /** Exchange names are plain words, but quote anything a CSV reader would split. */
    private static String csvText(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
