package dev.kakapo.server.ddns;

import com.google.protobuf.ByteString;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.protocol.dns.Dhcid;
import dev.kakapo.protocol.dns.DomainName;
import dev.kakapo.proto.ddns.NameChangeRequest;
import dev.kakapo.proto.ddns.NameChangeRequest.ChangeType;
import java.util.Optional;

/**
 * The name change request (Kea's NCR) for a lease: its name, address, DHCID and lifetime, and the
 * directions the server updates for it. A lease the server updates no DNS for, or whose recorded
 * name is not a usable DNS name, has none.
 */
public final class NameChanges {
    /** Kea records Ethernet for a DHCPv4 lease's hardware address; so does Kakapo. */
    static final int ETHERNET = 1;

    private NameChanges() {
    }

    public static Optional<NameChangeRequest> of(ChangeType change, Lease4 lease) {
        Optional<DomainName> fqdn = fqdn(lease.hostname(), lease.fqdnFwd(), lease.fqdnRev());
        if (fqdn.isEmpty()) {
            return Optional.empty();
        }
        // RFC 4701: the client identifier when the client sent one, else its hardware address.
        Dhcid dhcid = !lease.clientId().isEmpty()
                ? Dhcid.fromClientId(lease.clientId().toByteArray(), fqdn.get())
                : Dhcid.fromHardwareAddress(ETHERNET, lease.hwAddress().toByteArray(), fqdn.get());
        return Optional.of(request(change, lease.fqdnFwd(), lease.fqdnRev(), fqdn.get(), Ipv4.toText(lease.address()),
                dhcid, lease.cltt() + lease.validLifetime(), lease.validLifetime()));
    }

    public static Optional<NameChangeRequest> of(ChangeType change, Lease6 lease) {
        Optional<DomainName> fqdn = fqdn(lease.hostname(), lease.fqdnFwd(), lease.fqdnRev());
        if (fqdn.isEmpty() || lease.duid().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(request(change, lease.fqdnFwd(), lease.fqdnRev(), fqdn.get(), lease.address().toText(),
                Dhcid.fromDuid(lease.duid().toByteArray(), fqdn.get()), lease.cltt() + lease.validLifetime(),
                lease.validLifetime()));
    }

    /** The lease's name as an absolute DNS name, when DNS is updated for it and the name is one. */
    private static Optional<DomainName> fqdn(String hostname, boolean forward, boolean reverse) {
        if (!forward && !reverse || hostname.isEmpty()) {
            return Optional.empty();
        }
        try {
            DomainName name = DomainName.parse(hostname);
            return name.isEmpty() ? Optional.empty() : Optional.of(name.toAbsolute().toLowerCase());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static NameChangeRequest request(ChangeType change, boolean forward, boolean reverse, DomainName fqdn,
                                             String address, Dhcid dhcid, long expiresOn, long lifetime) {
        return NameChangeRequest.newBuilder()
                .setChangeType(change)
                .setForwardChange(forward)
                .setReverseChange(reverse)
                .setFqdn(fqdn.toText())
                .setIpAddress(address)
                .setDhcid(ByteString.copyFrom(dhcid.rdata()))
                .setLeaseExpiresOn(expiresOn)
                .setLeaseLength((int) Math.min(lifetime, 0xffff_ffffL))
                .build();
    }
}
