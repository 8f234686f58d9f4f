package dev.kakapo.ddns.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Kea's {@code DhcpDdns} object as the ddns-worker uses it.
 *
 * @param ipAddress where the worker's gRPC service listens ({@code ip-address}, 127.0.0.1)
 * @param port the gRPC port ({@code port}, 53001); 0 here, which no configuration file can
 *     say, asks for any free port (tests)
 * @param dnsServerTimeout how long one DNS server gets to answer one update
 *     ({@code dns-server-timeout}, 100 ms) before the next server of the domain is tried
 * @param tsigKeys the {@code tsig-keys}, in file order
 * @param forward the {@code forward-ddns} domains
 * @param reverse the {@code reverse-ddns} domains
 */
public record DhcpDdnsSettings(
        InetAddress ipAddress,
        int port,
        Duration dnsServerTimeout,
        List<TsigKey> tsigKeys,
        DdnsDomains forward,
        DdnsDomains reverse) {

    public static final int DEFAULT_PORT = 53001;
    public static final Duration DEFAULT_DNS_SERVER_TIMEOUT = Duration.ofMillis(100);

    public DhcpDdnsSettings {
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(dnsServerTimeout, "dnsServerTimeout");
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(reverse, "reverse");
        tsigKeys = List.copyOf(tsigKeys);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (dnsServerTimeout.isNegative() || dnsServerTimeout.isZero()) {
            throw new IllegalArgumentException("dns-server-timeout must be positive: " + dnsServerTimeout);
        }
    }

    /** The same settings listening on another address. */
    public DhcpDdnsSettings withIpAddress(InetAddress newAddress) {
        return new DhcpDdnsSettings(newAddress, port, dnsServerTimeout, tsigKeys, forward, reverse);
    }

    /** The same settings listening on another port (0 = any free port). */
    public DhcpDdnsSettings withPort(int newPort) {
        return new DhcpDdnsSettings(ipAddress, newPort, dnsServerTimeout, tsigKeys, forward, reverse);
    }
}
