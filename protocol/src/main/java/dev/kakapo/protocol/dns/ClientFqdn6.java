package dev.kakapo.protocol.dns;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;

/**
 * The payload of DHCPv6 option 39, Client FQDN (RFC 4704): a flags byte, then the name in wire
 * format, which may be partial (no root label) or empty. Immutable.
 *
 * @param flags the three flag bits (S, O, N); the five upper bits must be zero
 * @param name  the name; {@link DomainName#EMPTY} when the client leaves the name to the server
 */
public record ClientFqdn6(int flags, DomainName name) {
    /** S: the server should do the forward (AAAA) update. */
    public static final int FLAG_S = 0x01;
    /** O: the server did the forward update although the client asked to do it (reply only). */
    public static final int FLAG_O = 0x02;
    /** N: the server should do no update at all. */
    public static final int FLAG_N = 0x04;
    private static final int KNOWN_FLAGS = FLAG_S | FLAG_O | FLAG_N;

    /** @throws IllegalArgumentException for flags outside the three bits or N with S */
    public ClientFqdn6 {
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException("flags 0x" + Integer.toHexString(flags) + " set bits other than S, O and N");
        }
        if ((flags & FLAG_N) != 0 && (flags & FLAG_S) != 0) {
            throw new IllegalArgumentException("the N and S flags cannot both be set (RFC 4704 section 4.1)");
        }
        if (name == null) {
            throw new IllegalArgumentException("no name: use DomainName.EMPTY");
        }
    }

    /**
     * Reads an option 39 payload; the upper five flag bits are ignored, as RFC 4704 asks of a
     * receiver. Offsets in errors count from the payload's start.
     *
     * @throws MalformedPacketException TRUNCATED (no flags byte), BAD_FQDN_FLAGS (N and S both set)
     *                                  or BAD_DOMAIN_NAME
     */
    public static ClientFqdn6 decode(byte[] payload) throws MalformedPacketException {
        if (payload.length == 0) {
            throw new MalformedPacketException(Reason.TRUNCATED, 0, "Client FQDN option (39) without its flags byte");
        }
        int flags = payload[0] & KNOWN_FLAGS;
        if ((flags & FLAG_N) != 0 && (flags & FLAG_S) != 0) {
            throw new MalformedPacketException(Reason.BAD_FQDN_FLAGS, 0, "Client FQDN option (39) sets both N and S");
        }
        return new ClientFqdn6(flags, DomainName.decode(payload, 1, payload.length));
    }

    /** The option payload: flags, then the name in wire form. */
    public byte[] encode() {
        byte[] wire = name.toWire();
        byte[] out = new byte[1 + wire.length];
        out[0] = (byte) flags;
        System.arraycopy(wire, 0, out, 1, wire.length);
        return out;
    }

    public boolean serverUpdatesForward() {
        return (flags & FLAG_S) != 0;
    }

    public boolean serverOverrode() {
        return (flags & FLAG_O) != 0;
    }

    public boolean noServerUpdates() {
        return (flags & FLAG_N) != 0;
    }
}
