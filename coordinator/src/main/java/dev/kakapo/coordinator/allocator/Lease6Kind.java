package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

/** DHCPv6 leases for {@link Block}: owned by DUID + IAID + lease type. */
enum Lease6Kind implements LeaseKind<Lease6, ClientIdentity6> {
    INSTANCE;

    @Override
    public boolean owns(ClientIdentity6 client, Lease6 lease) {
        return client.owns(lease);
    }

    @Override
    public LeaseState state(Lease6 lease) {
        return lease.state();
    }

    @Override
    public long expire(Lease6 lease) {
        return lease.expire();
    }

    /** Kea marks a declined DHCPv6 lease with the one-byte DUID 00: it belongs to nobody. */
    static final Octets NOBODY = Octets.of(new byte[] {0});

    @Override
    public Lease6 declined(Lease6 l, long now, long probationSeconds) {
        return new Lease6(l.address(), l.prefixLength(), l.type(), NOBODY, 0, 0, probationSeconds, now, l.subnetId(),
                false, false, "", Octets.EMPTY, LeaseState.DECLINED);
    }

    @Override
    public Lease6 reclaimed(Lease6 l) {
        return new Lease6(l.address(), l.prefixLength(), l.type(), l.duid(), l.iaid(), l.preferredLifetime(), l.validLifetime(),
                l.cltt(), l.subnetId(), false, false, "", l.hwAddress(), LeaseState.EXPIRED_RECLAIMED);
    }
}
