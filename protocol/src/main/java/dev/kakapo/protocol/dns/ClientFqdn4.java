package dev.kakapo.protocol.dns;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The payload of DHCPv4 option 81, Client FQDN (RFC 4702): a flags byte, the two deprecated RCODE
 * bytes, then the name. With the E flag the name is in canonical wire format and may be partial
 * (labels without the root label); without it the name is ASCII text, partial unless it ends with
 * a dot. Immutable.
 *
 * @param flags  the four flag bits (S, O, E, N); the four upper bits must be zero
 * @param rcode1 deprecated: clients send 0, servers 255 (RFC 4702 section 2.2)
 * @param rcode2 deprecated, as rcode1
 * @param name   the name; {@link DomainName#EMPTY} when the client leaves the name to the server
 */
public record ClientFqdn4(int flags, int rcode1, int rcode2, DomainName name) {
    /** S: the server should do the forward (A) update. */
    public static final int FLAG_S = 0x01;
    /** O: the server did the forward update although the client asked to do it (reply only). */
    public static final int FLAG_O = 0x02;
    /** E: the name is in canonical wire format rather than ASCII. */
    public static final int FLAG_E = 0x04;
    /** N: the server should do no update at all. */
    public static final int FLAG_N = 0x08;
    /** The RCODE value a server puts in both fields. */
    public static final int SERVER_RCODE = 255;
    private static final int KNOWN_FLAGS = FLAG_S | FLAG_O | FLAG_E | FLAG_N;
    private static final int FIXED_LENGTH = 3;

    /** @throws IllegalArgumentException for flags outside the four bits, N with S, or an RCODE outside 0..255 */
    public ClientFqdn4 {
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException("flags 0x" + Integer.toHexString(flags) + " set bits other than S, O, E and N");
        }
        if ((flags & FLAG_N) != 0 && (flags & FLAG_S) != 0) {
            throw new IllegalArgumentException("the N and S flags cannot both be set (RFC 4702 section 2.1)");
        }
        if (rcode1 < 0 || rcode1 > 255 || rcode2 < 0 || rcode2 > 255) {
            throw new IllegalArgumentException("RCODE " + rcode1 + "/" + rcode2 + " is outside 0..255");
        }
        if (name == null) {
            throw new IllegalArgumentException("no name: use DomainName.EMPTY");
        }
    }

    /** A server's option: the given flags, both RCODEs 255. */
    public static ClientFqdn4 reply(int flags, DomainName name) {
        return new ClientFqdn4(flags, SERVER_RCODE, SERVER_RCODE, name);
    }

    /**
     * Reads an option 81 payload. The upper four flag bits are ignored, as RFC 4702 asks of a
     * receiver; trailing zero bytes after an ASCII name (some clients end it like a C string) are
     * dropped. Offsets in errors count from the payload's start.
     *
     * @throws MalformedPacketException TRUNCATED (under 3 bytes), BAD_FQDN_FLAGS (N and S both set)
     *                                  or BAD_DOMAIN_NAME
     */
    public static ClientFqdn4 decode(byte[] payload) throws MalformedPacketException {
        if (payload.length < FIXED_LENGTH) {
            throw new MalformedPacketException(Reason.TRUNCATED, payload.length, "Client FQDN option (81) of "
                    + payload.length + " bytes; flags and the two RCODE bytes need " + FIXED_LENGTH);
        }
        int flags = payload[0] & KNOWN_FLAGS;
        if ((flags & FLAG_N) != 0 && (flags & FLAG_S) != 0) {
            throw new MalformedPacketException(Reason.BAD_FQDN_FLAGS, 0,
                    "Client FQDN option (81) sets both N and S");
        }
        DomainName name;
        if ((flags & FLAG_E) != 0) {
            name = DomainName.decode(payload, FIXED_LENGTH, payload.length);
        } else {
            name = asciiName(payload);
        }
        return new ClientFqdn4(flags, payload[1] & 0xff, payload[2] & 0xff, name);
    }

    private static DomainName asciiName(byte[] payload) throws MalformedPacketException {
        int end = payload.length;
        while (end > FIXED_LENGTH && payload[end - 1] == 0) {
            end--;
        }
        StringBuilder text = new StringBuilder();
        for (int i = FIXED_LENGTH; i < end; i++) {
            int b = payload[i] & 0xff;
            if (b < 0x20 || b == 0x7f) {
                throw new MalformedPacketException(Reason.BAD_DOMAIN_NAME, i, "control byte 0x"
                        + Integer.toHexString(b) + " in the ASCII name of a Client FQDN option (81)");
            }
            // a byte beyond ASCII is kept as that byte, whatever character set the client meant
            text.append(b < 0x80 ? String.valueOf((char) b) : String.format("\\%03d", b));
        }
        try {
            return DomainName.parse(text.toString());
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException(Reason.BAD_DOMAIN_NAME, FIXED_LENGTH,
                    "ASCII name of a Client FQDN option (81): " + e.getMessage());
        }
    }

    /** The option payload: flags, RCODEs, then the name in wire form (E set) or as ASCII text. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.write(rcode1);
        out.write(rcode2);
        out.writeBytes(canonicalWireFormat() ? name.toWire() : name.toText().getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    public boolean serverUpdatesForward() {
        return (flags & FLAG_S) != 0;
    }

    public boolean serverOverrode() {
        return (flags & FLAG_O) != 0;
    }

    public boolean canonicalWireFormat() {
        return (flags & FLAG_E) != 0;
    }

    public boolean noServerUpdates() {
        return (flags & FLAG_N) != 0;
    }
}
