package dev.kakapo.hooks;

import dev.kakapo.protocol.v4.Message4;
import java.net.Inet4Address;
import java.util.Objects;

/**
 * {@code lease4_select} and {@code lease4_renew}: the lease the server is about to give the
 * client, before it is written. A callout may change its valid lifetime and host name. For
 * DHCPDISCOVER ({@link #fakeAllocation()}) nothing is written: the changes shape the offer.
 * SKIP: the lease is not assigned (lease4_select: no OFFER, or a NAK for a REQUEST) or not
 * extended in the lease store (lease4_renew: the client is answered with the lease it holds).
 */
public final class LeaseAssignment4 implements CalloutArguments {
    private final Message4 query;
    private final int subnetId;
    private final boolean fakeAllocation;
    private final Inet4Address address;
    private final byte[] hwAddress;
    private final byte[] clientId;
    private long validLifetime;
    private String hostname;

    public LeaseAssignment4(Message4 query, int subnetId, boolean fakeAllocation, Inet4Address address,
                            byte[] hwAddress, byte[] clientId, long validLifetime, String hostname) {
        this.query = query;
        this.subnetId = subnetId;
        this.fakeAllocation = fakeAllocation;
        this.address = Objects.requireNonNull(address, "address");
        this.hwAddress = hwAddress.clone();
        this.clientId = clientId.clone();
        this.validLifetime = validLifetime;
        this.hostname = hostname == null ? "" : hostname;
    }

    public Message4 query() {
        return query;
    }

    public int subnetId() {
        return subnetId;
    }

    /** True for a DHCPDISCOVER: the lease is offered, not written. */
    public boolean fakeAllocation() {
        return fakeAllocation;
    }

    public Inet4Address address() {
        return address;
    }

    public byte[] hwAddress() {
        return hwAddress.clone();
    }

    /** The client identifier (option 61), empty when the client sent none. */
    public byte[] clientId() {
        return clientId.clone();
    }

    public long validLifetime() {
        return validLifetime;
    }

    /** Seconds, 1 to 4294967294 (the largest finite DHCPv4 lease time). */
    public void setValidLifetime(long seconds) {
        if (seconds < 1 || seconds > 0xfffffffeL) {
            throw new IllegalArgumentException("valid lifetime " + seconds + " is outside 1..4294967294 seconds");
        }
        this.validLifetime = seconds;
    }

    /** The host name recorded with the lease, "" for none. */
    public String hostname() {
        return hostname;
    }

    public void setHostname(String name) {
        this.hostname = name == null ? "" : name;
    }

    @Override
    public LeaseAssignment4 copy() {
        return new LeaseAssignment4(query, subnetId, fakeAllocation, address, hwAddress, clientId, validLifetime,
                hostname);
    }
}
