package dev.kakapo.protocol.eval;

import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v6.Packet6;
import java.util.Objects;

/**
 * What an expression can see of one received packet: the decoded message and how it arrived.
 * A DHCPv6 view holds the whole {@link Packet6}, so {@code relay6[n]} reaches every relay header.
 */
public sealed interface PacketView permits PacketView.Dhcp4, PacketView.Dhcp6 {

    Universe universe();

    Transport transport();

    static PacketView of(Message4 message, Transport transport) {
        return new Dhcp4(message, transport);
    }

    static PacketView of(Packet6 packet, Transport transport) {
        return new Dhcp6(packet, transport);
    }

    /** A DHCPv4 message and its transport. */
    record Dhcp4(Message4 message, Transport transport) implements PacketView {
        public Dhcp4 {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(transport, "transport");
        }

        @Override
        public Universe universe() {
            return Universe.DHCP4;
        }
    }

    /** A DHCPv6 packet (client message and relay chain) and its transport. */
    record Dhcp6(Packet6 packet, Transport transport) implements PacketView {
        public Dhcp6 {
            Objects.requireNonNull(packet, "packet");
            Objects.requireNonNull(transport, "transport");
        }

        @Override
        public Universe universe() {
            return Universe.DHCP6;
        }
    }
}
