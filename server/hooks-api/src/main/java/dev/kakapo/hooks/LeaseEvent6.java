package dev.kakapo.hooks;

import dev.kakapo.protocol.v6.Message6;
import java.net.Inet6Address;
import java.util.Objects;

/**
 * A DHCPv6 lease (an address of an IA_NA or a prefix of an IA_PD), read only, at
 * {@code lease6_select} (a lease the server just assigned or offered), {@code lease6_renew},
 * {@code lease6_rebind} (a lease the client asks to extend, before it is), {@code lease6_release},
 * {@code lease6_decline}, {@code lease6_expire} and {@code lease6_recover}. What SKIP and DROP do
 * at each is in {@link HookPoint}.
 */
public final class LeaseEvent6 implements CalloutArguments {
    /** The kind of IA a lease belongs to. */
    public enum Kind { IA_NA, IA_PD }

    private final Message6 query;
    private final int subnetId;
    private final Kind kind;
    private final Inet6Address address;
    private final int prefixLength;
    private final byte[] duid;
    private final long iaid;
    private final long preferredLifetime;
    private final long validLifetime;
    private final String hostname;

    /**
     * @param query        the client's message, null for expire and recover
     * @param prefixLength 128 for an address
     */
    public LeaseEvent6(Message6 query, int subnetId, Kind kind, Inet6Address address, int prefixLength, byte[] duid,
                       long iaid, long preferredLifetime, long validLifetime, String hostname) {
        this.query = query;
        this.subnetId = subnetId;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.address = Objects.requireNonNull(address, "address");
        this.prefixLength = prefixLength;
        this.duid = duid.clone();
        this.iaid = iaid;
        this.preferredLifetime = preferredLifetime;
        this.validLifetime = validLifetime;
        this.hostname = hostname == null ? "" : hostname;
    }

    public Message6 query() {
        return query;
    }

    public int subnetId() {
        return subnetId;
    }

    public Kind kind() {
        return kind;
    }

    public Inet6Address address() {
        return address;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** The client's DUID. */
    public byte[] duid() {
        return duid.clone();
    }

    public long iaid() {
        return iaid;
    }

    public long preferredLifetime() {
        return preferredLifetime;
    }

    public long validLifetime() {
        return validLifetime;
    }

    public String hostname() {
        return hostname;
    }

    @Override
    public LeaseEvent6 copy() {
        return this; // nothing in it can change
    }
}
