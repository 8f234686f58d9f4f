package dev.kakapo.coordinator.lease;

/** {@link LeaseStoreContract} for DHCPv4 stores: leases across the three IPv4 documentation ranges. */
public abstract class LeaseStoreContract4 extends LeaseStoreContract<Lease4> {

    private static final int[] RANGES = {Ipv4.parse("192.0.2.0"), Ipv4.parse("198.51.100.0"), Ipv4.parse("203.0.113.0")};

    /**
     * The i-th lease: 192.0.2.0/24, then 198.51.100.0/24, then 203.0.113.0/24; some without a
     * client id or host name, one declined, subnet ids up to 4294967295 (unsigned).
     */
    @Override
    protected Lease4 lease(int i) {
        byte[] mac = {0x00, 0x0c, 0x29, 0x00, (byte) (i >> 8), (byte) i};
        byte[] clientId = {0x01, 0x00, 0x0c, 0x29, 0x00, (byte) (i >> 8), (byte) i};
        boolean declined = i % 97 == 50;
        return new Lease4(RANGES[i / 256] + i % 256, declined ? Octets.EMPTY : Octets.of(mac),
                i % 3 == 0 ? Octets.EMPTY : Octets.of(clientId), 3600, T0 + i, i % 7 == 6 ? -1 : 1 + i % 4,
                i % 2 == 0, i % 5 == 0, i % 2 == 0 ? "host-" + i + ".example.org" : "",
                declined ? LeaseState.DECLINED : i % 11 == 10 ? LeaseState.EXPIRED_RECLAIMED : LeaseState.DEFAULT);
    }

    @Override
    protected Lease4 renewed(Lease4 lease, long cltt, long validLifetime) {
        return lease.withTimes(cltt, validLifetime);
    }

    @Override
    protected Object identity(Lease4 lease) {
        return lease.address();
    }
}
