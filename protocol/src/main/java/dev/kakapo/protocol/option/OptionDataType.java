package dev.kakapo.protocol.option;

/** Kea's option data types, by the names {@code option-def} uses. */
public enum OptionDataType {
    EMPTY("empty"), BINARY("binary"), BOOLEAN("boolean"),
    INT8("int8"), INT16("int16"), INT32("int32"), UINT8("uint8"), UINT16("uint16"), UINT32("uint32"),
    IPV4_ADDRESS("ipv4-address"), IPV6_ADDRESS("ipv6-address"), IPV6_PREFIX("ipv6-prefix"), PSID("psid"),
    STRING("string"), FQDN("fqdn"), RECORD("record"),
    /** Length-prefixed text (RFC 5970 bootfile-param): a 2-byte length in DHCPv6, 1 byte in DHCPv4. */
    TUPLE("tuple");

    private final String keaName;

    OptionDataType(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    /** The type Kea calls {@code name}; IllegalArgumentException naming it when there is none. */
    public static OptionDataType fromKeaName(String name) {
        for (OptionDataType t : values()) {
            if (t.keaName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown option data type '" + name + "'");
    }
}
