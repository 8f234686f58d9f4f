package dev.kakapo.protocol.eval;

import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.protocol.v6.Message6;
import dev.kakapo.protocol.v6.MessageType6;
import dev.kakapo.protocol.v6.Option6;
import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.Options6;
import dev.kakapo.protocol.v6.Packet6;
import dev.kakapo.protocol.v6.RelayMessage6;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The packets of the expression tests, after Kea's own evaluator tests: a DISCOVER and a SOLICIT
 * with transaction id 12345 carrying option 100, and variants with relay information, hardware
 * addresses and vendor options. Documentation addresses stand in for Kea's 10.0.0.x and 1::x.
 */
final class ExpressionPackets {
    static final int XID = 12345;
    static final int DHCPDISCOVER = 1;

    private ExpressionPackets() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal, so no name lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** Arrived on eth0 from 192.0.2.2 (pkt.src) to 192.0.2.1 (pkt.dst). */
    static Transport transport4(int length) {
        return new Transport("eth0", address("192.0.2.2"), 68, address("192.0.2.1"), 67, length);
    }

    /** Arrived on eth0 from 2001:db8::1234 to 2001:db8::1. */
    static Transport transport6(int length) {
        return new Transport("eth0", address("2001:db8::1234"), 546, address("2001:db8::1"), 547, length);
    }

    /** A DISCOVER, xid 12345, option 100 = "hundred4". */
    static Message4.Builder discover() {
        return Message4.builder().op(1).xid(XID)
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {DHCPDISCOVER})
                .option(100, ascii("hundred4"));
    }

    static PacketView view(Message4.Builder builder) {
        Message4 m = builder.build();
        return PacketView.of(m, transport4(m.encode().length));
    }

    static final PacketView V4 = view(discover());

    /** Option 82 with sub-option 1 "one" and 13 "thirteen". */
    static final byte[] AGENT_INFO = hex("01036f6e65" + "0d08" + HexFormat.of().formatHex(ascii("thirteen")));

    static final PacketView V4_RELAYED = view(discover().option(OptionCode4.RELAY_AGENT_INFO, AGENT_INFO));

    /** As V4_RELAYED, plus top-level options 13 "THIRTEEN" and 70 (same codes as sub-options elsewhere). */
    static final PacketView V4_RELAYED_AND_TOP_LEVEL = view(discover()
            .option(13, ascii("THIRTEEN")).option(70, ascii("seventy"))
            .option(OptionCode4.RELAY_AGENT_INFO, AGENT_INFO));

    /** Hardware type 123, address 01..07. */
    static final PacketView V4_HW7 = view(discover().htype(123).chaddr(hex("01020304050607")));

    static final PacketView V4_HW6 = view(discover().htype(123).chaddr(hex("010203040506")));

    /** Ethernet hardware type but no address, as a fresh Kea packet. */
    static final PacketView V4_NO_HW = view(discover().htype(1));

    static final PacketView V4_ADDRESSES = view(discover()
            .giaddr(0xc0000201).ciaddr(0xc0000202).yiaddr(0xc0000203).siaddr(0xc0000204));

    // ---- DHCPv6 ----

    static Option6 option6(int code, byte[] data) {
        return new Option6(code, data);
    }

    /** A SOLICIT, xid 12345, option 100 = "hundred6", plus {@code more}. */
    static Message6 solicit(Option6... more) {
        List<Option6> options = new ArrayList<>();
        options.add(option6(100, ascii("hundred6")));
        options.addAll(List.of(more));
        return Message6.of(MessageType6.SOLICIT.code(), XID, Options6.of(options));
    }

    static PacketView view(Message6 message, RelayMessage6... relaysOutermostFirst) {
        byte[] wire = message.encode();
        for (int i = relaysOutermostFirst.length - 1; i >= 0; i--) {
            RelayMessage6 r = relaysOutermostFirst[i];
            wire = new RelayMessage6(r.typeCode(), r.hopCount(), r.linkAddress(), r.peerAddress(),
                    r.options().with(option6(OptionCode6.RELAY_MSG, wire))).encode();
        }
        try {
            return PacketView.of(Packet6.decode(wire), transport6(wire.length));
        } catch (MalformedPacketException e) {
            throw new IllegalStateException(e);
        }
    }

    static RelayMessage6 relay(int hops, String link, String peer, Option6... options) {
        return new RelayMessage6(MessageType6.RELAY_FORW.code(), hops, address(link).getAddress(),
                address(peer).getAddress(), Options6.of(List.of(options)));
    }

    static final PacketView V6 = view(solicit());

    /**
     * Two relays. Relay 0 (nearest the server): link and peer ::, options 100 "hundred.zero" and 101
     * "hundredone.zero". Relay 1: link 2001:db8::1, peer 2001:db8::2, options 100 "hundred.one" and
     * 102 "hundredtwo.one".
     */
    static final PacketView V6_TWO_RELAYS = view(solicit(),
            relay(1, "::", "::", option6(100, ascii("hundred.zero")), option6(101, ascii("hundredone.zero"))),
            relay(0, "2001:db8::1", "2001:db8::2", option6(100, ascii("hundred.one")),
                    option6(102, ascii("hundredtwo.one"))));

    // ---- vendor options, either universe ----

    /** The vendor-specific information option: 125 in DHCPv4, 17 in DHCPv6. */
    static PacketView withVendor(Universe u, long enterprise, int subCode, byte[] subData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(uint32(enterprise));
        ByteArrayOutputStream subs = new ByteArrayOutputStream();
        if (subCode >= 0) {
            if (u == Universe.DHCP4) {
                subs.write(subCode);
                subs.write(subData.length);
            } else {
                subs.writeBytes(new byte[] {0, (byte) subCode, 0, (byte) subData.length});
            }
            subs.writeBytes(subData);
        }
        if (u == Universe.DHCP4) {
            out.write(subs.size());
        }
        out.writeBytes(subs.toByteArray());
        return withOption(u, u == Universe.DHCP4 ? 125 : OptionCode6.VENDOR_OPTS, out.toByteArray());
    }

    /** The vendor class option: 124 in DHCPv4, 16 in DHCPv6, holding {@code tuples}. */
    static PacketView withVendorClass(Universe u, long enterprise, String... tuples) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String t : tuples) {
            if (u == Universe.DHCP6) {
                data.write(0);
            }
            data.write(t.length());
            data.writeBytes(ascii(t));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(uint32(enterprise));
        if (u == Universe.DHCP4) {
            out.write(data.size());
        }
        out.writeBytes(data.toByteArray());
        return withOption(u, u == Universe.DHCP4 ? 124 : OptionCode6.VENDOR_CLASS, out.toByteArray());
    }

    static PacketView base(Universe u) {
        return u == Universe.DHCP4 ? V4 : V6;
    }

    static PacketView withOption(Universe u, int code, byte[] payload) {
        return u == Universe.DHCP4 ? view(discover().option(code, payload)) : view(solicit(option6(code, payload)));
    }

    static byte[] uint32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
}
