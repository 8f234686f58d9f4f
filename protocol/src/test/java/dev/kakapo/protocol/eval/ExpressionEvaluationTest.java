package dev.kakapo.protocol.eval;

import static dev.kakapo.protocol.eval.ExpressionPackets.V4;
import static dev.kakapo.protocol.eval.ExpressionPackets.V4_ADDRESSES;
import static dev.kakapo.protocol.eval.ExpressionPackets.V4_HW6;
import static dev.kakapo.protocol.eval.ExpressionPackets.V4_HW7;
import static dev.kakapo.protocol.eval.ExpressionPackets.V4_NO_HW;
import static dev.kakapo.protocol.eval.ExpressionPackets.V4_RELAYED;
import static dev.kakapo.protocol.eval.ExpressionPackets.V4_RELAYED_AND_TOP_LEVEL;
import static dev.kakapo.protocol.eval.ExpressionPackets.V6;
import static dev.kakapo.protocol.eval.ExpressionPackets.V6_TWO_RELAYS;
import static dev.kakapo.protocol.eval.ExpressionPackets.ascii;
import static dev.kakapo.protocol.eval.ExpressionPackets.base;
import static dev.kakapo.protocol.eval.ExpressionPackets.discover;
import static dev.kakapo.protocol.eval.ExpressionPackets.hex;
import static dev.kakapo.protocol.eval.ExpressionPackets.option6;
import static dev.kakapo.protocol.eval.ExpressionPackets.relay;
import static dev.kakapo.protocol.eval.ExpressionPackets.solicit;
import static dev.kakapo.protocol.eval.ExpressionPackets.view;
import static dev.kakapo.protocol.eval.ExpressionPackets.withOption;
import static dev.kakapo.protocol.eval.ExpressionPackets.withVendor;
import static dev.kakapo.protocol.eval.ExpressionPackets.withVendorClass;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.protocol.v6.OptionCode6;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expression, packet, expected result. Rows marked "b.6 #n" are Kea 1.1's evaluator test vectors;
 * the rest cover the later additions. A boolean expected result compiles the text as a class test
 * and checks {@link Expression#matches}; bytes compile it as a value and check {@link Expression#value}.
 */
class ExpressionEvaluationTest {
    /** The classes the packet is in, for member(), known and unknown. */
    private static final ClassMembership CLASSES = Set.of("ALL", "KNOWN", "pxe")::contains;

    static Stream<Arguments> vectors() {
        List<Arguments> rows = new ArrayList<>();
        // b.6 #1-6: options
        rows.add(text("option[100].text", V4, "hundred4"));
        rows.add(text("option[101].text", V4, ""));
        rows.add(text("option[100].hex", V6, "hundred6"));
        rows.add(text("option[101].hex", V6, ""));
        for (Universe u : Universe.values()) {
            rows.add(is("option[100].exists", base(u), true));
            rows.add(is("option[101].exists", base(u), false));
            rows.add(is("substring(option[100].text,0,7) == 'hundred'", base(u), true));
        }
        rows.add(is("option[100].text == 'hundred4'", V4, true));
        rows.add(is("option[100].text == 'hundred4'", V6, false));
        // b.6 #7-10: literals
        rows.add(text("0x666f6f", V4, "foo"));
        rows.add(bytes("0x7", V4, "07"));
        rows.add(bytes("0x63825363", V6, "63825363"));
        rows.add(bytes("192.0.2.1", V4, "c0000201"));
        rows.add(bytes("2001:db8::1", V6, "20010db8000000000000000000000001"));
        rows.add(bytes("::ffff:192.0.2.1", V6, "00000000000000000000ffffc0000201"));
        // b.6 #11-15: relay4
        rows.add(text("relay4[13].text", V4_RELAYED, "thirteen"));
        rows.add(text("relay4[13].hex", V4_RELAYED, "thirteen"));
        rows.add(text("relay4[15].text", V4_RELAYED, ""));
        rows.add(text("relay4[13].text", V4, ""));
        rows.add(text("relay4[13].text", V4_RELAYED_AND_TOP_LEVEL, "thirteen"));
        rows.add(is("relay4[70].exists", V4_RELAYED_AND_TOP_LEVEL, false));
        rows.add(is("relay4[1].exists", V4_RELAYED_AND_TOP_LEVEL, true));
        // b.6 #16-22: relay6
        rows.add(text("relay6[0].option[100].text", V6_TWO_RELAYS, "hundred.zero"));
        rows.add(is("relay6[0].option[102].exists", V6_TWO_RELAYS, false));
        rows.add(is("relay6[1].option[102].exists", V6_TWO_RELAYS, true));
        rows.add(text("relay6[1].option[102].text", V6_TWO_RELAYS, "hundredtwo.one"));
        rows.add(text("relay6[2].option[100].text", V6_TWO_RELAYS, ""));
        rows.add(bytes("relay6[1].peeraddr", V6_TWO_RELAYS, "20010db8000000000000000000000002"));
        rows.add(bytes("relay6[0].linkaddr", V6_TWO_RELAYS, "00000000000000000000000000000000"));
        rows.add(bytes("relay6[2].linkaddr", V6_TWO_RELAYS, ""));
        rows.add(is("relay6[1].linkaddr == 2001:db8::1", V6_TWO_RELAYS, true));
        rows.add(text("relay6[0].option[100].text", V6, ""));
        // b.6 #23-24: pkt
        rows.add(text("pkt.iface", V4, "eth0"));
        rows.add(bytes("pkt.src", V4, "c0000202"));
        rows.add(bytes("pkt.dst", V4, "c0000201"));
        rows.add(bytes("pkt.src", V6, "20010db8000000000000000000001234"));
        rows.add(is("pkt.dst == 2001:db8::1", V6, true));
        rows.add(is("pkt.len == 300", V4, true));
        // b.6 #25-28: pkt4
        rows.add(bytes("pkt4.mac", V4_HW7, "01020304050607"));
        rows.add(bytes("pkt4.hlen", V4_HW7, "00000007"));
        rows.add(bytes("pkt4.htype", V4_HW7, "0000007b"));
        rows.add(bytes("pkt4.giaddr", V4_ADDRESSES, "c0000201"));
        rows.add(bytes("pkt4.ciaddr", V4_ADDRESSES, "c0000202"));
        rows.add(bytes("pkt4.yiaddr", V4_ADDRESSES, "c0000203"));
        rows.add(bytes("pkt4.siaddr", V4_ADDRESSES, "c0000204"));
        rows.add(bytes("pkt4.msgtype", V4, "00000001"));
        rows.add(bytes("pkt4.transid", V4, "00003039"));
        // b.6 #29-37: comparisons of packet fields and integers
        rows.add(is("pkt6.msgtype == 1", V6, true));
        rows.add(is("pkt6.msgtype == 2", V6, false));
        rows.add(is("pkt6.msgtype == 0x00000001", V6, true));
        rows.add(is("pkt6.transid == 12345", V6, true));
        rows.add(is("pkt6.transid == 0", V6, false));
        rows.add(is("pkt4.transid == 12345", V4, true));
        rows.add(is("pkt4.transid == 12346", V4, false));
        rows.add(is("0 == 0", V4, true));
        rows.add(is("2 == 3", V6, false));
        rows.add(is("pkt4.hlen == 0", V4_NO_HW, true));
        rows.add(is("pkt4.htype == 1", V4_NO_HW, true));
        rows.add(bytes("pkt4.mac", V4_NO_HW, ""));
        rows.add(is("pkt4.hlen == 6", V4_HW6, true));
        rows.add(is("pkt4.htype == 123", V4_HW6, true));
        rows.add(is("pkt4.mac == 0x010203040506", V4_HW6, true));
        rows.add(is("option[53].hex == 0x1", V4, true));
        rows.add(is("option[53].hex == 0x2", V4, false));
        rows.add(is("pkt4.msgtype == 1", V4, true));
        rows.add(is("4294967295 == 0", V4, false));
        // b.6 #48-51, #64: concat and logic
        rows.add(is("concat('foo','bar') == 'foobar'", V4, true));
        rows.add(is("not ('a' == 'a')", V4, false));
        rows.add(is("not not ('a' == 'a')", V4, true));
        rows.add(is("'a' == 'a' and 'a' == 'b'", V4, false));
        rows.add(is("'a' == 'b' and 'a' == 'a'", V4, false));
        rows.add(is("'a' == 'b' and 'a' == 'b'", V4, false));
        rows.add(is("'a' == 'a' and 'a' == 'a'", V4, true));
        rows.add(is("'a' == 'b' or 'a' == 'b'", V4, false));
        rows.add(is("'a' == 'b' or 'a' == 'a'", V4, true));
        rows.add(is("'a' == 'a' or 'a' == 'b'", V4, true));
        rows.add(is("'a' == 'a' or 'a' == 'a'", V4, true));
        rows.add(is("'a' == 'a' or 'a' == 'b' and 'a' == 'b'", V4, true)); // and binds tighter
        rows.add(is("('a' == 'a' or 'a' == 'b') and 'a' == 'b'", V4, false));
        rows.add(is("not 'a' == 'b' and 'a' == 'a'", V4, true)); // not binds tightest
        rows.add(is("substring('foobar',2,all) == 'obar'", V4, true));
        // b.6 #63: integer literals are 4 bytes, network order
        rows.add(bytes("0", V4, "00000000"));
        rows.add(bytes("6", V4, "00000006"));
        rows.add(bytes("255", V4, "000000ff"));
        rows.add(bytes("256", V4, "00000100"));
        rows.add(bytes("1410", V4, "00000582"));
        rows.add(bytes("4294967295", V4, "ffffffff"));
        addVendorVectors(rows);
        addLaterAdditions(rows);
        return rows.stream();
    }

    /** b.6 #54-62, in both universes (options 125/124 in DHCPv4, 17/16 in DHCPv6). */
    private static void addVendorVectors(List<Arguments> rows) {
        for (Universe u : Universe.values()) {
            PacketView none = base(u);
            PacketView vendor1234 = withVendor(u, 1234, -1, null);
            PacketView vendor4491 = withVendor(u, 4491, -1, null);
            rows.add(is("vendor[4491].exists", none, false));
            rows.add(is("vendor[4491].exists", vendor1234, false));
            rows.add(is("vendor[4491].exists", vendor4491, true));
            rows.add(is("vendor[*].exists", none, false));
            rows.add(is("vendor[*].exists", vendor1234, true));
            rows.add(is("vendor[*].exists", vendor4491, true));
            rows.add(bytes("vendor.enterprise", none, ""));
            rows.add(bytes("vendor.enterprise", vendor1234, "000004d2"));
            rows.add(bytes("vendor.enterprise", withVendor(u, 4294967295L, -1, null), "ffffffff"));
            PacketView sub1Of1234 = withVendor(u, 1234, 1, ascii("alpha"));
            PacketView sub2Of4491 = withVendor(u, 4491, 2, ascii("alpha"));
            PacketView sub1Of4491 = withVendor(u, 4491, 1, ascii("alpha"));
            rows.add(is("vendor[4491].option[1].exists", none, false));
            rows.add(is("vendor[4491].option[1].exists", vendor1234, false));
            rows.add(is("vendor[4491].option[1].exists", sub1Of1234, false));
            rows.add(is("vendor[4491].option[1].exists", sub2Of4491, false));
            rows.add(is("vendor[4491].option[1].exists", sub1Of4491, true));
            rows.add(text("vendor[4491].option[1].hex", sub1Of1234, ""));
            rows.add(text("vendor[4491].option[1].hex", sub2Of4491, ""));
            rows.add(text("vendor[4491].option[1].hex", sub1Of4491, "alpha"));
            rows.add(text("vendor[*].option[1].text", sub1Of1234, "alpha"));

            PacketView class1234 = withVendorClass(u, 1234);
            PacketView class4491 = withVendorClass(u, 4491);
            rows.add(is("vendor-class[4491].exists", none, false));
            rows.add(is("vendor-class[4491].exists", class1234, false));
            rows.add(is("vendor-class[4491].exists", class4491, true));
            rows.add(is("vendor-class[*].exists", class1234, true));
            rows.add(bytes("vendor-class.enterprise", class4491, "0000118b"));
            rows.add(text("vendor-class[4491].data", none, ""));
            rows.add(text("vendor-class[4491].data", class1234, ""));
            rows.add(text("vendor-class[4491].data", class4491, ""));
            rows.add(text("vendor-class[4491].data", withVendorClass(u, 1234, "alpha"), ""));
            rows.add(text("vendor-class[4491].data", withVendorClass(u, 4491, "alpha"), "alpha"));
            rows.add(text("vendor-class[*].data", withVendorClass(u, 1234, "alpha"), "alpha"));
            PacketView five = withVendorClass(u, 4491, "alpha", "beta", "delta", "gamma", "epsilon");
            rows.add(text("vendor-class[4491].data[3]", five, "gamma"));
            rows.add(text("vendor-class[4491].data[0]", five, "alpha"));
            rows.add(text("vendor-class[4491].data[5]", five, ""));
        }
    }

    /** What Kea added after 1.1 (KEA-REFERENCE b.5). */
    private static void addLaterAdditions(List<Arguments> rows) {
        rows.add(is("member('pxe')", V4, true));
        rows.add(is("member('other')", V6, false));
        rows.add(is("known", V4, true));
        rows.add(is("unknown", V4, false));
        rows.add(is("not member('other') and member('ALL')", V4, true));
        rows.add(text("ifelse(option[100].exists, option[100].hex, 'none')", V4, "hundred4"));
        rows.add(text("ifelse(option[230].exists, option[230].hex, 'none')", V4, "none"));
        rows.add(text("sifelse(option[230].exists, int8totext(0x0102), 'none')", V4, "none"));
        rows.add(text("hexstring('foo', '-')", V4, "66-6f-6f"));
        rows.add(text("hexstring(pkt4.mac, ':')", V4_HW6, "01:02:03:04:05:06"));
        rows.add(text("hexstring(0x0a0b, '')", V4, "0a0b"));
        rows.add(text("hexstring('', ':')", V4, ""));
        rows.add(text("split('one.two..four', '.', 1)", V4, "one"));
        rows.add(text("split('one.two..four', '.', 2)", V4, "two"));
        rows.add(text("split('one.two..four', '.', 3)", V4, ""));
        rows.add(text("split('one.two..four', '.', 4)", V4, "four"));
        rows.add(text("split('one.two..four', '.', 5)", V4, ""));
        rows.add(text("split('one.two..four', '.', 0)", V4, ""));
        rows.add(text("split('a-b.c', '.-', 2)", V4, "b"));
        rows.add(text("split('one.two', '', 2)", V4, "one.two"));
        rows.add(text("split(0x27616227, 0x27, 2)", V4, "ab"));
        rows.add(text("lcase('LoWeR')", V4, "lower"));
        rows.add(text("ucase('uPpEr')", V6, "UPPER"));
        rows.add(text("addrtotext(192.0.2.10)", V4, "192.0.2.10"));
        rows.add(text("addrtotext(2001:0db8:0:0::1)", V6, "2001:db8::1"));
        rows.add(text("addrtotext(pkt.src)", V4, "192.0.2.2"));
        rows.add(text("addrtotext('')", V4, ""));
        rows.add(text("int8totext(0xff)", V4, "-1"));
        rows.add(text("int16totext(0xffff)", V4, "-1"));
        rows.add(text("int32totext(0xffffffff)", V4, "-1"));
        rows.add(text("int32totext(0x7fffffff)", V4, "2147483647"));
        rows.add(text("uint8totext(0xff)", V4, "255"));
        rows.add(text("uint16totext(0xffff)", V4, "65535"));
        rows.add(text("uint32totext(4294967295)", V4, "4294967295"));
        rows.add(text("uint32totext(pkt4.transid)", V4, "12345"));
        rows.add(text("uint8totext('')", V4, ""));
        rows.add(is("match('foo.*', lcase('FooBar'))", V4, true));
        rows.add(is("match('foo', 'foobar')", V4, false)); // the whole value must match
        rows.add(is("match('^.*foo.*$', 'is it foo or bar')", V4, true));
        rows.add(is("match('hundred[0-9]', option[100].text)", V4, true));
        rows.add(text("'abc' + 'def' + 'ghi'", V4, "abcdefghi"));
        rows.add(is("'foo' + 'bar' == 'foo' + 'bar'", V4, true));
        rows.add(is("'a' == 'a' sor int8totext(0x0102) == '1'", V4, true));
        rows.add(is("'a' == 'b' sand int8totext(0x0102) == '1'", V4, false));
        rows.add(text("relay6[-1].option[100].text", V6_TWO_RELAYS, "hundred.one"));
        rows.add(text("relay6[-2].option[100].text", V6_TWO_RELAYS, "hundred.zero"));
        rows.add(text("relay6[-3].option[100].text", V6_TWO_RELAYS, ""));
        rows.add(bytes("relay6[-1].peeraddr", V6_TWO_RELAYS, "20010db8000000000000000000000002"));
        // sub-options: option 82 in DHCPv4, an IA address inside IA_NA in DHCPv6
        rows.add(text("option[82].option[13].hex", V4_RELAYED, "thirteen"));
        rows.add(is("option[82].option[1].exists", V4_RELAYED, true));
        rows.add(is("option[82].option[2].exists", V4_RELAYED, false));
        rows.add(is("option[dhcp-agent-options].option[1].hex == 'one'", V4_RELAYED, true));
        rows.add(is("option[82].option[2].hex == pkt4.mac",
                view(discover().chaddr(hex("010203040506"))
                        .option(OptionCode4.RELAY_AGENT_INFO, hex("0206010203040506"))), true));
        PacketView iaNa = withOption(Universe.DHCP6, OptionCode6.IA_NA, hex("00000001" + "00000e10" + "00001518"
                + "0005" + "0018" + "20010db8000000000000000000000100" + "00001c20" + "00002a30"));
        rows.add(is("option[3].option[5].exists", iaNa, true));
        rows.add(is("option[ia-na].option[5].exists", iaNa, true));
        rows.add(bytes("substring(option[3].option[5].hex, 0, 16)", iaNa, "20010db8000000000000000000000100"));
        rows.add(is("option[3].option[13].exists", iaNa, false));
        rows.add(is("option[3].option[5].exists", V6, false));
        // option names of the standard catalogues
        rows.add(text("option[host-name].text", view(discover().option(12, ascii("printer"))), "printer"));
        rows.add(is("option[vendor-class-identifier].exists", V4, false));
        rows.add(text("option[pcode].text", V4, "hundred4"));
        rows.add(is("option [ host-name ] . exists", V4, false));
        rows.add(text("relay6[1].option[interface-id].hex",
                view(solicit(), relay(1, "::", "::"), relay(0, "2001:db8::1", "2001:db8::2",
                        option6(OptionCode6.INTERFACE_ID, ascii("eth1")))), "eth1"));
        // the article's example class
        rows.add(is("substring(option[60].hex,0,9) == 'PXEClient'",
                view(discover().option(60, ascii("PXEClient:Arch:00000:UNDI:002001"))), true));
        rows.add(is("substring(option[60].hex,0,9) == 'PXEClient'", V4, false));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("vectors")
    void evaluates(Universe universe, String expression, PacketView packet, Object expected) throws Exception {
        OptionNames names = OptionNames.standard(universe);
        if (expected instanceof Boolean b) {
            Expression test = Expression.compile(expression, universe, names);
            assertEquals(b, test.matches(packet, CLASSES));
        } else {
            Expression value = Expression.compileValue(expression, universe, names);
            assertArrayEquals((byte[]) expected, value.value(packet, CLASSES),
                    () -> HexFormat.of().formatHex(uncheckedValue(value, packet)));
        }
    }

    private static byte[] uncheckedValue(Expression e, PacketView p) {
        try {
            return e.value(p, CLASSES);
        } catch (EvaluationException ex) {
            return new byte[0];
        }
    }

    private static Arguments is(String expression, PacketView packet, boolean expected) {
        return Arguments.of(packet.universe(), expression, packet, expected);
    }

    private static Arguments text(String expression, PacketView packet, String expected) {
        return Arguments.of(packet.universe(), expression, packet, ascii(expected));
    }

    private static Arguments bytes(String expression, PacketView packet, String expectedHex) {
        return Arguments.of(packet.universe(), expression, packet, hex(expectedHex));
    }
}
