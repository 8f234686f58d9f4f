package dev.kakapo.coordinator.lease;

import java.util.List;

/**
 * {@link LeaseStoreContract} for DHCPv6 stores. Leases come in pairs sharing their address text:
 * i = 2k is the IA_NA address 2001:db8:0:k:: and i = 2k + 1 the IA_PD prefix 2001:db8:0:k::/64.
 */
public abstract class LeaseStoreContract6 extends LeaseStoreContract<Lease6> {

    @Override
    protected Lease6 lease(int i) {
        Ipv6Address address = new Ipv6Address(0x2001_0db8_0000_0000L | (i / 2), 0);
        boolean prefix = i % 2 == 1;
        byte[] mac = {0x00, 0x0c, 0x29, 0x00, (byte) (i >> 8), (byte) i};
        byte[] duid = {0x00, 0x03, 0x00, 0x01, 0x00, 0x0c, 0x29, 0x00, (byte) (i >> 8), (byte) i};
        // Prefixes get IAIDs above 2^31, which a signed 32-bit column must give back unsigned.
        long iaid = prefix ? 0x8000_0000L + i : i;
        return new Lease6(address, prefix ? 64 : 128, prefix ? LeaseType6.PD : LeaseType6.NA, Octets.of(duid), iaid,
                1800, 3600, T0 + i, i % 7 == 6 ? -1 : 1 + i % 4, i % 4 == 0, i % 5 == 0,
                i % 4 == 0 ? "host-" + i + ".example.org" : "", i % 3 == 0 ? Octets.of(mac) : Octets.EMPTY,
                i % 11 == 10 ? LeaseState.EXPIRED_RECLAIMED : LeaseState.DEFAULT);
    }

    @Override
    protected Lease6 renewed(Lease6 lease, long cltt, long validLifetime) {
        return new Lease6(lease.address(), lease.prefixLength(), lease.type(), lease.duid(), lease.iaid(),
                Math.min(lease.preferredLifetime(), validLifetime), validLifetime, cltt, lease.subnetId(),
                lease.fqdnFwd(), lease.fqdnRev(), lease.hostname(), lease.hwAddress(), lease.state());
    }

    @Override
    protected Object identity(Lease6 lease) {
        return List.of(lease.address(), lease.type());
    }
}
