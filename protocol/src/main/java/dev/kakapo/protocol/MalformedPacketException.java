package dev.kakapo.protocol;

/** A DHCPv4 or DHCPv6 message (or a structure inside one) that cannot be decoded; names the byte at fault. */
public final class MalformedPacketException extends Exception {

    /** What is wrong with the bytes. */
    public enum Reason {
        /**
         * Shorter than its fixed part: the 236-byte DHCPv4 header plus the 4-byte magic cookie, the
         * 4-byte DHCPv6 header, the 34-byte relay header, or the fixed fields of an option payload
         * (IA_NA, IAADDR, status code...).
         */
        TRUNCATED,
        /** The four bytes after the header are not 99.130.83.99. */
        BAD_MAGIC_COOKIE,
        /** An option's length byte is missing or runs past the end of its field. */
        OPTION_OVERRUN,
        /** Option 52 is not one byte of value 1, 2 or 3. */
        BAD_OVERLOAD,
        /** The hardware address length is more than the 16 bytes chaddr holds. */
        BAD_HLEN,
        /** A sub-option (e.g. inside option 82) runs past the end of its option. */
        SUBOPTION_OVERRUN,
        /** DHCPv6 relay messages nested deeper than the 32 relays a packet may cross. */
        RELAY_TOO_DEEP,
        /**
         * A DHCPv6 relay message without exactly one relay-msg option (9), or a relay header where a
         * client message belongs.
         */
        BAD_RELAY_MESSAGE,
        /** A DUID outside 2..130 bytes, or shorter than the fields its type defines. */
        BAD_DUID,
        /** An IAPREFIX prefix length above 128. */
        BAD_PREFIX_LENGTH,
        /**
         * A domain name that breaks RFC 1035: a label longer than 63 bytes (or a compression
         * pointer, which options may not hold), a name over 255 bytes, a label running past its
         * field, or bytes after the root label.
         */
        BAD_DOMAIN_NAME,
        /** A Client FQDN option (DHCPv4 81, DHCPv6 39) with both the N and the S flag set. */
        BAD_FQDN_FLAGS,
        /**
         * A DHCPV4-QUERY or DHCPV4-RESPONSE (RFC 7341) without exactly one DHCPv4-Msg option (87),
         * or a message of another type where one of those belongs.
         */
        BAD_DHCP4O6_MESSAGE
    }

    private final Reason reason;
    private final int offset;

    /**
     * @param offset the byte at fault, counted from the start of the message (or of the option
     *               payload for sub-options)
     */
    public MalformedPacketException(Reason reason, int offset, String detail) {
        super(detail + " (" + reason + " at byte " + offset + ")");
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** The byte at fault, as in the message. */
    public int offset() {
        return offset;
    }
}
