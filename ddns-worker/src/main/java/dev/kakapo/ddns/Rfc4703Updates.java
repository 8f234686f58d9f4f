package dev.kakapo.ddns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DHCIDRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * The DNS UPDATE messages (RFC 2136) of the RFC 4703 steps. The prerequisites are what keeps a
 * client from taking over a name another client's DHCID holds.
 */
final class Rfc4703Updates {
    private Rfc4703Updates() {
    }

    /** Forward add: if the name is not in use at all, add our address and our DHCID. */
    static Update addForward(Name zone, NameChange c) {
        Update u = new Update(zone);
        u.absent(c.fqdn());
        u.add(addressRecord(c, c.ttl()));
        u.add(new DHCIDRecord(c.fqdn(), DClass.IN, c.ttl(), c.dhcid()));
        return u;
    }

    /**
     * Forward replace, after the add found the name in use: only if our DHCID is there, replace
     * the addresses of our family with ours.
     */
    static Update replaceForward(Name zone, NameChange c) {
        Update u = new Update(zone);
        u.present(c.fqdn());
        u.present(dhcidPrerequisite(c.fqdn(), c));
        u.delete(c.fqdn(), c.addressType());
        u.add(addressRecord(c, c.ttl()));
        return u;
    }

    /** Reverse replace, no prerequisite: the address now points at our name. */
    static Update replaceReverse(Name zone, NameChange c) {
        Name reverse = c.reverseName();
        Update u = new Update(zone);
        u.delete(reverse, Type.PTR);
        u.delete(reverse, Type.DHCID);
        u.add(new PTRRecord(reverse, DClass.IN, c.ttl(), c.fqdn()));
        u.add(new DHCIDRecord(reverse, DClass.IN, c.ttl(), c.dhcid()));
        return u;
    }

    /** Forward remove, first step: if our DHCID is there, delete our address (and only it). */
    static Update removeForwardAddress(Name zone, NameChange c) {
        Update u = new Update(zone);
        u.present(dhcidPrerequisite(c.fqdn(), c));
        u.delete(addressRecord(c, 0));
        return u;
    }

    /**
     * Forward remove, second step: if our DHCID is there and no address of either family is
     * left, delete everything at the name (the DHCID with it).
     */
    static Update removeForwardRemains(Name zone, NameChange c) {
        Update u = new Update(zone);
        u.present(dhcidPrerequisite(c.fqdn(), c));
        u.absent(c.fqdn(), Type.A);
        u.absent(c.fqdn(), Type.AAAA);
        u.delete(c.fqdn());
        return u;
    }

    /** Reverse remove: if the address still points at our name, delete everything at the reverse name. */
    static Update removeReverse(Name zone, NameChange c) {
        Name reverse = c.reverseName();
        Update u = new Update(zone);
        u.present(new PTRRecord(reverse, DClass.IN, 0, c.fqdn()));
        u.delete(reverse);
        return u;
    }

    private static Record addressRecord(NameChange c, long ttl) {
        return c.addressType() == Type.A
                ? new ARecord(c.fqdn(), DClass.IN, ttl, c.address())
                : new AAAARecord(c.fqdn(), DClass.IN, ttl, c.address());
    }

    /** A value-dependent prerequisite (RFC 2136 2.4.2): class IN, TTL 0, our DHCID RDATA. */
    private static Record dhcidPrerequisite(Name owner, NameChange c) {
        return new DHCIDRecord(owner, DClass.IN, 0, c.dhcid());
    }
}
