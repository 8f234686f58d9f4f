package dev.kakapo.ddns;

import dev.kakapo.ddns.dns.AddressLiteral;
import dev.kakapo.ddns.dns.ReverseName;
import dev.kakapo.proto.ddns.NameChangeRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A NameChangeRequest checked at the boundary: what to change, for which name and address.
 *
 * @param fqdn the lease's absolute host name
 * @param address the lease's address: A records for IPv4, AAAA for IPv6
 * @param dhcid the DHCID RDATA (RFC 4701) that marks the records as this client's
 * @param ttl the records' TTL, the lease's valid lifetime in seconds
 */
public record NameChange(Kind kind, boolean forward, boolean reverse, Name fqdn, InetAddress address, byte[] dhcid, long ttl) {

    public enum Kind { ADD, REMOVE }

    public NameChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(address, "address");
        dhcid = dhcid.clone();
    }

    /** Checks {@code request}; a malformed one raises an exception naming the field at fault. */
    public static NameChange from(NameChangeRequest request) throws InvalidNameChangeException {
        Kind kind = switch (request.getChangeType()) {
            case ADD -> Kind.ADD;
            case REMOVE -> Kind.REMOVE;
            default -> throw new InvalidNameChangeException("change_type", "must be ADD or REMOVE, got " + request.getChangeTypeValue());
        };
        if (!request.getForwardChange() && !request.getReverseChange()) {
            throw new InvalidNameChangeException("forward_change", "neither forward_change nor reverse_change is set");
        }
        Name fqdn = fqdn(request.getFqdn());
        Optional<InetAddress> parsed = AddressLiteral.parse(request.getIpAddress());
        if (parsed.isEmpty()) {
            throw new InvalidNameChangeException("ip_address", "not an IPv4 or IPv6 address: \"" + printable(request.getIpAddress()) + "\"");
        }
        InetAddress address = parsed.get();
        if (address.isAnyLocalAddress()) {
            throw new InvalidNameChangeException("ip_address", "the unspecified address " + address.getHostAddress() + " is no lease's address");
        }
        if (request.getDhcid().isEmpty()) {
            throw new InvalidNameChangeException("dhcid", "must not be empty");
        }
        long ttl = Integer.toUnsignedLong(request.getLeaseLength());
        if (ttl == 0) {
            throw new InvalidNameChangeException("lease_length", "must be greater than 0");
        }
        if (ttl > TTL.MAX_VALUE) {
            throw new InvalidNameChangeException("lease_length", ttl + " is above " + TTL.MAX_VALUE + ", the largest DNS TTL");
        }
        return new NameChange(kind, request.getForwardChange(), request.getReverseChange(), fqdn, address,
                request.getDhcid().toByteArray(), ttl);
    }

    private static Name fqdn(String text) throws InvalidNameChangeException {
        if (text.isEmpty()) {
            throw new InvalidNameChangeException("fqdn", "must not be empty");
        }
        Name name;
        try {
            name = Name.fromString(text);
        } catch (TextParseException e) {
            throw new InvalidNameChangeException("fqdn", "not a valid DNS name \"" + printable(text) + "\": " + e.getMessage());
        }
        if (!name.isAbsolute()) {
            throw new InvalidNameChangeException("fqdn", "must be absolute (end in a dot): \"" + printable(text) + "\"");
        }
        if (name.labels() < 2) {
            throw new InvalidNameChangeException("fqdn", "the root is no host name");
        }
        return name;
    }

    /** Logs and errors never carry control characters from the wire. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (c < 0x20 || c == 0x7F || c == '"') {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public byte[] dhcid() {
        return dhcid.clone();
    }

    /** A for IPv4, AAAA for IPv6. */
    public int addressType() {
        return address instanceof Inet4Address ? Type.A : Type.AAAA;
    }

    /** The PTR owner name of the address. */
    public Name reverseName() {
        return ReverseName.of(address);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameChange c && kind == c.kind && forward == c.forward && reverse == c.reverse
                && fqdn.equals(c.fqdn) && address.equals(c.address) && Arrays.equals(dhcid, c.dhcid) && ttl == c.ttl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, forward, reverse, fqdn, address, Arrays.hashCode(dhcid), ttl);
    }

    @Override
    public String toString() {
        return "NameChange[" + kind + " " + fqdn + " " + address.getHostAddress()
                + (forward ? " forward" : "") + (reverse ? " reverse" : "") + " ttl=" + ttl + "]";
    }
}
