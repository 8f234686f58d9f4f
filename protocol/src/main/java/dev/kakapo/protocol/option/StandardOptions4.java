package dev.kakapo.protocol.option;

import static dev.kakapo.protocol.option.OptionDataType.BINARY;
import static dev.kakapo.protocol.option.OptionDataType.BOOLEAN;
import static dev.kakapo.protocol.option.OptionDataType.EMPTY;
import static dev.kakapo.protocol.option.OptionDataType.FQDN;
import static dev.kakapo.protocol.option.OptionDataType.INT32;
import static dev.kakapo.protocol.option.OptionDataType.IPV4_ADDRESS;
import static dev.kakapo.protocol.option.OptionDataType.IPV6_ADDRESS;
import static dev.kakapo.protocol.option.OptionDataType.RECORD;
import static dev.kakapo.protocol.option.OptionDataType.STRING;
import static dev.kakapo.protocol.option.OptionDataType.UINT16;
import static dev.kakapo.protocol.option.OptionDataType.UINT32;
import static dev.kakapo.protocol.option.OptionDataType.UINT8;

import java.util.List;

/**
 * Kea's standard DHCPv4 option definitions: the names, codes and layouts Kea 1.1 knows in the
 * {@code dhcp4} space, plus the few standard options later Kea versions added (codes 98 and
 * 100-117), so configurations written for newer Kea still load.
 */
final class StandardOptions4 {
    static final String SPACE = "dhcp4";
    /** The space option 43 carries when no vendor-specific definition applies. */
    static final String VENDOR_ENCAPSULATED_SPACE = "vendor-encapsulated-options-space";
    /** The space of the relay agent information (option 82) sub-options. */
    static final String AGENT_OPTIONS_SPACE = "dhcp-agent-options-space";

    private StandardOptions4() {
    }

    static final List<OptionDefinition> DEFINITIONS = List.of(
            single("subnet-mask", 1, IPV4_ADDRESS),
            single("time-offset", 2, INT32),
            array("routers", 3, IPV4_ADDRESS),
            array("time-servers", 4, IPV4_ADDRESS),
            array("name-servers", 5, IPV4_ADDRESS),
            array("domain-name-servers", 6, IPV4_ADDRESS),
            array("log-servers", 7, IPV4_ADDRESS),
            array("cookie-servers", 8, IPV4_ADDRESS),
            array("lpr-servers", 9, IPV4_ADDRESS),
            array("impress-servers", 10, IPV4_ADDRESS),
            array("resource-location-servers", 11, IPV4_ADDRESS),
            single("host-name", 12, STRING),
            single("boot-size", 13, UINT16),
            single("merit-dump", 14, STRING),
            single("domain-name", 15, STRING),
            single("swap-server", 16, IPV4_ADDRESS),
            single("root-path", 17, STRING),
            single("extensions-path", 18, STRING),
            single("ip-forwarding", 19, BOOLEAN),
            single("non-local-source-routing", 20, BOOLEAN),
            array("policy-filter", 21, IPV4_ADDRESS),
            single("max-dgram-reassembly", 22, UINT16),
            single("default-ip-ttl", 23, UINT8),
            single("path-mtu-aging-timeout", 24, UINT32),
            array("path-mtu-plateau-table", 25, UINT16),
            single("interface-mtu", 26, UINT16),
            single("all-subnets-local", 27, BOOLEAN),
            single("broadcast-address", 28, IPV4_ADDRESS),
            single("perform-mask-discovery", 29, BOOLEAN),
            single("mask-supplier", 30, BOOLEAN),
            single("router-discovery", 31, BOOLEAN),
            single("router-solicitation-address", 32, IPV4_ADDRESS),
            array("static-routes", 33, IPV4_ADDRESS),
            single("trailer-encapsulation", 34, BOOLEAN),
            single("arp-cache-timeout", 35, UINT32),
            single("ieee802-3-encapsulation", 36, BOOLEAN),
            single("default-tcp-ttl", 37, UINT8),
            single("tcp-keepalive-interval", 38, UINT32),
            single("tcp-keepalive-garbage", 39, BOOLEAN),
            single("nis-domain", 40, STRING),
            array("nis-servers", 41, IPV4_ADDRESS),
            array("ntp-servers", 42, IPV4_ADDRESS),
            encapsulating("vendor-encapsulated-options", 43, VENDOR_ENCAPSULATED_SPACE),
            array("netbios-name-servers", 44, IPV4_ADDRESS),
            array("netbios-dd-server", 45, IPV4_ADDRESS),
            single("netbios-node-type", 46, UINT8),
            single("netbios-scope", 47, STRING),
            array("font-servers", 48, IPV4_ADDRESS),
            array("x-display-manager", 49, IPV4_ADDRESS),
            single("dhcp-requested-address", 50, IPV4_ADDRESS),
            single("dhcp-lease-time", 51, UINT32),
            single("dhcp-option-overload", 52, UINT8),
            single("dhcp-message-type", 53, UINT8),
            single("dhcp-server-identifier", 54, IPV4_ADDRESS),
            array("dhcp-parameter-request-list", 55, UINT8),
            single("dhcp-message", 56, STRING),
            single("dhcp-max-message-size", 57, UINT16),
            single("dhcp-renewal-time", 58, UINT32),
            single("dhcp-rebinding-time", 59, UINT32),
            single("vendor-class-identifier", 60, BINARY),
            single("dhcp-client-identifier", 61, BINARY),
            single("nwip-domain-name", 62, STRING),
            single("nwip-suboptions", 63, BINARY),
            single("nisplus-domain-name", 64, STRING),
            array("nisplus-servers", 65, IPV4_ADDRESS),
            single("tftp-server-name", 66, STRING),
            single("boot-file-name", 67, STRING),
            array("mobile-ip-home-agent", 68, IPV4_ADDRESS),
            array("smtp-server", 69, IPV4_ADDRESS),
            array("pop-server", 70, IPV4_ADDRESS),
            array("nntp-server", 71, IPV4_ADDRESS),
            array("www-server", 72, IPV4_ADDRESS),
            array("finger-server", 73, IPV4_ADDRESS),
            array("irc-server", 74, IPV4_ADDRESS),
            array("streettalk-server", 75, IPV4_ADDRESS),
            array("streettalk-directory-assistance-server", 76, IPV4_ADDRESS),
            single("user-class", 77, BINARY),
            // RFC 2610: a "mandatory" flag, then the directory agents' addresses
            recordArray("slp-directory-agent", 78, BOOLEAN, IPV4_ADDRESS),
            // RFC 2610: a "mandatory" flag, then the scope list as text
            record("slp-service-scope", 79, BOOLEAN, STRING),
            // RFC 4702: flags, two (deprecated) RCODE fields, the client's name
            record("fqdn", 81, UINT8, UINT8, UINT8, FQDN),
            encapsulating("dhcp-agent-options", 82, AGENT_OPTIONS_SPACE),
            array("nds-servers", 85, IPV4_ADDRESS),
            single("nds-tree-name", 86, STRING),
            single("nds-context", 87, STRING),
            array("bcms-controller-names", 88, FQDN),
            array("bcms-controller-address", 89, IPV4_ADDRESS),
            // carries a 64-bit replay-detection field no data type describes, so it stays opaque
            single("authenticate", 90, BINARY),
            single("client-last-transaction-time", 91, UINT32),
            array("associated-ip", 92, IPV4_ADDRESS),
            array("client-system", 93, UINT16),
            // RFC 4578: interface type, major and minor version
            record("client-ndi", 94, UINT8, UINT8, UINT8),
            // RFC 4578: identifier type, then the identifier
            record("uuid-guid", 97, UINT8, BINARY),
            single("uap-servers", 98, STRING),
            single("geoconf-civic", 99, BINARY),
            single("pcode", 100, STRING),
            single("tcode", 101, STRING),
            array("netinfo-server-address", 112, IPV4_ADDRESS),
            single("netinfo-server-tag", 113, STRING),
            single("default-url", 114, STRING),
            single("auto-config", 116, UINT8),
            array("name-service-search", 117, UINT16),
            single("subnet-selection", 118, IPV4_ADDRESS),
            array("domain-search", 119, FQDN),
            single("vivco-suboptions", 124, BINARY),
            // the enterprise number; its sub-options come from the vendor-<enterprise> space
            single("vivso-suboptions", 125, UINT32),
            array("pana-agent", 136, IPV4_ADDRESS),
            single("v4-lost", 137, FQDN),
            array("capwap-ac-v4", 138, IPV4_ADDRESS),
            array("sip-ua-cs-domains", 141, FQDN),
            // RFC 6731: flags, primary and secondary server, then the domains they serve
            recordArray("rdnss-selection", 146, UINT8, IPV4_ADDRESS, IPV4_ADDRESS, FQDN),
            // RFC 7618: PSID offset, PSID length, PSID
            record("v4-portparams", 159, UINT8, UINT8, UINT16),
            single("v4-captive-portal", 160, STRING),
            // RFC 5969: IPv4 mask length, 6rd prefix length, 6rd prefix, then border relays
            recordArray("option-6rd", 212, UINT8, UINT8, IPV6_ADDRESS, IPV4_ADDRESS),
            single("v4-access-domain", 213, FQDN));

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

    private static OptionDefinition encapsulating(String name, int code, String space) {
        return new OptionDefinition(name, code, SPACE, EMPTY, false, List.of(), space);
    }
}
