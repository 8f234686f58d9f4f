package dev.kakapo.protocol.eval;

import java.net.InetAddress;
import java.util.Objects;

/**
 * How a packet arrived: what {@code pkt.iface}, {@code pkt.src}, {@code pkt.dst} and {@code pkt.len}
 * read. The addresses are those of the IP header (the relay's for a relayed packet), the length that
 * of the DHCP payload as received.
 *
 * @param interfaceName   the interface the packet came in on, e.g. {@code eth0}
 * @param source          the remote address ({@code pkt.src})
 * @param destination     the local address the packet was sent to ({@code pkt.dst})
 * @param wireLength      bytes of the UDP payload ({@code pkt.len})
 */
public record Transport(String interfaceName, InetAddress source, int sourcePort, InetAddress destination,
                        int destinationPort, int wireLength) {

    /** @throws IllegalArgumentException when a port is not 0..65535 or the length is negative */
    public Transport {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff) {
            throw new IllegalArgumentException("ports " + sourcePort + " and " + destinationPort
                    + " must be 0..65535");
        }
        if (wireLength < 0) {
            throw new IllegalArgumentException("wire length " + wireLength + " is negative");
        }
    }
}
