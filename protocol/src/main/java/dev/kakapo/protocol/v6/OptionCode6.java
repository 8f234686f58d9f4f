package dev.kakapo.protocol.v6;

/** The DHCPv6 option codes the server reads or writes itself (RFC 8415 section 21 and others). */
public final class OptionCode6 {
    private OptionCode6() {
    }

    public static final int CLIENTID = 1;
    public static final int SERVERID = 2;
    public static final int IA_NA = 3;
    public static final int IA_TA = 4;
    public static final int IAADDR = 5;
    public static final int ORO = 6;
    public static final int PREFERENCE = 7;
    public static final int ELAPSED_TIME = 8;
    public static final int RELAY_MSG = 9;
    public static final int UNICAST = 12;
    public static final int STATUS_CODE = 13;
    public static final int RAPID_COMMIT = 14;
    public static final int USER_CLASS = 15;
    public static final int VENDOR_CLASS = 16;
    public static final int VENDOR_OPTS = 17;
    public static final int INTERFACE_ID = 18;
    public static final int DNS_SERVERS = 23;
    public static final int DOMAIN_SEARCH = 24;
    public static final int IA_PD = 25;
    public static final int IAPREFIX = 26;
    public static final int SNTP_SERVERS = 31;
    public static final int INFORMATION_REFRESH_TIME = 32;
    /** RFC 4649: set by relays. */
    public static final int REMOTE_ID = 37;
    /** RFC 4580: set by relays. */
    public static final int SUBSCRIBER_ID = 38;
    public static final int CLIENT_FQDN = 39;
    /** RFC 6939: the client's link-layer address, set by the relay closest to the client. */
    public static final int CLIENT_LINKLAYER_ADDR = 79;
    /** RFC 7341: the DHCPv4 message inside a DHCPV4-QUERY or DHCPV4-RESPONSE. */
    public static final int DHCPV4_MSG = 87;
    public static final int DHCP4O6_SERVER_ADDR = 88;
}
