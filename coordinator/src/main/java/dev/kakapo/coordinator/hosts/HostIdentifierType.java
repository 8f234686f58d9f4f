package dev.kakapo.coordinator.hosts;

/**
 * What identifies the client a host reservation is for, with Kea's codes (the rows of
 * {@code host_identifier_type}, the values of {@code hosts.dhcp_identifier_type}) and Kea's
 * configuration names ({@code "hw-address": "1a:1b:..."} in a reservation).
 */
public enum HostIdentifierType {
    HW_ADDRESS(0, "hw-address"),
    DUID(1, "duid"),
    CIRCUIT_ID(2, "circuit-id"),
    CLIENT_ID(3, "client-id"),
    FLEX_ID(4, "flex-id");

    private final int code;
    private final String keaName;

    HostIdentifierType(int code, String keaName) {
        this.code = code;
        this.keaName = keaName;
    }

    /** Kea's code, stored in {@code hosts.dhcp_identifier_type}. */
    public int code() {
        return code;
    }

    /** The reservation key naming the identifier, e.g. {@code hw-address}. */
    public String keaName() {
        return keaName;
    }

    /** @throws IllegalArgumentException naming the code when Kea has no such type */
    public static HostIdentifierType ofCode(int code) {
        for (HostIdentifierType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown host identifier type " + code);
    }

    /** @throws IllegalArgumentException naming the name when Kea has no such identifier */
    public static HostIdentifierType ofKeaName(String name) {
        for (HostIdentifierType type : values()) {
            if (type.keaName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown host identifier '" + name + "'");
    }
}
