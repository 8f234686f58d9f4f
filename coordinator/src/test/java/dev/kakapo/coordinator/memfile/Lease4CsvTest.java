package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Lease4CsvTest {

    private static Lease4Csv.Columns kakapoColumns() throws BadLeaseRowException {
        return Lease4Csv.Columns.ofHeader(Lease4Csv.HEADER);
    }

    private static final Lease4 LEASE = new Lease4(Ipv4.parse("192.0.2.10"), Octets.parse("00:0c:29:ab:cd:ef"),
            Octets.parse("01:00:0c:29:ab:cd:ef"), 3600, 1_700_000_000L, 7, true, false, "pc-1.example.org",
            LeaseState.DEFAULT);

    @Test
    void liveRowIsKeaText() {
        assertEquals("192.0.2.10,00:0c:29:ab:cd:ef,01:00:0c:29:ab:cd:ef,3600,1700003600,7,1,0,pc-1.example.org,0\n",
                Lease4Csv.FORMAT.liveRow(LEASE));
    }

    @Test
    void deletionRowHasZeroLifetimeAndExpiresAtCltt() {
        assertEquals("192.0.2.10,00:0c:29:ab:cd:ef,01:00:0c:29:ab:cd:ef,0,1700000000,7,1,0,pc-1.example.org,0\n",
                Lease4Csv.FORMAT.deletionRow(LEASE));
    }

    @Test
    void liveRowRefusesTheDeletionMarkerAndOutOfRangeLifetimes() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Lease4Csv.FORMAT.liveRow(LEASE.withTimes(LEASE.cltt(), 0)));
        assertTrue(zero.getMessage().contains("192.0.2.10"), zero.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> Lease4Csv.FORMAT.liveRow(LEASE.withTimes(LEASE.cltt(), 0x1_0000_0000L)));
        assertTrue(huge.getMessage().contains("valid_lifetime"), huge.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lease4Csv.FORMAT.liveRow(LEASE.withTimes(-5, 3600)));
    }

    @Test
    void rowsReadBackAsTheSameLease() throws BadLeaseRowException {
        Lease4 odd = new Lease4(Ipv4.parse("203.0.113.255"), Octets.EMPTY, Octets.EMPTY, 0xffff_ffffL, 5,
                -1, false, true, "caf\u00e9,&\n.example", LeaseState.DECLINED);
        for (Lease4 lease : new Lease4[] {LEASE, odd, LEASE.withState(LeaseState.EXPIRED_RECLAIMED)}) {
            String row = Lease4Csv.FORMAT.liveRow(lease);
            assertEquals(lease, kakapoColumns().parse(row.substring(0, row.length() - 1)));
        }
        assertTrue(Lease4Csv.FORMAT.liveRow(odd).contains(",4294967295,4294967300,4294967295,0,1,"), Lease4Csv.FORMAT.liveRow(odd));
    }

    @Test
    void badValuesNameTheirColumn() throws BadLeaseRowException {
        Lease4Csv.Columns columns = kakapoColumns();
        String[][] cases = {
                {"192.0.2.300,00:01,,3600,1700003600,1,0,0,,0", "address"},
                {"192.0.2.3,00:0g,,3600,1700003600,1,0,0,,0", "hwaddr"},
                {"192.0.2.3,00:01,zz,3600,1700003600,1,0,0,,0", "client_id"},
                {"192.0.2.3,00:01,,-1,1700003600,1,0,0,,0", "valid_lifetime"},
                {"192.0.2.3,00:01,,4294967296,1700003600,1,0,0,,0", "valid_lifetime"},
                {"192.0.2.3,00:01,,3600,soon,1,0,0,,0", "expire"},
                {"192.0.2.3,00:01,,3600,100,1,0,0,,0", "expire"},
                {"192.0.2.3,00:01,,3600,1700003600,4294967296,0,0,,0", "subnet_id"},
                {"192.0.2.3,00:01,,3600,1700003600,1,yes,0,,0", "fqdn_fwd"},
                {"192.0.2.3,00:01,,3600,1700003600,1,0,2,,0", "fqdn_rev"},
                {"192.0.2.3,00:01,,3600,1700003600,1,0,0,,3", "state"},
                {"192.0.2.3,00:01,,3600,1700003600,1,0,0,a,b,0", "columns"},
                {"192.0.2.3,00:01,,3600,17000", "columns"},
        };
        for (String[] c : cases) {
            BadLeaseRowException e = assertThrows(BadLeaseRowException.class, () -> columns.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void headerIsMatchedByName() throws BadLeaseRowException {
        Lease4Csv.Columns reordered = Lease4Csv.Columns.ofHeader(
                "hostname,address,extra,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev");
        Lease4 lease = reordered.parse("h,192.0.2.4,whatever,00:01,,60,160,2,1,1");
        assertEquals(new Lease4(Ipv4.parse("192.0.2.4"), Octets.parse("00:01"), Octets.EMPTY, 60, 100, 2, true, true,
                "h", LeaseState.DEFAULT), lease);

        BadLeaseRowException e = assertThrows(BadLeaseRowException.class,
                () -> Lease4Csv.Columns.ofHeader("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev"));
        assertTrue(e.getMessage().contains("'hostname'"), e.getMessage());
    }
}
