package dev.kakapo.ddns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kakapo.proto.ddns.NameChangeRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** The prerequisites and updates of each RFC 4703 step, record by record (RFC 2136 section 2.4/2.5 classes). */
class Rfc4703UpdatesTest {
    private static final Name ZONE = Name.fromConstantString("example.com.");
    private static final Name FQDN = Name.fromConstantString("myhost.example.com.");
    private static final Name REVERSE = Name.fromConstantString("10.2.0.192.in-addr.arpa.");

    private static NameChange change(String address) throws Exception {
        return NameChange.from(NameChangeTest.valid().setIpAddress(address).build());
    }

    /** "CLASS TYPE" of each record of a section, with the owner when it is not the FQDN. */
    private static List<String> shape(Update u, int section) {
        return u.getSection(section).stream().map(Rfc4703UpdatesTest::shape).toList();
    }

    private static String shape(Record r) {
        return DClass.string(r.getDClass()) + " " + Type.string(r.getType()) + " ttl=" + r.getTTL()
                + (r.rdataToString().isEmpty() ? "" : " " + r.rdataToString());
    }

    @Test
    void addRequiresTheNameUnusedAndAddsAddressAndDhcid() throws Exception {
        Update u = Rfc4703Updates.addForward(ZONE, change("192.0.2.10"));
        assertEquals(ZONE, u.getQuestion().getName());
        assertEquals(List.of("NONE ANY ttl=0"), shape(u, Section.PREREQ));
        List<Record> updates = u.getSection(Section.UPDATE);
        assertEquals("IN A ttl=3600 192.0.2.10", shape(updates.get(0)));
        assertEquals(FQDN, updates.get(0).getName());
        DHCIDRecord dhcid = (DHCIDRecord) updates.get(1);
        assertEquals(DClass.IN, dhcid.getDClass());
        assertEquals(3600, dhcid.getTTL());
        assertArrayEquals(NameChangeTest.DHCID, dhcid.getData());
    }

    @Test
    void replaceRequiresTheNameInUseWithOurDhcid() throws Exception {
        Update u = Rfc4703Updates.replaceForward(ZONE, change("2001:db8::10"));
        List<Record> prereq = u.getSection(Section.PREREQ);
        assertEquals("ANY ANY ttl=0", shape(prereq.get(0)));
        assertEquals(Type.DHCID, prereq.get(1).getType());
        assertEquals(DClass.IN, prereq.get(1).getDClass());
        assertEquals(0, prereq.get(1).getTTL());
        List<Record> updates = u.getSection(Section.UPDATE);
        assertEquals("ANY AAAA ttl=0", shape(updates.get(0)));
        assertEquals(AAAARecord.class, updates.get(1).getClass());
        assertEquals(DClass.IN, updates.get(1).getDClass());
    }

    @Test
    void reverseReplaceHasNoPrerequisite() throws Exception {
        Update u = Rfc4703Updates.replaceReverse(Name.fromString("2.0.192.in-addr.arpa."), change("192.0.2.10"));
        assertEquals(List.of(), u.getSection(Section.PREREQ));
        List<Record> updates = u.getSection(Section.UPDATE);
        assertEquals(List.of("ANY PTR ttl=0", "ANY DHCID ttl=0", "IN PTR ttl=3600 myhost.example.com."),
                shape(u, Section.UPDATE).subList(0, 3));
        updates.forEach(r -> assertEquals(REVERSE, r.getName()));
        assertEquals(Type.DHCID, updates.get(3).getType());
    }

    @Test
    void removeDeletesOnlyOurAddressThenWhatIsLeft() throws Exception {
        NameChange c = NameChange.from(NameChangeTest.valid().setChangeType(NameChangeRequest.ChangeType.REMOVE).build());
        Update first = Rfc4703Updates.removeForwardAddress(ZONE, c);
        assertEquals(Type.DHCID, first.getSection(Section.PREREQ).get(0).getType());
        assertEquals(List.of("NONE A ttl=0 192.0.2.10"), shape(first, Section.UPDATE));

        Update second = Rfc4703Updates.removeForwardRemains(ZONE, c);
        List<String> prereq = shape(second, Section.PREREQ);
        assertEquals(List.of("NONE A ttl=0", "NONE AAAA ttl=0"), prereq.subList(1, 3));
        assertEquals(List.of("ANY ANY ttl=0"), shape(second, Section.UPDATE));

        Update reverse = Rfc4703Updates.removeReverse(Name.fromString("2.0.192.in-addr.arpa."), c);
        PTRRecord ptr = (PTRRecord) reverse.getSection(Section.PREREQ).get(0);
        assertEquals(FQDN, ptr.getTarget());
        assertEquals(DClass.IN, ptr.getDClass());
        assertEquals(List.of("ANY ANY ttl=0"), shape(reverse, Section.UPDATE));
    }
}
