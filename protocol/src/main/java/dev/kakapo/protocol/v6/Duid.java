package dev.kakapo.protocol.v6;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.MalformedPacketException.Reason;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A DHCP Unique Identifier (RFC 8415 section 11): a 16-bit type, then the type's fields. Clients
 * and servers are identified by the whole byte string; the type only matters for reading a
 * link-layer address out of it. Always 2..130 bytes (type plus at most 128), and a known type
 * always holds its fixed fields and at least one byte of its variable part. Copied in and out.
 */
public record Duid(byte[] bytes) {
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 130;
    private static final int TYPE_LLT = 1;
    private static final int TYPE_EN = 2;
    private static final int TYPE_LL = 3;
    private static final int TYPE_UUID = 4;
    private static final int UUID_LENGTH = 2 + 16;

    /** The DUID types RFC 8415 defines; UNKNOWN for any other type value. */
    public enum Type { LLT, EN, LL, UUID, UNKNOWN }

    /** @throws IllegalArgumentException as {@link #parse} would raise MalformedPacketException */
    public Duid {
        String problem = problem(bytes);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        bytes = bytes.clone();
    }

    /** The DUID in an option payload (client or server identifier), checked as the class comment says. */
    public static Duid parse(byte[] bytes) throws MalformedPacketException {
        String problem = problem(bytes);
        if (problem != null) {
            // the first byte past the longest allowed DUID, or the first missing one
            boolean uuid = bytes.length >= 2 && ((bytes[0] & 0xff) << 8 | (bytes[1] & 0xff)) == TYPE_UUID;
            int longest = uuid ? UUID_LENGTH : MAX_LENGTH;
            throw new MalformedPacketException(Reason.BAD_DUID, Math.min(bytes.length, longest), problem);
        }
        return new Duid(bytes);
    }

    /** DUID-LLT: hardware type, time (seconds since 2000-01-01 UTC, mod 2^32), link-layer address. */
    public static Duid llt(int htype, long time, byte[] linkLayer) {
        checkUint16("hardware type", htype);
        FixedFields.checkUint32("DUID-LLT time", time);
        byte[] b = new byte[8 + linkLayer.length];
        put16(b, 0, TYPE_LLT);
        put16(b, 2, htype);
        FixedFields.putUint32(b, 4, time);
        System.arraycopy(linkLayer, 0, b, 8, linkLayer.length);
        return new Duid(b);
    }

    /** DUID-EN: IANA enterprise number, then the vendor's identifier. */
    public static Duid en(long enterprise, byte[] identifier) {
        FixedFields.checkUint32("enterprise number", enterprise);
        byte[] b = new byte[6 + identifier.length];
        put16(b, 0, TYPE_EN);
        FixedFields.putUint32(b, 2, enterprise);
        System.arraycopy(identifier, 0, b, 6, identifier.length);
        return new Duid(b);
    }

    /** DUID-LL: hardware type, link-layer address. */
    public static Duid ll(int htype, byte[] linkLayer) {
        checkUint16("hardware type", htype);
        byte[] b = new byte[4 + linkLayer.length];
        put16(b, 0, TYPE_LL);
        put16(b, 2, htype);
        System.arraycopy(linkLayer, 0, b, 4, linkLayer.length);
        return new Duid(b);
    }

    /** DUID-UUID (RFC 6355): the 16 bytes of a UUID. */
    public static Duid uuid(byte[] sixteen) {
        if (sixteen.length != 16) {
            throw new IllegalArgumentException("a UUID is 16 bytes, not " + sixteen.length);
        }
        byte[] b = new byte[UUID_LENGTH];
        put16(b, 0, TYPE_UUID);
        System.arraycopy(sixteen, 0, b, 2, 16);
        return new Duid(b);
    }

    /** Why {@code b} is no DUID, or null when it is one. */
    private static String problem(byte[] b) {
        if (b.length < MIN_LENGTH || b.length > MAX_LENGTH) {
            return "DUID is " + b.length + " bytes; a DUID is " + MIN_LENGTH + ".." + MAX_LENGTH;
        }
        int type = (b[0] & 0xff) << 8 | (b[1] & 0xff);
        int least = switch (type) {
            case TYPE_LLT -> 9; // type, hardware type, time, at least one address byte
            case TYPE_EN -> 7;  // type, enterprise number, at least one identifier byte
            case TYPE_LL -> 5;  // type, hardware type, at least one address byte
            case TYPE_UUID -> UUID_LENGTH;
            default -> MIN_LENGTH;
        };
        if (b.length < least || (type == TYPE_UUID && b.length != UUID_LENGTH)) {
            return "DUID of type " + type + " is " + b.length + " bytes; that type needs "
                    + (type == TYPE_UUID ? "exactly " : "at least ") + least;
        }
        return null;
    }

    public Type type() {
        return switch ((bytes[0] & 0xff) << 8 | (bytes[1] & 0xff)) {
            case TYPE_LLT -> Type.LLT;
            case TYPE_EN -> Type.EN;
            case TYPE_LL -> Type.LL;
            case TYPE_UUID -> Type.UUID;
            default -> Type.UNKNOWN;
        };
    }

    /** The hardware type (IANA arp-parameters, 1 = Ethernet) an LLT or LL DUID carries, else -1. */
    public int hardwareType() {
        Type t = type();
        return t == Type.LLT || t == Type.LL ? (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff) : -1;
    }

    /** The link-layer address an LLT or LL DUID carries, else null. */
    public byte[] linkLayerAddress() {
        return switch (type()) {
            case LLT -> Arrays.copyOfRange(bytes, 8, bytes.length);
            case LL -> Arrays.copyOfRange(bytes, 4, bytes.length);
            default -> null;
        };
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Duid other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Colon-separated hex, as Kea prints DUIDs. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    private static void checkUint16(String name, int v) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(name + " " + v + " does not fit 16 bits");
        }
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }
}
