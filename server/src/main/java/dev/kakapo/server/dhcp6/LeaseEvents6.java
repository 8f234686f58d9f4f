package dev.kakapo.server.dhcp6;

import dev.kakapo.coordinator.allocator.ClientIdentity6;
import dev.kakapo.coordinator.lease.Lease6;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * One log line per lease change on the DHCPv6 packet path ({@code kea-dhcp6.leases}): granted
 * (assigned or extended), released, declined, expired, each with the address or prefix, subnet,
 * DUID, IAID and transaction id. DEBUG lines, built only when that level is on, as for DHCPv4.
 */
final class LeaseEvents6 {
    static final Logger LOG = System.getLogger("dev.kakapo.server.dhcp6.leases");

    private LeaseEvents6() {
    }

    static void granted(Lease6 lease, int xid) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "event=lease-granted family=6 " + fields(lease) + " xid=" + xidText(xid)
                    + " preferred-lifetime=" + lease.preferredLifetime() + " valid-lifetime=" + lease.validLifetime());
        }
    }

    static void released(Lease6 lease, int xid) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "event=lease-released family=6 " + fields(lease) + " xid=" + xidText(xid));
        }
    }

    /** The client of a declined lease is gone from the lease itself, so it comes from the DECLINE's IA. */
    static void declined(Lease6 lease, ClientIdentity6 client, int xid, long probationSeconds) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "event=lease-declined family=6 " + slot(lease) + " duid=" + client.duid() + " iaid=" + client.iaid()
                    + " xid=" + xidText(xid) + " probation=" + probationSeconds);
        }
    }

    static void expired(Lease6 lease) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "event=lease-expired family=6 " + fields(lease));
        }
    }

    private static String slot(Lease6 lease) {
        return "type=IA_" + lease.type().name() + " address=" + lease.address().toText() + " prefix-len=" + lease.prefixLength()
                + " subnet=" + lease.subnetId();
    }

    private static String fields(Lease6 lease) {
        return slot(lease) + " duid=" + lease.duid() + " iaid=" + lease.iaid();
    }

    /** DHCPv6 transaction ids are 24 bits. */
    static String xidText(int xid) {
        return "0x" + Integer.toHexString(xid & 0xffffff);
    }
}
