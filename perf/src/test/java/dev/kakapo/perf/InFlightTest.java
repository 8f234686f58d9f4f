package dev.kakapo.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every request is claimed exactly once: by its reply or by the reaper. */
class InFlightTest {

    @Test
    void aReplyClaimsItsRequestOnceAndTheReaperTakesTheRest() {
        InFlight table = new InFlight(0xffffff);
        int a = table.nextXid();
        int b = table.nextXid();
        table.begin(a, 7, Traffic.FIRST, 1_000);
        table.begin(b, 8, Traffic.SECOND, 2_000);
        InFlight.Request r = table.claim(a);
        assertNotNull(r);
        assertEquals(7, r.client());
        assertEquals(1_000, r.sentAt());
        assertNull(table.claim(a), "a duplicate reply is an orphan");
        assertNull(table.claim(12345), "so is a reply to nothing");
        List<Integer> dropped = new ArrayList<>();
        table.reap(2_500, 1_000, dropped::add);
        assertEquals(List.of(), dropped, "b is younger than the drop time");
        table.reap(3_000, 1_000, dropped::add);
        assertEquals(List.of(Traffic.SECOND), dropped);
        assertNull(table.claim(b), "a reaped request's late reply is an orphan");
        assertEquals(0, table.waiting());
    }
}
