package dev.kakapo.protocol.v6;

import java.util.HexFormat;

/**
 * DHCPv6 messages captured by src/test/scripts/capture-dhcp6-packets.sh on a veth pair between
 * two network namespaces (client MAC 02:00:00:00:00:0b, link-local fe80::ff:fe00:b; server side
 * 2001:db8:1::1/64): ISC dhclient 4.4.3-P1 (Debian 12) and perfdhcp from Kea 2.2.0 (Debian 12
 * kea-admin). Nothing answered, so each client retransmitted its SOLICIT; each constant is one UDP
 * payload as tcpdump recorded it.
 */
final class CapturedPackets6 {
    private CapturedPackets6() {
    }

    /**
     * {@code dhclient -6 -d -1 -sf /bin/true} with "request dhcp6.name-servers, dhcp6.domain-search,
     * dhcp6.sntp-servers;": DUID-LLT, ORO 23 24 31, IA_NA; the first transmission (elapsed time 0).
     */
    static final byte[] DHCLIENT_SOLICIT_IA_NA = hex(
            "012b1d0b0001000e00010001329ee7fa02000000000b0006000600170018001f0008000200000003000c",
            "0000000b00000e1000001518");

    /** The third transmission of the same SOLICIT: elapsed time 314 (3.14 s). */
    static final byte[] DHCLIENT_SOLICIT_IA_NA_RETRANSMITTED = hex(
            "012b1d0b0001000e00010001329ee7fa02000000000b0006000600170018001f00080002013a0003000c",
            "0000000b00000e1000001518");

    /** {@code dhclient -6 -P -D LL ...} (same config): DUID-LL and IA_PD instead of IA_NA. */
    static final byte[] DHCLIENT_SOLICIT_IA_PD = hex(
            "014b2a770001000a0003000102000000000b0006000600170018001f0008000200000019000c0000000b",
            "00000e1000001518");

    /**
     * {@code perfdhcp -6 -l <iface> -n 3 -R 3 all}: the first of three SOLICITs (simulated clients
     * 00:0c:01:02:03:04..06, DUID-LLT), transaction ids counting from 0.
     */
    static final byte[] PERFDHCP_SOLICIT = hex(
            "010000000001000e00010001329ee80a000c010203040003000c0000000100000e100000151800060004",
            "00170018000800020000");

    /** The third: transaction id 2, client 00:0c:01:02:03:06. */
    static final byte[] PERFDHCP_SOLICIT_THIRD = hex(
            "010000020001000e00010001329ee80a000c010203060003000c0000000100000e100000151800060004",
            "00170018000800020000");

    /**
     * {@code perfdhcp -6 -l <iface> -n 3 -R 3 -A 1 all}: the SOLICIT inside one RELAY-FORW with
     * hop count 0 and the interface's link-local address as link and peer address.
     */
    static final byte[] PERFDHCP_RELAY_FORW = hex(
            "0c00fe80000000000000000000fffe00000bfe80000000000000000000fffe00000b0009003401000000",
            "0001000e00010001329ee80d000c010203040003000c0000000100000e10000015180006000400170018",
            "000800020000");

    static final byte[][] ALL = {
            DHCLIENT_SOLICIT_IA_NA, DHCLIENT_SOLICIT_IA_NA_RETRANSMITTED, DHCLIENT_SOLICIT_IA_PD,
            PERFDHCP_SOLICIT, PERFDHCP_SOLICIT_THIRD, PERFDHCP_RELAY_FORW};

    static byte[] hex(String... lines) {
        return HexFormat.of().parseHex(String.join("", lines));
    }
}
