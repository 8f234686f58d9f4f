package dev.kakapo.protocol.eval;

import dev.kakapo.protocol.v6.OptionCode6;
import dev.kakapo.protocol.v6.RelayMessage6;

/**
 * Where {@code option[..]}, {@code relay4[..]}, {@code relay6[..].option[..]}, {@code vendor[..]}
 * and {@code vendor-class[..]} find their data. Each is an {@link OptionSource}: the option's payload
 * or null when the packet does not carry it; {@code .hex}/{@code .text} turn null into the empty
 * string, {@code .exists} into false.
 */
final class OptionLookups {
    /** RFC 3925: vendor-identifying vendor class (124) and vendor-specific information (125). */
    static final int VENDOR_CLASS_4 = 124;
    static final int VENDOR_OPTS_4 = 125;

    private OptionLookups() {
    }

    static int vendorOptionCode(Universe universe) {
        return universe == Universe.DHCP4 ? VENDOR_OPTS_4 : OptionCode6.VENDOR_OPTS;
    }

    static int vendorClassCode(Universe universe) {
        return universe == Universe.DHCP4 ? VENDOR_CLASS_4 : OptionCode6.VENDOR_CLASS;
    }

    /** A payload found in the packet, or null. */
    interface OptionSource {
        ByteSlice find(PacketView packet);
    }

    /** {@code .hex} and {@code .text}: the payload without code and length, empty when absent. */
    record Payload(OptionSource source) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) {
            ByteSlice found = source.find(packet);
            return found == null ? ByteSlice.EMPTY : found;
        }
    }

    /** {@code .exists}. */
    record Exists(OptionSource source) implements BoolNode {
        @Override
        public boolean test(PacketView packet, ClassMembership classes) {
            return source.find(packet) != null;
        }
    }

    /** {@code option[code]}: a top-level option of the client's message (the first instance in DHCPv6). */
    record TopOption(int code) implements OptionSource {
        @Override
        public ByteSlice find(PacketView packet) {
            return topOption(packet, code);
        }
    }

    static ByteSlice topOption(PacketView packet, int code) {
        byte[] payload = packet instanceof PacketView.Dhcp4 v4
                ? v4.message().options().get(code)
                : PacketFields.packet6(packet).message().options().first(code);
        return payload == null ? null : ByteSlice.of(payload);
    }

    /** {@code relay6[nest].option[code]}: an option of one relay header. */
    record RelayOption(int nest, int code) implements OptionSource {
        @Override
        public ByteSlice find(PacketView packet) {
            RelayMessage6 relay = PacketFields.relay(packet, nest);
            byte[] payload = relay == null ? null : relay.options().first(code);
            return payload == null ? null : ByteSlice.of(payload);
        }
    }

    /**
     * {@code option[code].option[sub]} and {@code relay4[sub]} (= option[82].option[sub]): a
     * sub-option inside the parent's payload, after the fixed fields the parent starts with.
     */
    record SubOption(OptionSource parent, Universe universe, int skip, int code) implements OptionSource {
        @Override
        public ByteSlice find(PacketView packet) {
            ByteSlice payload = parent.find(packet);
            return payload == null ? null : findSubOption(payload, skip, payload.length(), universe, code);
        }
    }

    /**
     * How many bytes of fixed fields come before the sub-options of {@code code}: DHCPv6 IA_NA and
     * IA_PD (IAID, T1, T2), IA_TA (IAID), IA address and IA prefix, the vendor options' enterprise
     * number (and, in DHCPv4, its data length byte).
     */
    static int subOptionsStart(Universe universe, int code) {
        if (universe == Universe.DHCP4) {
            return code == VENDOR_OPTS_4 ? 5 : 0;
        }
        return switch (code) {
            case OptionCode6.IA_NA, OptionCode6.IA_PD -> 12;
            case OptionCode6.IA_TA -> 4;
            case OptionCode6.IAADDR -> 24;
            case OptionCode6.IAPREFIX -> 25;
            case OptionCode6.VENDOR_OPTS -> 4;
            default -> 0;
        };
    }

    /**
     * The sub-option {@code code} among the options in {@code payload[start, end)}: one-byte code and
     * length in DHCPv4, two-byte in DHCPv6. A truncated sub-option ends the search (Kea would have
     * refused the packet; here the expression just does not find it).
     */
    static ByteSlice findSubOption(ByteSlice payload, int start, int end, Universe universe, int code) {
        int size = universe == Universe.DHCP4 ? 1 : 2;
        int at = start;
        while (at + 2 * size <= end) {
            int c = size == 1 ? payload.byteAt(at) : payload.byteAt(at) << 8 | payload.byteAt(at + 1);
            int len = size == 1 ? payload.byteAt(at + 1) : payload.byteAt(at + 2) << 8 | payload.byteAt(at + 3);
            int data = at + 2 * size;
            if (data + len > end) {
                return null;
            }
            if (c == code) {
                return payload.slice(data, len);
            }
            at = data + len;
        }
        return null;
    }

    /** The enterprise number in the first 4 bytes, or -1 when the payload is shorter. */
    static long enterpriseOf(ByteSlice payload) {
        if (payload.length() < 4) {
            return -1;
        }
        return (long) payload.byteAt(0) << 24 | payload.byteAt(1) << 16 | payload.byteAt(2) << 8 | payload.byteAt(3);
    }

    /**
     * {@code vendor[enterprise]} (125 / 17) or {@code vendor-class[enterprise]} (124 / 16): the
     * option when it names this enterprise; 0 (written {@code *}) accepts any.
     */
    record VendorOption(int code, long enterprise) implements OptionSource {
        static VendorOption vendor(Universe universe, long enterprise) {
            return new VendorOption(vendorOptionCode(universe), enterprise);
        }

        static VendorOption vendorClass(Universe universe, long enterprise) {
            return new VendorOption(vendorClassCode(universe), enterprise);
        }

        @Override
        public ByteSlice find(PacketView packet) {
            ByteSlice payload = topOption(packet, code);
            if (payload == null) {
                return null;
            }
            long found = enterpriseOf(payload);
            return found >= 0 && (enterprise == 0 || found == enterprise) ? payload : null;
        }
    }

    /** {@code vendor.enterprise}, {@code vendor-class.enterprise}: 4 bytes, empty without the option. */
    record Enterprise(int code) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) {
            ByteSlice payload = topOption(packet, code);
            return payload == null || payload.length() < 4 ? ByteSlice.EMPTY : payload.slice(0, 4);
        }
    }

    /** {@code vendor[enterprise].option[code]}: a sub-option of the vendor-specific option. */
    record VendorSubOption(VendorOption vendor, Universe universe, int code) implements OptionSource {
        @Override
        public ByteSlice find(PacketView packet) {
            ByteSlice payload = vendor.find(packet);
            if (payload == null) {
                return null;
            }
            return findSubOption(payload, subOptionsStart(universe, vendor.code()), dataEnd(payload, universe),
                    universe, code);
        }
    }

    /**
     * {@code vendor-class[enterprise].data[index]}: the index-th length-prefixed chunk of vendor
     * class data (one-byte lengths in DHCPv4, two-byte in DHCPv6); empty when there are fewer.
     */
    record VendorClassData(VendorOption vendorClass, Universe universe, int index) implements StringNode {
        @Override
        public ByteSlice evaluate(PacketView packet, ClassMembership classes) {
            ByteSlice payload = vendorClass.find(packet);
            if (payload == null) {
                return ByteSlice.EMPTY;
            }
            int size = universe == Universe.DHCP4 ? 1 : 2;
            int at = universe == Universe.DHCP4 ? 5 : 4;
            int end = dataEnd(payload, universe);
            for (int i = 0; at + size <= end; i++) {
                int len = size == 1 ? payload.byteAt(at) : payload.byteAt(at) << 8 | payload.byteAt(at + 1);
                if (at + size + len > end) {
                    return ByteSlice.EMPTY;
                }
                if (i == index) {
                    return payload.slice(at + size, len);
                }
                at += size + len;
            }
            return ByteSlice.EMPTY;
        }
    }

    /**
     * Where the first enterprise's data ends: DHCPv4 options 124/125 give its length in the byte
     * after the enterprise number (later enterprises are not looked at); DHCPv6 ones run to the end.
     */
    private static int dataEnd(ByteSlice payload, Universe universe) {
        if (universe == Universe.DHCP6) {
            return payload.length();
        }
        return payload.length() < 5 ? payload.length() : Math.min(payload.length(), 5 + payload.byteAt(4));
    }
}
