package dev.kakapo.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report reader on perfdhcp 2.2's own output, without running perfdhcp. */
class PerfdhcpReportTest {
    /** perfdhcp -6 -l IFACE -R 20 -n 20 -r 10 against Kakapo, which answered every SOLICIT. */
    static final String SARR_REPORT = """
            Running: perfdhcp -6 -l k6c1 -R 20 -n 20 -r 10
            Scenario: basic.
            Multi-thread mode enabled.
            ***Rate statistics***
            Rate: 9.49754 4-way exchanges/second, expected rate: 10

            ***Malformed Packets***
            Malformed packets: 0
            ***Statistics for: SOLICIT-ADVERTISE***
            sent packets: 20
            received packets: 19
            drops: 1
            drops ratio: 5 %
            orphans: 0
            rejected leases: 0
            non unique addresses: 0

            min delay: 5.155 ms
            avg delay: 6.788 ms
            max delay: 9.148 ms
            std deviation: 1.204 ms
            collected packets: 0

            ***Statistics for: REQUEST-REPLY***
            sent packets: 19
            received packets: 19
            drops: 0
            drops ratio: 0.000 %
            orphans: 0
            rejected leases: 0
            non unique addresses: 0

            min delay: 7.368 ms
            avg delay: 10.784 ms
            max delay: 23.029 ms
            std deviation: 3.726 ms
            collected packets: 0
            """;

    @Test
    void readsEachExchangeHalfInOrder() {
        PerfdhcpReport report = PerfdhcpReport.parse(SARR_REPORT);
        assertEquals(List.of("SOLICIT-ADVERTISE", "REQUEST-REPLY"), List.copyOf(report.exchanges().keySet()));
        assertEquals(new PerfdhcpReport.Exchange(20, 19, 1), report.exchange("SOLICIT-ADVERTISE").orElseThrow());
        assertEquals(new PerfdhcpReport.Exchange(19, 19, 0), report.exchange("REQUEST-REPLY").orElseThrow());
    }

    @Test
    void outputWithoutStatisticsHasNoExchanges() {
        PerfdhcpReport report = PerfdhcpReport.parse("ERROR: running perfdhcp: Packets exchange not specified\n");
        assertTrue(report.exchanges().isEmpty());
        assertTrue(report.exchange("SOLICIT-ADVERTISE").isEmpty());
    }
}
