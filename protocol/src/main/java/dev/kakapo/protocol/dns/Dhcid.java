package dev.kakapo.protocol.dns;

import dev.kakapo.protocol.v6.Duid;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The RDATA of a DHCID resource record (RFC 4701): which client owns a DNS name. Two bytes of
 * identifier type, one byte of digest type (1, SHA-256), then SHA-256 over the client's identifier
 * followed by the name in lower-case wire form. Copied in and out.
 */
public record Dhcid(byte[] rdata) {
    /** Identifier type 0x0000: the DHCPv4 htype byte and chaddr, for a client without a client-id. */
    public static final int TYPE_HARDWARE_ADDRESS = 0x0000;
    /** Identifier type 0x0001: the payload of DHCPv4 option 61, client identifier. */
    public static final int TYPE_CLIENT_ID = 0x0001;
    /** Identifier type 0x0002: the DHCPv6 client's DUID. */
    public static final int TYPE_DUID = 0x0002;
    public static final int DIGEST_SHA256 = 1;
    private static final int LENGTH = 3 + 32;

    public Dhcid {
        if (rdata.length != LENGTH || rdata[2] != DIGEST_SHA256) {
            throw new IllegalArgumentException("a SHA-256 DHCID is " + LENGTH + " bytes with digest type 1, not "
                    + HexFormat.of().formatHex(rdata));
        }
        rdata = rdata.clone();
    }

    /** For a DHCPv4 client with a client identifier (option 61 payload, type byte included). */
    public static Dhcid fromClientId(byte[] clientId, DomainName fqdn) {
        return of(TYPE_CLIENT_ID, clientId, fqdn);
    }

    /** For a DHCPv4 client without a client identifier: its htype and chaddr (hlen bytes). */
    public static Dhcid fromHardwareAddress(int htype, byte[] chaddr, DomainName fqdn) {
        if (htype < 0 || htype > 255) {
            throw new IllegalArgumentException("hardware type " + htype + " is outside 0..255");
        }
        byte[] identifier = new byte[1 + chaddr.length];
        identifier[0] = (byte) htype;
        System.arraycopy(chaddr, 0, identifier, 1, chaddr.length);
        return of(TYPE_HARDWARE_ADDRESS, identifier, fqdn);
    }

    /** For a DHCPv6 client: the DUID bytes as the client sent them. */
    public static Dhcid fromDuid(byte[] duid, DomainName fqdn) {
        return of(TYPE_DUID, duid, fqdn);
    }

    public static Dhcid fromDuid(Duid duid, DomainName fqdn) {
        return fromDuid(duid.bytes(), fqdn);
    }

    /** @throws IllegalArgumentException for an empty identifier or a partial name (a DNS name is absolute) */
    private static Dhcid of(int type, byte[] identifier, DomainName fqdn) {
        if (identifier.length == 0) {
            throw new IllegalArgumentException("a DHCID needs a client identifier of at least one byte");
        }
        if (!fqdn.isAbsolute()) {
            throw new IllegalArgumentException("a DHCID is computed over an absolute name, not '" + fqdn + "'");
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update(identifier);
        sha256.update(fqdn.toLowerCase().toWire());
        byte[] rdata = new byte[LENGTH];
        rdata[0] = (byte) (type >> 8);
        rdata[1] = (byte) type;
        rdata[2] = DIGEST_SHA256;
        System.arraycopy(sha256.digest(), 0, rdata, 3, 32);
        return new Dhcid(rdata);
    }

    public int identifierType() {
        return (rdata[0] & 0xff) << 8 | (rdata[1] & 0xff);
    }

    @Override
    public byte[] rdata() {
        return rdata.clone();
    }

    /** Upper-case hex, as a NameChangeRequest's {@code dhcid} member carries it. */
    public String toHex() {
        return HexFormat.of().withUpperCase().formatHex(rdata);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcid other && Arrays.equals(rdata, other.rdata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rdata);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
