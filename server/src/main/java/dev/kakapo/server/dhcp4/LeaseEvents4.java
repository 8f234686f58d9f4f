package dev.kakapo.server.dhcp4;

import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.v4.Message4;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * One log line per lease change on the DHCPv4 packet path ({@code kea-dhcp4.leases}): granted,
 * released, declined, expired, each with the client, address, subnet and transaction id. They are
 * DEBUG lines, built only when that level is on, so a busy server pays one level check per packet.
 */
final class LeaseEvents4 {
    static final Logger LOG = System.getLogger("dev.kakapo.server.dhcp4.leases");

    private LeaseEvents4() {
    }

    static void granted(Lease4 lease, int xid) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "event=lease-granted family=4 " + fields(lease) + " xid=" + xidText(xid)
                    + " valid-lifetime=" + lease.validLifetime());
        }
    }

    static void released(Lease4 lease, int xid) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "event=lease-released family=4 " + fields(lease) + " xid=" + xidText(xid));
        }
    }

    /** The client of a declined lease is gone from the lease itself, so it comes from the DECLINE. */
    static void declined(Lease4 lease, Message4 decline, long probationSeconds) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "event=lease-declined family=4 address=" + lease.addressText() + " subnet=" + lease.subnetId()
                    + " hwaddr=" + Octets.of(decline.chaddr()) + " xid=" + xidText(decline.xid()) + " probation=" + probationSeconds);
        }
    }

    static void expired(Lease4 lease) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "event=lease-expired family=4 " + fields(lease));
        }
    }

    private static String fields(Lease4 lease) {
        return "address=" + lease.addressText() + " subnet=" + lease.subnetId() + " hwaddr=" + lease.hwAddress()
                + " client-id=" + (lease.clientId().length() == 0 ? "-" : lease.clientId().toString());
    }

    static String xidText(int xid) {
        return "0x" + Integer.toHexString(xid);
    }
}
