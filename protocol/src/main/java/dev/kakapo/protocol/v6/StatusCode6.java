package dev.kakapo.protocol.v6;

/** The status codes carried in option 13 (RFC 8415 section 21.13). */
public enum StatusCode6 {
    SUCCESS(0), UNSPEC_FAIL(1), NO_ADDRS_AVAIL(2), NO_BINDING(3), NOT_ON_LINK(4), USE_MULTICAST(5),
    NO_PREFIX_AVAIL(6);

    private final int code;

    StatusCode6(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status with this code, or null when there is none. */
    public static StatusCode6 fromCode(int code) {
        for (StatusCode6 s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
