package dev.kakapo.coordinator.lease;

/** Kea's lease states, with the numbers Kea writes into lease files and databases. */
public enum LeaseState {
    DEFAULT(0),
    DECLINED(1),
    EXPIRED_RECLAIMED(2);

    private final int code;

    LeaseState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static LeaseState fromCode(int code) {
        for (LeaseState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown lease state " + code);
    }
}
