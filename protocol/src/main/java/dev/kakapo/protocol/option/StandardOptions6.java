package dev.kakapo.protocol.option;

import static dev.kakapo.protocol.option.OptionDataType.BINARY;
import static dev.kakapo.protocol.option.OptionDataType.EMPTY;
import static dev.kakapo.protocol.option.OptionDataType.FQDN;
import static dev.kakapo.protocol.option.OptionDataType.IPV6_ADDRESS;
import static dev.kakapo.protocol.option.OptionDataType.IPV6_PREFIX;
import static dev.kakapo.protocol.option.OptionDataType.RECORD;
import static dev.kakapo.protocol.option.OptionDataType.STRING;
import static dev.kakapo.protocol.option.OptionDataType.TUPLE;
import static dev.kakapo.protocol.option.OptionDataType.UINT16;
import static dev.kakapo.protocol.option.OptionDataType.UINT32;
import static dev.kakapo.protocol.option.OptionDataType.UINT8;

import java.util.List;

/**
 * Kea's standard DHCPv6 option definitions: the names, codes and layouts Kea 1.1 knows in the
 * {@code dhcp6} space, plus the standard options Kea 1.2 added (codes 51-58, 64, 67, 74, 80,
 * 82, 83, 103, 143), so configurations written for newer Kea still load.
 */
final class StandardOptions6 {
    static final String SPACE = "dhcp6";
    /** The space option 17 carries (its sub-options, after the enterprise number). */
    static final String VENDOR_OPTS_SPACE = "vendor-opts-space";
    /** The space of the options a relay asks the server to put in the client's reply (RFC 6422). */
    static final String RSOO_SPACE = "rsoo-opts";

    private StandardOptions6() {
    }

    static final List<OptionDefinition> DEFINITIONS = List.of(
            single("clientid", 1, BINARY),
            single("serverid", 2, BINARY),
            // IAID, T1, T2, then IA options (IAADDR, STATUS_CODE) from the dhcp6 space
            recordEncapsulating("ia-na", 3, SPACE, UINT32, UINT32, UINT32),
            // IAID, then IA options
            encapsulating("ia-ta", 4, UINT32, SPACE),
            // address, preferred and valid lifetime
            record("iaaddr", 5, IPV6_ADDRESS, UINT32, UINT32),
            array("oro", 6, UINT16),
            single("preference", 7, UINT8),
            single("elapsed-time", 8, UINT16),
            single("relay-msg", 9, BINARY),
            // carries a 64-bit replay-detection field no data type describes, so it stays opaque
            single("auth", 11, BINARY),
            single("unicast", 12, IPV6_ADDRESS),
            record("status-code", 13, UINT16, STRING),
            single("rapid-commit", 14, EMPTY),
            single("user-class", 15, BINARY),
            // enterprise number, then the vendor class data
            record("vendor-class", 16, UINT32, BINARY),
            // enterprise number, then the vendor's sub-options
            encapsulating("vendor-opts", 17, UINT32, VENDOR_OPTS_SPACE),
            single("interface-id", 18, BINARY),
            single("reconf-msg", 19, UINT8),
            single("reconf-accept", 20, EMPTY),
            array("sip-server-dns", 21, FQDN),
            array("sip-server-addr", 22, IPV6_ADDRESS),
            array("dns-servers", 23, IPV6_ADDRESS),
            array("domain-search", 24, FQDN),
            // IAID, T1, T2, then IA_PD options (IAPREFIX, STATUS_CODE) from the dhcp6 space
            recordEncapsulating("ia-pd", 25, SPACE, UINT32, UINT32, UINT32),
            // preferred and valid lifetime, prefix length, prefix
            record("iaprefix", 26, UINT32, UINT32, UINT8, IPV6_ADDRESS),
            array("nis-servers", 27, IPV6_ADDRESS),
            array("nisp-servers", 28, IPV6_ADDRESS),
            array("nis-domain-name", 29, FQDN),
            array("nisp-domain-name", 30, FQDN),
            array("sntp-servers", 31, IPV6_ADDRESS),
            single("information-refresh-time", 32, UINT32),
            array("bcmcs-server-dns", 33, FQDN),
            array("bcmcs-server-addr", 34, IPV6_ADDRESS),
            // RFC 4776: "what", country code, then the civic address elements
            record("geoconf-civic", 36, UINT8, UINT16, BINARY),
            // RFC 4649: enterprise number, then the relay's identifier for the client
            record("remote-id", 37, UINT32, BINARY),
            single("subscriber-id", 38, BINARY),
            // RFC 4704: flags, then the client's name
            record("client-fqdn", 39, UINT8, FQDN),
            array("pana-agent", 40, IPV6_ADDRESS),
            single("new-posix-timezone", 41, STRING),
            single("new-tzdb-timezone", 42, STRING),
            array("ero", 43, UINT16),
            // RFC 5007: query type, link address
            record("lq-query", 44, UINT8, IPV6_ADDRESS),
            single("client-data", 45, EMPTY),
            single("clt-time", 46, UINT32),
            // RFC 5007: peer address, then the relay message as received
            record("lq-relay-data", 47, IPV6_ADDRESS, BINARY),
            array("lq-client-link", 48, IPV6_ADDRESS),
            single("v6-lost", 51, FQDN),
            array("capwap-ac-v6", 52, IPV6_ADDRESS),
            single("relay-id", 53, BINARY),
            single("v6-access-domain", 57, FQDN),
            array("sip-ua-cs-list", 58, FQDN),
            // RFC 5970 network boot
            single("bootfile-url", 59, STRING),
            array("bootfile-param", 60, TUPLE),
            array("client-arch-type", 61, UINT16),
            record("nii", 62, UINT8, UINT8, UINT8),
            single("aftr-name", 64, FQDN),
            single("erp-local-domain-name", 65, FQDN),
            encapsulating("rsoo", 66, EMPTY, RSOO_SPACE),
            single("pd-exclude", 67, IPV6_PREFIX),
            // RFC 6731: DNS server, flags, then the domains it serves
            recordArray("rdnss-selection", 74, IPV6_ADDRESS, UINT8, FQDN),
            // RFC 6939: hardware type, then the client's link-layer address
            single("client-linklayer-addr", 79, BINARY),
            single("link-address", 80, IPV6_ADDRESS),
            single("solmax-rt", 82, UINT32),
            single("inf-max-rt", 83, UINT32),
            // RFC 7341 DHCPv4-over-DHCPv6: the DHCPv4 message, and the 4o6 servers' addresses
            single("dhcpv4-message", 87, BINARY),
            array("dhcp4o6-server-addr", 88, IPV6_ADDRESS),
            single("v6-captive-portal", 103, STRING),
            array("ipv6-address-andsf", 143, IPV6_ADDRESS));

    private static OptionDefinition single(String name, int code, OptionDataType type) {
        return new OptionDefinition(name, code, SPACE, type, false, List.of(), null);
    }

    private static OptionDefinition array(String name, int code, OptionDataType type) {
        return new OptionDefinition(name, code, SPACE, type, true, List.of(), null);
    }

    private static OptionDefinition record(String name, int code, OptionDataType... fields) {
        return new OptionDefinition(name, code, SPACE, RECORD, false, List.of(fields), null);
    }

    /** A record whose last field repeats. */
    private static OptionDefinition recordArray(String name, int code, OptionDataType... fields) {
        return new OptionDefinition(name, code, SPACE, RECORD, true, List.of(fields), null);
    }

    /** A fixed part of one {@code type}, then sub-options from {@code space}. */
    private static OptionDefinition encapsulating(String name, int code, OptionDataType type, String space) {
        return new OptionDefinition(name, code, SPACE, type, false, List.of(), space);
    }

    /** A fixed record part, then sub-options from {@code space}. */
    private static OptionDefinition recordEncapsulating(String name, int code, String space,
                                                        OptionDataType... fields) {
        return new OptionDefinition(name, code, SPACE, RECORD, false, List.of(fields), space);
    }
}
