package dev.kakapo.coordinator.hosts;

import dev.kakapo.coordinator.lease.Ipv6Address;

import java.util.Objects;

/**
 * An IPv6 address or delegated prefix reserved for a host (a row of {@code ipv6_reservations}).
 *
 * @param prefix       the address, or the prefix's first address
 * @param prefixLength 128 for an address; 1..128 for a prefix
 * @param type         address (IA_NA) or prefix (IA_PD)
 * @param iaid         the IA it is for, as an unsigned 32-bit value; {@link #ANY_IAID} for any
 */
public record Ipv6Reservation(Ipv6Address prefix, int prefixLength, Type type, long iaid) {

    /** No IAID: the reservation is for whichever IA asks (stored as NULL). */
    public static final long ANY_IAID = -1;

    /** Kea's reservation types ({@code ipv6_reservations.type}). */
    public enum Type {
        ADDRESS(0),
        PREFIX(2);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** @throws IllegalArgumentException naming the code when Kea has no such type */
        public static Type ofCode(int code) {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown IPv6 reservation type " + code);
        }
    }

    public Ipv6Reservation {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(type, "type");
        if (prefixLength < 1 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 1..128");
        }
        if (type == Type.ADDRESS && prefixLength != 128) {
            throw new IllegalArgumentException("address reservation " + prefix.toText() + " has prefix length "
                    + prefixLength + ", not 128");
        }
        if (iaid != ANY_IAID && (iaid < 0 || iaid > 0xffff_ffffL)) {
            throw new IllegalArgumentException("IAID " + iaid + " is outside 0..4294967295");
        }
    }

    /** A reserved address ({@code ip-addresses} in a reservation), for any IA. */
    public static Ipv6Reservation address(Ipv6Address address) {
        return new Ipv6Reservation(address, 128, Type.ADDRESS, ANY_IAID);
    }

    /** A reserved prefix ({@code prefixes} in a reservation), for any IA. */
    public static Ipv6Reservation prefix(Ipv6Address prefix, int length) {
        return new Ipv6Reservation(prefix, length, Type.PREFIX, ANY_IAID);
    }

    /** Kea's text form: {@code 2001:db8::1} or {@code 2001:db8:2::/64}. */
    @Override
    public String toString() {
        return type == Type.ADDRESS ? prefix.toText() : prefix.toText() + "/" + prefixLength;
    }
}
