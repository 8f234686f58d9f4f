package dev.kakapo.server.config;

import java.util.Arrays;

/**
 * One {@code option-data} entry, already encoded to its wire payload (no code/length header).
 *
 * @param code       option code in the family's standard space ({@code dhcp4} or {@code dhcp6})
 * @param name       the option's name when it has a definition, else null
 * @param payload    wire payload
 * @param alwaysSend send even when the client did not ask for it (option 55 in DHCPv4, ORO in DHCPv6)
 */
public record ConfiguredOption(int code, String name, byte[] payload, boolean alwaysSend) {

    public ConfiguredOption {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfiguredOption other && code == other.code && alwaysSend == other.alwaysSend
                && java.util.Objects.equals(name, other.name) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(code) + Arrays.hashCode(payload);
    }
}
