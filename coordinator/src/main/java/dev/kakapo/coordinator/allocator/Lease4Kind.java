package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;

/** DHCPv4 leases for {@link Block}: owned by client identifier or hardware address (Kea's rule). */
enum Lease4Kind implements LeaseKind<Lease4, ClientIdentity4> {
    INSTANCE;

    @Override
    public boolean owns(ClientIdentity4 client, Lease4 lease) {
        return client.owns(lease);
    }

    @Override
    public LeaseState state(Lease4 lease) {
        return lease.state();
    }

    @Override
    public long expire(Lease4 lease) {
        return lease.expire();
    }

    @Override
    public Lease4 declined(Lease4 l, long now, long probationSeconds) {
        return new Lease4(l.address(), Octets.EMPTY, Octets.EMPTY, probationSeconds, now, l.subnetId(), false, false, "",
                LeaseState.DECLINED);
    }

    @Override
    public Lease4 reclaimed(Lease4 l) {
        return new Lease4(l.address(), l.hwAddress(), l.clientId(), l.validLifetime(), l.cltt(), l.subnetId(), false, false,
                "", LeaseState.EXPIRED_RECLAIMED);
    }
}
