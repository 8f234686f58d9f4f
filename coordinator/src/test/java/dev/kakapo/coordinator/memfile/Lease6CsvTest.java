package dev.kakapo.coordinator.memfile;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Lease6CsvTest {

    private static final Lease6Csv CSV = Lease6Csv.FORMAT;

    private static final Lease6 ADDRESS = new Lease6(Ipv6Address.parse("2001:db8:1::10"), 128, LeaseType6.NA,
            Octets.parse("00:03:00:01:00:0c:29:ab:cd:ef"), 0xdead_beefL, 1800, 3600, 1_700_000_000L, 7, true, false,
            "pc-1.example.org", Octets.parse("00:0c:29:ab:cd:ef"), LeaseState.DEFAULT);

    private static final Lease6 PREFIX = new Lease6(Ipv6Address.parse("2001:db8:1::10"), 60, LeaseType6.PD,
            Octets.parse("00:01:00:01:2a:00:00:01:00:0c:29:ab:cd:ef"), 1, 0, 7200, 1_700_000_100L, 8, false, false,
            "", Octets.EMPTY, LeaseState.EXPIRED_RECLAIMED);

    private static Lease6Csv.Columns kakapoColumns() throws BadLeaseRowException {
        return Lease6Csv.Columns.ofHeader(Lease6Csv.HEADER);
    }

    @Test
    void liveRowsAreKeaText() {
        assertEquals("2001:db8:1::10,00:03:00:01:00:0c:29:ab:cd:ef,3600,1700003600,7,1800,0,3735928559,128,1,0,"
                + "pc-1.example.org,00:0c:29:ab:cd:ef,0\n", CSV.liveRow(ADDRESS));
        assertEquals("2001:db8:1::10,00:01:00:01:2a:00:00:01:00:0c:29:ab:cd:ef,7200,1700007300,8,0,2,1,60,0,0,,,2\n",
                CSV.liveRow(PREFIX));
    }

    @Test
    void deletionRowHasZeroLifetimeAndExpiresAtCltt() {
        assertEquals("2001:db8:1::10,00:01:00:01:2a:00:00:01:00:0c:29:ab:cd:ef,0,1700000100,8,0,2,1,60,0,0,,,2\n",
                CSV.deletionRow(PREFIX));
    }

    @Test
    void addressesAreWrittenInRfc5952Text() throws BadLeaseRowException {
        Lease6Csv.Columns columns = kakapoColumns();
        Lease6 read = columns.parse("2001:0DB8:0000:0000:0001:0000:0000:0010,00:03,60,160,1,30,0,1,128,0,0,,,0");
        assertTrue(CSV.liveRow(read).startsWith("2001:db8::1:0:0:10,00:03,60,160,"), CSV.liveRow(read));
    }

    @Test
    void rowsReadBackAsTheSameLease() throws BadLeaseRowException {
        Lease6 odd = new Lease6(Ipv6Address.parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"), 128, LeaseType6.TA,
                Octets.parse("00"), 0xffff_ffffL, 0xffff_ffffL, 0xffff_ffffL, 5, -1, false, true,
                "caf\u00e9,&\n.example", Octets.EMPTY, LeaseState.DECLINED);
        Lease6 shortPrefix = new Lease6(Ipv6Address.parse("2001:db8::"), 32, LeaseType6.PD, Octets.parse("01:02"), 0,
                0, 1, 0, 0, false, false, "", Octets.parse("02:00:00:00:00:01"), LeaseState.DEFAULT);
        for (Lease6 lease : List.of(ADDRESS, PREFIX, odd, shortPrefix)) {
            String row = CSV.liveRow(lease);
            assertEquals(lease, kakapoColumns().parse(row.substring(0, row.length() - 1)), row);
        }
        assertTrue(CSV.liveRow(odd).contains(",4294967295,4294967300,4294967295,4294967295,1,4294967295,128,0,1,caf&#xc3&#xa9&#x2c&#x26&#x0a.example,,1"),
                CSV.liveRow(odd));
    }

    @Test
    void addressAndPrefixOfOneAddressTextAreTwoLeases() {
        assertTrue(CSV.identityOrder().compare(ADDRESS, PREFIX) < 0);
        assertEquals(0, CSV.identityOrder().compare(PREFIX, TestLeases.renewed(PREFIX, 5, 5)));
        Lease6 later = new Lease6(Ipv6Address.parse("2001:db8:1::11"), 128, LeaseType6.NA, ADDRESS.duid(), 1, 0, 1, 0,
                0, false, false, "", Octets.EMPTY, LeaseState.DEFAULT);
        assertTrue(CSV.identityOrder().compare(PREFIX, later) < 0);
    }

    @Test
    void leasesNoFileCanHoldAreRefusedNamingTheLease() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> CSV.liveRow(TestLeases.renewed(ADDRESS, ADDRESS.cltt(), 0)));
        assertTrue(zero.getMessage().contains("IA_NA 2001:db8:1::10/128") && zero.getMessage().contains("valid_lifetime 0"),
                zero.getMessage());
        List<Lease6> unwritable = List.of(
                new Lease6(ADDRESS.address(), 128, LeaseType6.NA, Octets.EMPTY, 1, 0, 60, 0, 1, false, false, "",
                        Octets.EMPTY, LeaseState.DEFAULT),
                new Lease6(ADDRESS.address(), 128, LeaseType6.NA, ADDRESS.duid(), 1L << 32, 0, 60, 0, 1, false, false, "",
                        Octets.EMPTY, LeaseState.DEFAULT),
                new Lease6(ADDRESS.address(), 128, LeaseType6.NA, ADDRESS.duid(), 1, -1, 60, 0, 1, false, false, "",
                        Octets.EMPTY, LeaseState.DEFAULT),
                new Lease6(ADDRESS.address(), 64, LeaseType6.NA, ADDRESS.duid(), 1, 0, 60, 0, 1, false, false, "",
                        Octets.EMPTY, LeaseState.DEFAULT),
                new Lease6(ADDRESS.address(), 129, LeaseType6.PD, ADDRESS.duid(), 1, 0, 60, 0, 1, false, false, "",
                        Octets.EMPTY, LeaseState.DEFAULT),
                new Lease6(ADDRESS.address(), 128, LeaseType6.NA, ADDRESS.duid(), 1, 0, 1L << 32, 0, 1, false, false, "",
                        Octets.EMPTY, LeaseState.DEFAULT),
                new Lease6(ADDRESS.address(), 128, LeaseType6.NA, ADDRESS.duid(), 1, 0, 60, -5, 1, false, false, "",
                        Octets.EMPTY, LeaseState.DEFAULT));
        String[] reasons = {"duid", "iaid", "pref_lifetime", "prefix_len 64", "prefix_len 129", "valid_lifetime", "cltt"};
        for (int i = 0; i < unwritable.size(); i++) {
            Lease6 lease = unwritable.get(i);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CSV.liveRow(lease));
            assertTrue(e.getMessage().contains("2001:db8:1::10") && e.getMessage().contains(reasons[i]), e.getMessage());
        }
    }

    @Test
    void badValuesNameTheirColumn() throws BadLeaseRowException {
        Lease6Csv.Columns columns = kakapoColumns();
        String good = "2001:db8::1,00:03:00:01,3600,1700003600,1,1800,0,5,128,0,0,,,0";
        assertEquals(Ipv6Address.parse("2001:db8::1"), columns.parse(good).address());
        String[][] cases = {
                {"192.0.2.1,00:03:00:01,3600,1700003600,1,1800,0,5,128,0,0,,,0", "address"},
                {"2001:db8::g,00:03:00:01,3600,1700003600,1,1800,0,5,128,0,0,,,0", "address"},
                {"host:name,00:03:00:01,3600,1700003600,1,1800,0,5,128,0,0,,,0", "address"},
                {"2001:db8::1,00:0x,3600,1700003600,1,1800,0,5,128,0,0,,,0", "duid"},
                {"2001:db8::1,,3600,1700003600,1,1800,0,5,128,0,0,,,0", "duid"},
                {"2001:db8::1,00:03:00:01,4294967296,1700003600,1,1800,0,5,128,0,0,,,0", "valid_lifetime"},
                {"2001:db8::1,00:03:00:01,3600,later,1,1800,0,5,128,0,0,,,0", "expire"},
                {"2001:db8::1,00:03:00:01,3600,100,1,1800,0,5,128,0,0,,,0", "expire"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,-1,1800,0,5,128,0,0,,,0", "subnet_id"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,4294967296,0,5,128,0,0,,,0", "pref_lifetime"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,1800,3,5,128,0,0,,,0", "lease_type"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,1800,x,5,128,0,0,,,0", "lease_type"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,1800,0,4294967296,128,0,0,,,0", "iaid"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,1800,2,5,129,0,0,,,0", "prefix_len"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,1800,0,5,128,2,0,,,0", "fqdn_fwd"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,1800,0,5,128,0,no,,,0", "fqdn_rev"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,1800,0,5,128,0,0,,00:zz,0", "hwaddr"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,1800,0,5,128,0,0,,,3", "state"},
                {"2001:db8::1,00:03:00:01,3600,1700003600,1,1800,0,5,128,0,0,a,b,,0", "columns"},
                {"2001:db8::1,00:03:00:01,3600", "columns"},
        };
        for (String[] c : cases) {
            BadLeaseRowException e = assertThrows(BadLeaseRowException.class, () -> columns.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void anAddressLeaseIsReadAsASlash128WhateverTheFileSays() throws BadLeaseRowException {
        Lease6 read = kakapoColumns().parse("2001:db8::1,00:03:00:01,3600,1700003600,1,1800,0,5,64,0,0,,,0");
        assertEquals(128, read.prefixLength());
        assertEquals(LeaseType6.NA, read.type());
    }

    @Test
    void headerIsMatchedByNameAndOlderFilesLackHwaddrAndState() throws BadLeaseRowException {
        Lease6Csv.Columns kea09 = Lease6Csv.Columns.ofHeader(
                "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname");
        assertEquals(new Lease6(Ipv6Address.parse("2001:db8:2::"), 48, LeaseType6.PD, Octets.parse("00:03:00:01"), 9,
                        100, 200, 1000, 3, true, true, "h", Octets.EMPTY, LeaseState.DEFAULT),
                kea09.parse("2001:db8:2::,00:03:00:01,200,1200,3,100,2,9,48,1,1,h"));

        Lease6Csv.Columns reordered = Lease6Csv.Columns.ofHeader(
                "hostname,state,hwaddr,extra,prefix_len,iaid,lease_type,pref_lifetime,subnet_id,expire,valid_lifetime,duid,address,fqdn_rev,fqdn_fwd");
        assertEquals(new Lease6(Ipv6Address.parse("2001:db8::5"), 128, LeaseType6.NA, Octets.parse("0a:0b"), 4,
                        50, 60, 100, 2, false, true, "r", Octets.parse("00:01"), LeaseState.DECLINED),
                reordered.parse("r,1,00:01,{},128,4,0,50,2,160,60,0a:0b,2001:db8::5,1,0"));

        BadLeaseRowException e = assertThrows(BadLeaseRowException.class, () -> Lease6Csv.Columns.ofHeader(
                "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname"));
        assertTrue(e.getMessage().contains("'lease_type'"), e.getMessage());
    }
}
