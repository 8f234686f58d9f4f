package dev.kakapo.protocol.eval;

import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.protocol.v6.RelayMessage6;
import java.util.List;

/** The {@code pkt}, {@code pkt4}, {@code pkt6} and {@code relay6[n].peeraddr|linkaddr} values. */
final class PacketFields {
    private PacketFields() {
    }

    /** Compiled expressions check the universe before evaluating, so these casts hold. */
    static Message4 message4(PacketView packet) {
        return ((PacketView.Dhcp4) packet).message();
    }

    static Packet6 packet6(PacketView packet) {
        return ((PacketView.Dhcp6) packet).packet();
    }

    /** {@code pkt.iface|src|dst|len}: what the transport says, in both universes. */
    enum Transported implements StringNode {
        IFACE, SRC, DST, LEN;

        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) {
            Transport t = packet.transport();
            return switch (this) {
                case IFACE -> ByteSlice.ofText(t.interfaceName());
                case SRC -> ByteSlice.of(t.source().getAddress());
                case DST -> ByteSlice.of(t.destination().getAddress());
                case LEN -> ByteSlice.uint32(t.wireLength());
            };
        }
    }

    /** {@code pkt4.*}: the BOOTP header fields and the message type; integers as 4 bytes. */
    enum Header4 implements StringNode {
        MAC, HLEN, HTYPE, CIADDR, GIADDR, YIADDR, SIADDR, MSGTYPE, TRANSID;

        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) {
            Message4 m = message4(packet);
            return switch (this) {
                case MAC -> ByteSlice.of(m.chaddr());
                case HLEN -> ByteSlice.uint32(m.hlen());
                case HTYPE -> ByteSlice.uint32(m.htype());
                case CIADDR -> ByteSlice.uint32(Integer.toUnsignedLong(m.ciaddr()));
                case GIADDR -> ByteSlice.uint32(Integer.toUnsignedLong(m.giaddr()));
                case YIADDR -> ByteSlice.uint32(Integer.toUnsignedLong(m.yiaddr()));
                case SIADDR -> ByteSlice.uint32(Integer.toUnsignedLong(m.siaddr()));
                case MSGTYPE -> ByteSlice.uint32(messageType(m));
                case TRANSID -> ByteSlice.uint32(Integer.toUnsignedLong(m.xid()));
            };
        }

        /** Option 53's byte; 0 when it is absent or not one byte (a BOOTP request). */
        private static int messageType(Message4 m) {
            byte[] type = m.options().get(OptionCode4.MESSAGE_TYPE);
            return type != null && type.length == 1 ? type[0] & 0xff : 0;
        }
    }

    /** {@code pkt6.msgtype|transid}: of the client's message, inside any relays. */
    enum Header6 implements StringNode {
        MSGTYPE, TRANSID;

        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) {
            var m = packet6(packet).message();
            return ByteSlice.uint32(this == MSGTYPE ? m.typeCode() : m.transactionId());
        }
    }

    /**
     * The relay header {@code nest} levels out: 0 the relay nearest the server, -1 the one nearest
     * the client; null when the packet crossed fewer relays.
     */
    static RelayMessage6 relay(PacketView packet, int nest) {
        List<RelayMessage6> relays = packet6(packet).relays();
        int index = nest >= 0 ? nest : relays.size() + nest;
        return index >= 0 && index < relays.size() ? relays.get(index) : null;
    }

    /** {@code relay6[nest].peeraddr|linkaddr}: 16 bytes, or empty when there is no such relay. */
    record RelayAddress(int nest, boolean peer) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) {
            RelayMessage6 relay = relay(packet, nest);
            if (relay == null) {
                return ByteSlice.EMPTY;
            }
            return ByteSlice.of(peer ? relay.peerAddress() : relay.linkAddress());
        }
    }
}
