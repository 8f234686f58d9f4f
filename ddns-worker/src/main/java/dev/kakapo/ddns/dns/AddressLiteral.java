package dev.kakapo.ddns.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IPv4 dotted-quad and IPv6 text, parsed without ever looking a host name up. */
public final class AddressLiteral {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private AddressLiteral() {
    }

    /**
     * The address {@code text} spells, or empty when it is not an address literal. An
     * IPv4-mapped IPv6 literal ({@code ::ffff:192.0.2.1}) is refused: it would silently become
     * an IPv4 address.
     */
    public static Optional<InetAddress> parse(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // only literals reach here, and InetAddress parses a literal without a lookup
            InetAddress address = InetAddress.getByName(text);
            if (!v4 && address instanceof Inet4Address) {
                return Optional.empty();
            }
            return Optional.of(address);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
