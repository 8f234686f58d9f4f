package dev.kakapo.server.dhcp4;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's workload is what it says: every client is offered and acknowledged, then returns. */
class Dhcp4ExchangeBenchTest {

    @Test
    void everyClientCompletesItsExchangeAgain() throws Exception {
        Dhcp4ExchangeBench bench = new Dhcp4ExchangeBench();
        bench.setUp(); // fails unless each of the clients gets an OFFER and an ACK
        for (int i = 0; i < 400; i++) {
            assertTrue(bench.exchange() > 2 * 240, "an OFFER and an ACK of at least 240 bytes each");
        }
    }
}
