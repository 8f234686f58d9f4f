package dev.kakapo.ddns.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/** One {@code dns-servers} entry: where updates for a domain are sent (port 53 unless set). */
public record DnsServer(InetAddress address, int port) {
    public static final int DEFAULT_PORT = 53;

    public DnsServer {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        return (address.getAddress().length == 16 ? "[" + address.getHostAddress() + "]" : address.getHostAddress()) + ":" + port;
    }
}
