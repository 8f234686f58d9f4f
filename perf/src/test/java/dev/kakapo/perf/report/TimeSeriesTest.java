package dev.kakapo.perf.report;

import static dev.kakapo.perf.report.ReportTest.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** Two one-second samples of a DORA run: 100 then 150 more REQUEST-ACKs, and a second without OFFERs. */
    private static TimeSeries twoSamples() {
        ExchangeStats discover = exchange("DISCOVER-OFFER", 110, 0, 1, 2, 3, 4);
        ExchangeStats request = exchange("REQUEST-ACK", 100, 0);
        for (int i = 0; i < 100; i++) {
            request.received(2 * MS);
        }
        TimeSeries series = new TimeSeries();
        series.sample(1.0, List.of(discover.snapshot(), request.snapshot()));
        for (int i = 0; i < 150; i++) {
            request.received(5 * MS);
        }
        discover.dropped();
        series.sample(2.0, List.of(discover.snapshot(), request.snapshot()));
        return series;
    }

    @Test
    void rowsRateTheGrowthOfRepliesSinceThePreviousSample() {
        List<TimeSeries.Row> rows = twoSamples().rows();
        assertEquals(4, rows.size());
        assertEquals(4.0, rows.get(0).ratePerSecond());
        assertEquals(100.0, rows.get(1).ratePerSecond());
        assertEquals(0.0, rows.get(2).ratePerSecond());
        assertEquals(150.0, rows.get(3).ratePerSecond());
        assertEquals(150, rows.get(3).latency().count());
        assertEquals(5.0, rows.get(3).latency().p50());
    }

    @Test
    void csvHasOneRowPerExchangePerSample() throws IOException {
        Path csv = dir.resolve("run.csv");
        twoSamples().writeCsv(csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(List.of(
                "seconds,exchange,sent,received,drops,rate_per_s,p50_ms,p90_ms,p99_ms,p999_ms,max_ms",
                "1.000,DISCOVER-OFFER,110,4,0,4.000,2.000,4.000,4.000,4.000,4.000",
                "1.000,REQUEST-ACK,100,100,0,100.000,2.000,2.000,2.000,2.000,2.000",
                "2.000,DISCOVER-OFFER,110,4,1,0.000,,,,,",
                "2.000,REQUEST-ACK,100,250,0,150.000,5.000,5.000,5.000,5.000,5.000"), lines);
    }

    @Test
    void csvQuotesNamesAReaderWouldSplit() throws IOException {
        TimeSeries series = new TimeSeries();
        series.sample(0.5, List.of(exchange("ODD, \"NAME\"", 1, 0, 1).snapshot()));
        Path csv = dir.resolve("odd.csv");
        series.writeCsv(csv);
        assertEquals("0.500,\"ODD, \"\"NAME\"\"\",1,1,0,2.000,1.000,1.000,1.000,1.000,1.000",
                Files.readAllLines(csv, StandardCharsets.UTF_8).get(1));
    }

    @Test
    void pngIsAChartOfTheExpectedSizeWithEachExchangeInItsColour() throws IOException {
        TimeSeries series = new TimeSeries();
        ExchangeStats discover = new ExchangeStats("DISCOVER-OFFER");
        ExchangeStats request = new ExchangeStats("REQUEST-ACK");
        for (int second = 1; second <= 30; second++) {
            int replies = 800 + 20 * (second % 7);
            for (int i = 0; i < replies; i++) {
                discover.sent();
                discover.received((1 + i % 3 + second / 10) * MS);
                request.sent();
                if (i % 4 != 0) { // a quarter of the REQUESTs go unanswered, so the two rate lines part
                    request.received((2 + i % 5) * MS);
                }
            }
            series.sample(second, List.of(discover.snapshot(), request.snapshot()));
        }
        Path png = dir.resolve("run.png");
        series.writePng(png, "kakapo perf -4 -r 900 192.0.2.1");

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a readable PNG");
        assertEquals(TimeSeries.PNG_WIDTH, image.getWidth());
        assertEquals(TimeSeries.PNG_HEIGHT, image.getHeight());
        // Lines, not just legend swatches: each colour fills many pixels in the upper, plot part of the image.
        for (int index = 0; index < 2; index++) {
            int colour = RateLatencyChart.colourOf(index).getRGB();
            int inPlot = 0;
            for (int y = 0; y < image.getHeight() * 2 / 3; y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if (image.getRGB(x, y) == colour) {
                        inPlot++;
                    }
                }
            }
            assertTrue(inPlot > 500, "exchange " + index + " has only " + inPlot + " pixels of its colour in the plot");
        }
    }

    @Test
    void pngOfAnEmptySeriesIsStillAChart() throws IOException {
        Path png = dir.resolve("empty.png");
        new TimeSeries().writePng(png, "nothing yet");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(TimeSeries.PNG_WIDTH, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 2, "blank image");
    }

    @Test
    void writingIntoAMissingFolderFailsWithTheFileNamed() {
        Path nowhere = dir.resolve("no/such/folder/run.csv");
        IOException e = assertThrows(IOException.class, () -> twoSamples().writeCsv(nowhere));
        assertTrue(e.getMessage().contains("run.csv"), e.getMessage());
    }
}
