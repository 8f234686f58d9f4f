package dev.kakapo.protocol.v6;

/** The DHCPv6 message types (RFC 8415 section 7.3, RFC 7341 for DHCPv4-over-DHCPv6). */
public enum MessageType6 {
    SOLICIT(1), ADVERTISE(2), REQUEST(3), CONFIRM(4), RENEW(5), REBIND(6), REPLY(7), RELEASE(8),
    DECLINE(9), RECONFIGURE(10), INFORMATION_REQUEST(11), RELAY_FORW(12), RELAY_REPL(13),
    DHCPV4_QUERY(20), DHCPV4_RESPONSE(21);

    private static final MessageType6[] BY_CODE = new MessageType6[22];

    static {
        for (MessageType6 t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType6(int code) {
        this.code = code;
    }

    /** The msg-type byte that starts the message. */
    public int code() {
        return code;
    }

    /** The type with this msg-type value, or null when there is none. */
    public static MessageType6 fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Whether messages of this type carry a relay header (hop count, link and peer address). */
    static boolean isRelay(int code) {
        return code == RELAY_FORW.code || code == RELAY_REPL.code;
    }
}
