package dev.kakapo.perf.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A live status line on a terminal, rewritten in place with a carriage return:
 * {@code 12.0 s | sent: 1200/1198; received: 1198/1195; drops: 0/0 | 1195.0/s | p99 3.201 ms}.
 * The rate and p99 are those of the completing exchange since the previous update. When the
 * output is not a terminal (a file, a pipe) nothing is written, so logs stay clean.
 */
public final class ProgressLine {
    private final PrintStream out;
    private final boolean terminal;
    private int shownLength;
    private boolean shown;
    private double previousSeconds;
    private long previousCompleted;

    public ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Replaces the line with the current reading. */
    public void update(List<ExchangeStats.Snapshot> now, double elapsedSeconds) {
        if (!terminal) {
            return;
        }
        ExchangeStats.Snapshot completing = RunSummary.completing(now);
        long completed = completing == null ? 0 : completing.received();
        double rate = RunSummary.perSecond(completed - previousCompleted, elapsedSeconds - previousSeconds);
        previousCompleted = completed;
        previousSeconds = elapsedSeconds;

        String p99 = completing == null || completing.interval().count() == 0
                ? "-" : Report.decimal3(completing.interval().p99()) + " ms";
        String line = String.format(Locale.ROOT, "%.1f s | %s | %.1f/s | p99 %s",
                elapsedSeconds, Report.counters(now), rate, p99);
        // Spaces over whatever the longer previous line left behind.
        String padding = " ".repeat(Math.max(0, shownLength - line.length()));
        out.print("\r" + line + padding);
        out.flush();
        shownLength = line.length();
        shown = true;
    }

    /** Ends the line so that what is printed next starts on a line of its own. */
    public void finish() {
        if (terminal && shown) {
            out.println();
            out.flush();
            shown = false;
            shownLength = 0;
        }
    }
}
