package dev.kakapo.hooks;

import dev.kakapo.protocol.v4.Message4;
import java.net.Inet4Address;
import java.util.Objects;

/**
 * A DHCPv4 lease something happens to, read only: {@code lease4_release}, {@code lease4_decline}
 * (with the client's message), {@code lease4_expire} and {@code lease4_recover} (without one:
 * the server's reclamation found the lease expired, or a declined address's probation over).
 * SKIP or DROP at release and decline: the lease is kept as it is. At expire and recover the
 * lease is already reclaimed when callouts run, so their result is not used.
 */
public final class LeaseEvent4 implements CalloutArguments {
    private final Message4 query;
    private final int subnetId;
    private final Inet4Address address;
    private final byte[] hwAddress;
    private final byte[] clientId;
    private final long validLifetime;
    private final long cltt;
    private final String hostname;

    /**
     * @param query the client's message, null for expire and recover
     * @param cltt  client last transaction time, seconds since the epoch
     */
    public LeaseEvent4(Message4 query, int subnetId, Inet4Address address, byte[] hwAddress, byte[] clientId,
                       long validLifetime, long cltt, String hostname) {
        this.query = query;
        this.subnetId = subnetId;
        this.address = Objects.requireNonNull(address, "address");
        this.hwAddress = hwAddress.clone();
        this.clientId = clientId.clone();
        this.validLifetime = validLifetime;
        this.cltt = cltt;
        this.hostname = hostname == null ? "" : hostname;
    }

    /** The client's message, or null when the server itself acts (expire, recover). */
    public Message4 query() {
        return query;
    }

    public int subnetId() {
        return subnetId;
    }

    public Inet4Address address() {
        return address;
    }

    public byte[] hwAddress() {
        return hwAddress.clone();
    }

    public byte[] clientId() {
        return clientId.clone();
    }

    public long validLifetime() {
        return validLifetime;
    }

    public long cltt() {
        return cltt;
    }

    public String hostname() {
        return hostname;
    }

    @Override
    public LeaseEvent4 copy() {
        return this; // nothing in it can change
    }
}
