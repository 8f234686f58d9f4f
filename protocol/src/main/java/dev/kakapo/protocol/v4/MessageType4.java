package dev.kakapo.protocol.v4;

/** The DHCPv4 message types (option 53): RFC 2132, RFC 3203, RFC 4388, RFC 6926, RFC 7724. */
public enum MessageType4 {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8),
    FORCERENEW(9), LEASEQUERY(10), LEASEUNASSIGNED(11), LEASEUNKNOWN(12), LEASEACTIVE(13),
    BULKLEASEQUERY(14), LEASEQUERYDONE(15), ACTIVELEASEQUERY(16), LEASEQUERYSTATUS(17), TLS(18);

    private static final MessageType4[] BY_CODE = new MessageType4[19];

    static {
        for (MessageType4 t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType4(int code) {
        this.code = code;
    }

    /** The value carried in option 53. */
    public int code() {
        return code;
    }

    /** The type with this option 53 value, or null when there is none. */
    public static MessageType4 fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
