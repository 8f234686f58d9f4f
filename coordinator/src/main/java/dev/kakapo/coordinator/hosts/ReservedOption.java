package dev.kakapo.coordinator.hosts;

import dev.kakapo.coordinator.lease.Octets;

import java.util.Objects;

/**
 * A DHCP option reserved for a host (a row of {@code dhcp4_options} or {@code dhcp6_options}
 * with scope "host").
 *
 * @param code           the option code (1..254 for DHCPv4, 1..65535 for DHCPv6)
 * @param space          the option space, e.g. {@code dhcp4}, {@code dhcp6} or a vendor space
 * @param value          the option's payload as sent on the wire, without code and length, as Kea
 *                       stores it in {@code value}
 * @param formattedValue the payload as configured text ({@code data} of {@code option-data}), empty
 *                       when it was given as bytes
 * @param persistent     sent even when the client did not ask for it ({@code always-send})
 */
public record ReservedOption(int code, String space, Octets value, String formattedValue, boolean persistent) {

    public ReservedOption {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(value, "value");
        formattedValue = formattedValue == null ? "" : formattedValue;
        if (code < 0 || code > 65535) {
            throw new IllegalArgumentException("option code " + code + " is outside 0..65535");
        }
        if (space.isBlank()) {
            throw new IllegalArgumentException("option " + code + " has no option space");
        }
    }
}
