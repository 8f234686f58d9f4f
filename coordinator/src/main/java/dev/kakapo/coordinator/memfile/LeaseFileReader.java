package dev.kakapo.coordinator.memfile;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Replays one lease CSV file, lease4 or lease6, into a {@link LeaseTable}, its rows in file order.
 * As Kea does, up to {@value #MAX_BAD_ROWS} unreadable rows per file are skipped; one more makes
 * the file unusable.
 */
final class LeaseFileReader {
    static final int MAX_BAD_ROWS = 100;

    /** Longer lines are bad rows; the cap keeps a run of garbage from filling the heap. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(LeaseFileReader.class.getName());

    private LeaseFileReader() {
    }

    /**
     * Applies every row of {@code file}, read in {@code format}, to {@code leases}.
     *
     * @param badRowLevel how loudly to report each skipped row (a file is reported loudly only once)
     * @return the number of bad rows skipped
     * @throws IOException when the file cannot be read, its header lacks a column the format needs,
     *                     or it holds more than {@value #MAX_BAD_ROWS} bad rows; the message names the file
     */
    static <L> int replay(Path file, LeaseRowFormat<L> format, LeaseTable<L> leases, Level badRowLevel)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            LineSource lines = new LineSource(in);
            Line header = lines.next();
            if (header == null || !header.terminated()) {
                // A crash right after creating the file: at most part of a header, and no rows.
                return 0;
            }
            LeaseRowFormat.Layout<L> layout;
            try {
                layout = format.layoutOf(header.text());
            } catch (BadLeaseRowException e) {
                throw new IOException("lease file " + file + ": " + e.getMessage());
            }
            int badRows = 0;
            for (Line line = lines.next(); line != null; line = lines.next()) {
                if (line.text().isEmpty() && !line.tooLong()) {
                    continue;
                }
                try {
                    if (line.tooLong()) {
                        throw new BadLeaseRowException("row is longer than " + MAX_LINE_BYTES + " bytes");
                    }
                    leases.apply(layout.parse(line.text()));
                } catch (BadLeaseRowException e) {
                    badRows++;
                    String reason = e.getMessage() + (line.terminated() ? "" : " (unterminated last line, cut short by a crash)");
                    if (badRows > MAX_BAD_ROWS) {
                        throw new IOException("lease file " + file + " has more than " + MAX_BAD_ROWS
                                + " bad rows; the last at line " + line.number() + ": " + reason);
                    }
                    LOG.log(badRowLevel, "lease file {0} line {1}: {2}; row skipped", file, line.number(), reason);
                }
            }
            return badRows;
        }
    }

    /** One line of a lease file, as ISO-8859-1 text without its line end. */
    private record Line(String text, long number, boolean terminated, boolean tooLong) {
    }

    /** Splits a byte stream at '\n', noting whether the last line was cut short. */
    private static final class LineSource {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int chunkLength;
        private int chunkPosition;
        private byte[] line = new byte[256];
        private long number;

        LineSource(InputStream in) {
            this.in = in;
        }

        Line next() throws IOException {
            int length = 0;
            boolean tooLong = false;
            boolean terminated = false;
            boolean sawAny = false;
            while (!terminated) {
                if (chunkPosition == chunkLength) {
                    chunkLength = in.read(chunk);
                    chunkPosition = 0;
                    if (chunkLength < 0) {
                        chunkLength = 0;
                        break;
                    }
                    continue;
                }
                byte b = chunk[chunkPosition++];
                sawAny = true;
                if (b == '\n') {
                    terminated = true;
                } else if (length == MAX_LINE_BYTES) {
                    tooLong = true;
                } else {
                    if (length == line.length) {
                        line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_LINE_BYTES));
                    }
                    line[length++] = b;
                }
            }
            if (!sawAny) {
                return null;
            }
            number++;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return new Line(new String(line, 0, length, StandardCharsets.ISO_8859_1), number, terminated, tooLong);
        }
    }
}
