package dev.kakapo.server.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.eval.OptionNames;
import dev.kakapo.protocol.eval.PacketView;
import dev.kakapo.protocol.eval.Transport;
import dev.kakapo.protocol.eval.Universe;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.MessageType4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.config.ClientClass;
import dev.kakapo.server.config.ConfiguredOption;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which classes a packet's client lands in, and in what order. */
class ClassifierTest {

    private static ClientClass clientClass(String name, String test, boolean onlyWhenRequired) throws Exception {
        return new ClientClass(name, test == null ? null : Expression.compile(test, Universe.DHCP4,
                OptionNames.standard(Universe.DHCP4)), onlyWhenRequired, List.of(), 0, "", "");
    }

    private static PacketView discover(String vendorClass) throws Exception {
        Message4.Builder b = Message4.builder().op(1).htype(1).xid(7).chaddr(new byte[] {2, 0, 0x5e, 1, 2, 3})
                .option(OptionCode4.MESSAGE_TYPE, new byte[] {(byte) MessageType4.DISCOVER.code()});
        if (vendorClass != null) {
            b.option(OptionCode4.VENDOR_CLASS_ID, vendorClass.getBytes(StandardCharsets.US_ASCII));
        }
        Message4 m = b.build();
        return PacketView.of(m, new Transport("eth0", InetAddress.getByName("0.0.0.0"), 68,
                InetAddress.getByName("255.255.255.255"), 67, m.encode().length));
    }

    @Test
    void builtInClassesComeFirstThenConfiguredOnesInOrder() throws Exception {
        Classifier classifier = new Classifier(List.of(
                clientClass("pxe", "substring(option[60].hex,0,3) == 'PXE'", false),
                clientClass("not-pxe", "not member('pxe')", false),
                clientClass("pxe-again", "member('pxe')", false),
                clientClass("reserved-only", null, false)), Universe.DHCP4);
        Classification pxe = classifier.classify(discover("PXEClient"));
        assertEquals(List.of("ALL", "VENDOR_CLASS_PXEClient", "UNKNOWN", "pxe", "pxe-again"), List.copyOf(pxe.names()));
        assertEquals(List.of("pxe", "pxe-again"), pxe.matched().stream().map(ClientClass::name).toList());
        Classification other = classifier.classify(discover(null));
        assertEquals(List.of("ALL", "UNKNOWN", "not-pxe"), List.copyOf(other.names()));
    }

    @Test
    void requiredClassesWaitForTheirSubnetOrPool() throws Exception {
        Classifier classifier = new Classifier(List.of(
                clientClass("late", "pkt4.msgtype == 1", true),
                clientClass("tag", null, true)), Universe.DHCP4);
        PacketView packet = discover(null);
        Classification before = classifier.classify(packet);
        assertFalse(before.contains("late"), "only-if-required: not evaluated before a subnet asks");
        Classification after = classifier.require(before, List.of("late", "tag"), packet);
        assertTrue(after.contains("late"));
        assertTrue(after.contains("tag"), "a required class without a test is joined");
        assertSame(before, classifier.require(before, List.of(), packet));
    }

    @Test
    void aTestThatCannotBeEvaluatedMeansNotAMember() throws Exception {
        // int16totext of a 4-byte value fails at evaluation time
        Classifier classifier = new Classifier(List.of(clientClass("odd", "int16totext(pkt4.transid) == '7'", false)),
                Universe.DHCP4);
        Classification c = classifier.classify(discover(null));
        assertFalse(c.contains("odd"));
        assertEquals(1, classifier.evaluationFailures());
    }

    @Test
    void optionScopesAndBootFieldsFollowTheClassOrder() throws Exception {
        ConfiguredOption first = new ConfiguredOption(15, "domain-name", "first.example".getBytes(StandardCharsets.US_ASCII), false);
        ConfiguredOption second = new ConfiguredOption(15, "domain-name", "second.example".getBytes(StandardCharsets.US_ASCII), false);
        Classifier classifier = new Classifier(List.of(
                new ClientClass("a", Expression.compile("pkt4.htype == 1", Universe.DHCP4, OptionNames.standard(Universe.DHCP4)),
                        false, List.of(first), 0, "", "a.bin"),
                new ClientClass("b", Expression.compile("pkt4.hlen == 6", Universe.DHCP4, OptionNames.standard(Universe.DHCP4)),
                        false, List.of(second), 0xc0000201, "tftp-b", "b.bin")), Universe.DHCP4);
        Classification c = classifier.classify(discover(null));
        assertEquals(List.of(List.of(first), List.of(second)), c.optionScopes());
        assertEquals("a.bin", c.bootFileName(), "the first class that sets a field gives it");
        assertEquals("tftp-b", c.serverHostname());
        assertEquals(0xc0000201, c.nextServer());
    }
}
