package dev.kakapo.hooks;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The points where callouts run, with Kea's names and meaning. For every point tied to a
 * client's packet, DROP drops the packet: nothing more is done for it and no reply is sent.
 * SKIP leaves out the server's own step at the point:
 *
 * <ul>
 * <li>{@code buffer4_receive}, {@code buffer6_receive} ({@link Buffer}): the raw datagram before it
 *     is decoded; a callout may replace the bytes. SKIP is CONTINUE: Kakapo always decodes, the
 *     bytes a callout left.</li>
 * <li>{@code pkt4_receive}, {@code pkt6_receive} ({@link Query4}, {@link Query6}): the decoded
 *     message after classification; a callout may replace it and add classes. SKIP drops, as in Kea.</li>
 * <li>{@code subnet4_select}, {@code subnet6_select} ({@link SubnetChoice4}, {@link SubnetChoice6}):
 *     a callout may choose another configured subnet; SKIP means no subnet.</li>
 * <li>{@code lease4_select}, {@code lease4_renew} ({@link LeaseAssignment4}): before a lease is
 *     given or extended; lifetime and host name may change. SKIP: not assigned (no OFFER, a NAK for a
 *     REQUEST), or for a renewal not extended (the held lease is sent back).</li>
 * <li>{@code lease4_release}, {@code lease4_decline} ({@link LeaseEvent4}): SKIP: the lease is kept.</li>
 * <li>{@code lease4_expire}, {@code lease4_recover} ({@link LeaseEvent4}): told after reclamation;
 *     the result is not used.</li>
 * <li>{@code lease6_select} ({@link LeaseEvent6}): after a lease is assigned or offered; SKIP: it
 *     is not (handed back; the IA gets NoAddrsAvail / NoPrefixAvail).</li>
 * <li>{@code lease6_renew}, {@code lease6_rebind} ({@link LeaseEvent6}): before an address or
 *     prefix the client names is extended; SKIP: not extended (sent back with lifetimes 0).</li>
 * <li>{@code lease6_release}, {@code lease6_decline} ({@link LeaseEvent6}): SKIP: the lease is kept
 *     and the client still answered.</li>
 * <li>{@code lease6_expire}, {@code lease6_recover} ({@link LeaseEvent6}): as for DHCPv4.</li>
 * <li>{@code pkt4_send}, {@code pkt6_send} ({@link Response4}, {@link Response6}): the reply before
 *     it is encoded; a callout may replace it. SKIP: not sent.</li>
 * <li>{@code buffer4_send}, {@code buffer6_send} ({@link Buffer}): the encoded reply; a callout may
 *     replace the bytes. SKIP: not sent.</li>
 * </ul>
 */
public enum HookPoint {
    BUFFER4_RECEIVE("buffer4_receive", Buffer.class),
    PKT4_RECEIVE("pkt4_receive", Query4.class),
    SUBNET4_SELECT("subnet4_select", SubnetChoice4.class),
    LEASE4_SELECT("lease4_select", LeaseAssignment4.class),
    LEASE4_RENEW("lease4_renew", LeaseAssignment4.class),
    LEASE4_RELEASE("lease4_release", LeaseEvent4.class),
    LEASE4_DECLINE("lease4_decline", LeaseEvent4.class),
    LEASE4_EXPIRE("lease4_expire", LeaseEvent4.class),
    LEASE4_RECOVER("lease4_recover", LeaseEvent4.class),
    PKT4_SEND("pkt4_send", Response4.class),
    BUFFER4_SEND("buffer4_send", Buffer.class),

    BUFFER6_RECEIVE("buffer6_receive", Buffer.class),
    PKT6_RECEIVE("pkt6_receive", Query6.class),
    SUBNET6_SELECT("subnet6_select", SubnetChoice6.class),
    LEASE6_SELECT("lease6_select", LeaseEvent6.class),
    LEASE6_RENEW("lease6_renew", LeaseEvent6.class),
    LEASE6_REBIND("lease6_rebind", LeaseEvent6.class),
    LEASE6_RELEASE("lease6_release", LeaseEvent6.class),
    LEASE6_DECLINE("lease6_decline", LeaseEvent6.class),
    LEASE6_EXPIRE("lease6_expire", LeaseEvent6.class),
    LEASE6_RECOVER("lease6_recover", LeaseEvent6.class),
    PKT6_SEND("pkt6_send", Response6.class),
    BUFFER6_SEND("buffer6_send", Buffer.class);

    private final String keaName;
    private final Class<? extends CalloutArguments> argumentType;

    HookPoint(String keaName, Class<? extends CalloutArguments> argumentType) {
        this.keaName = keaName;
        this.argumentType = argumentType;
    }

    /** Kea's name, e.g. {@code pkt4_receive}. */
    public String keaName() {
        return keaName;
    }

    /** What a callout at this point is given. */
    public Class<? extends CalloutArguments> argumentType() {
        return argumentType;
    }

    /**
     * The point with Kea's name {@code name}.
     *
     * @throws IllegalArgumentException naming the expected names when there is none
     */
    public static HookPoint named(String name) {
        for (HookPoint p : values()) {
            if (p.keaName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown hook point '" + name + "' (expected one of: "
                + Arrays.stream(values()).map(HookPoint::keaName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return keaName;
    }
}
