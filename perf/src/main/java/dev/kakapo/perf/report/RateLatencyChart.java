package dev.kakapo.perf.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Draws a {@link TimeSeries} as a two-axis line chart: completed exchanges/s (thick solid lines,
 * left axis) and p99 / p50 round-trip times (dashed / dotted lines, right axis), one colour per
 * exchange type. Plain java.awt in headless mode, so it runs on servers without a display.
 */
final class RateLatencyChart {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Colours that stay distinct from each other on white and for most colour-blind readers. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    };
    private static final Color INK = new Color(0x222222);
    private static final Color MUTED_INK = new Color(0x555555);
    private static final Color GRID = new Color(0xe4e4e4);
    private static final Color FRAME = new Color(0x9a9a9a);

    private static final float RATE_WIDTH = 2.6f;
    private static final Stroke RATE_STROKE = rateStroke(RATE_WIDTH);
    private static final Stroke P99_STROKE = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {9f, 5f}, 0f);
    private static final Stroke P50_STROKE = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
            new float[] {1f, 4f}, 0f);

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    /** Space around the plot: tick labels and a rotated axis title on each side. */
    private static final int SIDE_MARGIN = 100;
    private static final int TOP_MARGIN = 64;
    private static final int TARGET_TICKS = 6;

    private RateLatencyChart() {
    }

    private static Stroke rateStroke(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** The colour of the {@code index}-th exchange type (in order of first appearance). */
    static Color colourOf(int index) {
        return PALETTE[index % PALETTE.length];
    }

    static BufferedImage draw(List<TimeSeries.Row> rows, String title, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            new Layout(g, rows, title == null ? "" : title, width, height).paint();
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One drawing: the series grouped by exchange, the scales, and where everything goes. */
    private static final class Layout {
        private final Graphics2D g;
        private final Map<String, List<TimeSeries.Row>> series = new LinkedHashMap<>();
        private final String title;
        private final int width;
        private final int height;
        private final Rectangle plot;
        private final Axis time;
        private final Axis rate;
        private final Axis latency;

        Layout(Graphics2D g, List<TimeSeries.Row> rows, String title, int width, int height) {
            this.g = g;
            this.title = title;
            this.width = width;
            this.height = height;
            for (TimeSeries.Row r : rows) {
                series.computeIfAbsent(r.exchange(), name -> new ArrayList<>()).add(r);
            }
            int legendHeight = legendRows().size() * legendRowHeight() + 12;
            int bottomMargin = 70 + legendHeight;
            plot = new Rectangle(SIDE_MARGIN, TOP_MARGIN, width - 2 * SIDE_MARGIN, height - TOP_MARGIN - bottomMargin);

            double lastSecond = rows.stream().mapToDouble(TimeSeries.Row::seconds).max().orElse(1);
            time = Axis.covering(lastSecond, TARGET_TICKS + 4);
            double maxRate = rows.stream().mapToDouble(TimeSeries.Row::ratePerSecond).max().orElse(0);
            rate = Axis.covering(maxRate * 1.05, TARGET_TICKS);
            double maxLatency = rows.stream().filter(r -> r.latency().count() > 0)
                    .mapToDouble(r -> Math.max(r.latency().p99(), r.latency().p50())).max().orElse(0);
            // Same number of intervals as the rate axis, so both share one set of grid lines.
            latency = Axis.dividedInto(maxLatency * 1.05, rate.intervals());
        }

        void paint() {
            paintTitle();
            paintGridAndAxes();
            if (series.isEmpty()) {
                g.setFont(AXIS_TITLE_FONT);
                g.setColor(MUTED_INK);
                centred("no samples", plot.x + plot.width / 2, plot.y + plot.height / 2);
            }
            Shape clip = g.getClip();
            g.clip(new Rectangle(plot.x - 2, plot.y - 2, plot.width + 4, plot.height + 4));
            int index = 0;
            for (List<TimeSeries.Row> rows : series.values()) {
                Color colour = colourOf(index);
                paintLine(rows, colour, P50_STROKE, latency, r -> r.latency().count() > 0 ? r.latency().p50() : Double.NaN);
                paintLine(rows, colour, P99_STROKE, latency, r -> r.latency().count() > 0 ? r.latency().p99() : Double.NaN);
                // The exchanges of one conversation complete at nearly the same rate, so their lines
                // coincide: each earlier line is wider and shows as a border around the later ones.
                float width = RATE_WIDTH + 3f * Math.min(2, series.size() - 1 - index);
                paintLine(rows, colour, rateStroke(width), rate, TimeSeries.Row::ratePerSecond);
                index++;
            }
            g.setClip(clip);
            paintLegend();
        }

        private void paintTitle() {
            g.setFont(TITLE_FONT);
            g.setColor(INK);
            centred(title, width / 2, TOP_MARGIN / 2);
        }

        private void paintGridAndAxes() {
            g.setStroke(new BasicStroke(1f));
            g.setFont(TICK_FONT);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i <= rate.intervals(); i++) {
                int y = yOf(rate, rate.tick(i));
                g.setColor(GRID);
                g.drawLine(plot.x, y, plot.x + plot.width, y);
                g.setColor(FRAME);
                g.drawLine(plot.x - 5, y, plot.x, y);
                g.drawLine(plot.x + plot.width, y, plot.x + plot.width + 5, y);
                g.setColor(MUTED_INK);
                String left = rate.label(i);
                g.drawString(left, plot.x - 9 - fm.stringWidth(left), y + fm.getAscent() / 2 - 1);
                g.drawString(latency.label(i), plot.x + plot.width + 9, y + fm.getAscent() / 2 - 1);
            }
            for (int i = 0; i <= time.intervals(); i++) {
                int x = xOf(time.tick(i));
                g.setColor(GRID);
                g.drawLine(x, plot.y, x, plot.y + plot.height);
                g.setColor(FRAME);
                g.drawLine(x, plot.y + plot.height, x, plot.y + plot.height + 5);
                g.setColor(MUTED_INK);
                centred(time.label(i), x, plot.y + plot.height + 9 + fm.getAscent() / 2 + 4);
            }
            g.setColor(FRAME);
            g.drawRect(plot.x, plot.y, plot.width, plot.height);

            g.setFont(AXIS_TITLE_FONT);
            g.setColor(INK);
            centred("time (s)", plot.x + plot.width / 2, plot.y + plot.height + 48);
            rotated("completed exchanges/s", 26, plot.y + plot.height / 2, -Math.PI / 2);
            rotated("round-trip time (ms)", width - 26, plot.y + plot.height / 2, Math.PI / 2);
        }

        private void paintLine(List<TimeSeries.Row> rows, Color colour, Stroke stroke, Axis axis,
                               ToDoubleFunction<TimeSeries.Row> value) {
            g.setColor(colour);
            g.setStroke(stroke);
            Path2D.Double path = new Path2D.Double();
            boolean penDown = false;
            for (int i = 0; i < rows.size(); i++) {
                double v = value.applyAsDouble(rows.get(i));
                if (Double.isNaN(v)) {
                    penDown = false; // a second without replies: leave a gap rather than invent a value
                    continue;
                }
                double x = xOfExact(rows.get(i).seconds());
                double y = yOfExact(axis, v);
                boolean alone = !penDown && (i + 1 == rows.size() || Double.isNaN(value.applyAsDouble(rows.get(i + 1))));
                if (alone) {
                    g.fill(new Ellipse2D.Double(x - 3, y - 3, 6, 6));
                }
                if (penDown) {
                    path.lineTo(x, y);
                } else {
                    path.moveTo(x, y);
                    penDown = true;
                }
            }
            g.draw(path);
        }

        /** Two legend rows: exchange colours, then what each line style means. */
        private List<List<LegendEntry>> legendRows() {
            List<LegendEntry> colours = new ArrayList<>();
            int index = 0;
            for (String name : series.keySet()) {
                colours.add(new LegendEntry(name, colourOf(index++), null));
            }
            List<LegendEntry> styles = List.of(
                    new LegendEntry("completed/s (left axis)", MUTED_INK, RATE_STROKE),
                    new LegendEntry("p99 round trip (right axis)", MUTED_INK, P99_STROKE),
                    new LegendEntry("p50 round trip (right axis)", MUTED_INK, P50_STROKE));
            List<List<LegendEntry>> rows = new ArrayList<>();
            g.setFont(LEGEND_FONT);
            int available = width - 2 * SIDE_MARGIN;
            for (List<LegendEntry> group : List.of(colours, styles)) {
                List<LegendEntry> row = new ArrayList<>();
                int used = 0;
                for (LegendEntry e : group) {
                    int w = e.width(g.getFontMetrics());
                    if (!row.isEmpty() && used + w > available) {
                        rows.add(row);
                        row = new ArrayList<>();
                        used = 0;
                    }
                    row.add(e);
                    used += w;
                }
                if (!row.isEmpty()) {
                    rows.add(row);
                }
            }
            return rows;
        }

        private int legendRowHeight() {
            return 24;
        }

        private void paintLegend() {
            g.setFont(LEGEND_FONT);
            FontMetrics fm = g.getFontMetrics();
            List<List<LegendEntry>> rows = legendRows();
            int y = plot.y + plot.height + 78;
            for (List<LegendEntry> row : rows) {
                int total = row.stream().mapToInt(e -> e.width(fm)).sum();
                int x = width / 2 - total / 2;
                for (LegendEntry e : row) {
                    e.paint(g, x, y);
                    x += e.width(fm);
                }
                y += legendRowHeight();
            }
        }

        private int xOf(double seconds) {
            return (int) Math.round(xOfExact(seconds));
        }

        private double xOfExact(double seconds) {
            return plot.x + (seconds - time.min()) / (time.max() - time.min()) * plot.width;
        }

        private int yOf(Axis axis, double value) {
            return (int) Math.round(yOfExact(axis, value));
        }

        private double yOfExact(Axis axis, double value) {
            return plot.y + plot.height - (value - axis.min()) / (axis.max() - axis.min()) * plot.height;
        }

        private void centred(String text, int x, int baselineCentre) {
            FontMetrics fm = g.getFontMetrics();
            g.drawString(text, x - fm.stringWidth(text) / 2, baselineCentre + fm.getAscent() / 2 - 2);
        }

        private void rotated(String text, int x, int y, double angle) {
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            g.rotate(angle);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(text, -fm.stringWidth(text) / 2, fm.getAscent() / 2 - 2);
            g.setTransform(saved);
        }
    }

    /** A legend item: a colour swatch (stroke == null) or a line sample, then its text. */
    private record LegendEntry(String text, Color colour, Stroke stroke) {
        private static final int SAMPLE = 30;
        private static final int GAP = 8;
        private static final int SPACING = 28;

        int width(FontMetrics fm) {
            return SAMPLE + GAP + fm.stringWidth(text) + SPACING;
        }

        void paint(Graphics2D g, int x, int centreY) {
            g.setColor(colour);
            if (stroke == null) {
                g.fillRect(x, centreY - 6, SAMPLE, 12);
            } else {
                g.setStroke(stroke);
                g.drawLine(x, centreY, x + SAMPLE, centreY);
            }
            g.setColor(INK);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(text, x + SAMPLE + GAP, centreY + fm.getAscent() / 2 - 2);
        }
    }

    /**
     * A linear axis from 0 in "nice" steps (1, 2, 2.5 or 5 times a power of ten), so tick labels
     * read as round numbers.
     */
    private record Axis(double step, int intervals) {
        private static final double[] NICE = {1, 2, 2.5, 5, 10};

        /** About {@code targetTicks} ticks up to at least {@code max}. */
        static Axis covering(double max, int targetTicks) {
            double top = max > 0 ? max : 1;
            double step = niceAtLeast(top / targetTicks);
            return new Axis(step, (int) Math.max(1, Math.ceil(top / step - 1e-9)));
        }

        /** Exactly {@code intervals} nice steps reaching at least {@code max}. */
        static Axis dividedInto(double max, int intervals) {
            double top = max > 0 ? max : 1;
            return new Axis(niceAtLeast(top / intervals), intervals);
        }

        private static double niceAtLeast(double raw) {
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double nice : NICE) {
                if (nice * power >= raw * (1 - 1e-9)) {
                    return nice * power;
                }
            }
            return 10 * power;
        }

        double min() {
            return 0;
        }

        double max() {
            return step * intervals;
        }

        double tick(int i) {
            return step * i;
        }

        String label(int i) {
            int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
            if (step * Math.pow(10, decimals) % 1 > 1e-6) {
                decimals++; // 2.5 × 10^k needs one more digit than its power of ten
            }
            DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                    DecimalFormatSymbols.getInstance(Locale.ROOT));
            return format.format(tick(i));
        }
    }
}
