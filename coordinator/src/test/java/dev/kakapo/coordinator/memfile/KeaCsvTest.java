package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.LeaseState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeaCsvTest {

    @Test
    void hostnamesAreEscapedAsTodaysKeaDoes() {
        assertEquals("a&#x2cb&#x26c&#xc3&#xa9&#x0a&#x7f~", KeaCsv.escape("a,b&c\u00e9\n\u007f~"));
        assertEquals("a,b&c\u00e9\n\u007f~", KeaCsv.unescape("a&#x2cb&#x26c&#xc3&#xa9&#x0a&#x7f~"));
        assertEquals("x,y", KeaCsv.unescape("x&#x2Cy"));
        assertEquals("&#xzz&#x4", KeaCsv.unescape("&#xzz&#x4"));
    }

    @Test
    void headerColumnsAreFoundByNameAndTheFirstOfTwoSameNamesCounts() throws BadLeaseRowException {
        KeaCsv.HeaderColumns header = KeaCsv.HeaderColumns.of("b,a,,a");
        assertEquals(4, header.count());
        assertEquals(1, header.required("a"));
        assertEquals(0, header.required("b"));
        assertEquals(-1, header.optional("state"));
        BadLeaseRowException e = assertThrows(BadLeaseRowException.class, () -> header.required("iaid"));
        assertTrue(e.getMessage().contains("'iaid'"), e.getMessage());
    }

    @Test
    void rowsMustHaveTheHeadersColumnCount() throws BadLeaseRowException {
        assertArrayEquals(new String[] {"1", "", "3"}, KeaCsv.fields("1,,3", 3));
        BadLeaseRowException e = assertThrows(BadLeaseRowException.class, () -> KeaCsv.fields("1,2,3,", 3));
        assertEquals("row has 4 columns, the header has 3", e.getMessage());
    }

    @Test
    void lifetimesAndExpireAreUnsigned32BitAndFitTheFile() throws BadLeaseRowException {
        assertEquals("4294967295,4294967300", KeaCsv.lifetimeAndExpire("x", 0xffff_ffffL, 5));
        assertEquals(100, KeaCsv.cltt(60, 160));
        assertThrows(BadLeaseRowException.class, () -> KeaCsv.cltt(60, 59));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeaCsv.lifetimeAndExpire("192.0.2.1", 1L << 32, 5));
        assertTrue(e.getMessage().contains("192.0.2.1") && e.getMessage().contains("valid_lifetime"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeaCsv.lifetimeAndExpire("x", 60, Long.MAX_VALUE - 10));
        assertThrows(IllegalArgumentException.class, () -> KeaCsv.lifetimeAndExpire("x", 60, -1));
    }

    @Test
    void stateIsDefaultWhenTheFileHasNoStateColumn() throws BadLeaseRowException {
        assertEquals(LeaseState.DEFAULT, KeaCsv.state(new String[] {"x"}, -1));
        assertEquals(LeaseState.DECLINED, KeaCsv.state(new String[] {"x", "1"}, 1));
        BadLeaseRowException e = assertThrows(BadLeaseRowException.class, () -> KeaCsv.state(new String[] {"7"}, 0));
        assertTrue(e.getMessage().startsWith("state '7'"), e.getMessage());
    }
}
