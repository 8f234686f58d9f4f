package dev.kakapo.coordinator.lease;

/** What a DHCPv6 lease is for, with the numbers Kea writes into lease files (lease_type). */
public enum LeaseType6 {
    /** A non-temporary address (IA_NA). */
    NA(0),
    /** A temporary address (IA_TA): parsed, not served, as in Kea. */
    TA(1),
    /** A delegated prefix (IA_PD). */
    PD(2);

    private final int code;

    LeaseType6(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static LeaseType6 fromCode(int code) {
        for (LeaseType6 t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown lease type " + code);
    }
}
