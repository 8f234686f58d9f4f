package dev.kakapo.server.ddns;

import dev.kakapo.protocol.dns.DomainName;

/**
 * What the server makes of a client's name for one lease: the name the lease gets and which DNS
 * updates the server does for it. {@link FqdnDecision4} and {@link FqdnDecision6} add what goes
 * back to the client.
 */
public sealed interface FqdnDecision permits FqdnDecision4, FqdnDecision6 {

    /** The lease's name, absolute; null when the lease gets no name. */
    DomainName name();

    /** Whether the server adds the A/AAAA and DHCID records of the name. */
    boolean forward();

    /** Whether the server adds the PTR record of the address. */
    boolean reverse();

    /** Whether any name change request is due: a name and at least one direction. */
    default boolean updatesDns() {
        return name() != null && (forward() || reverse());
    }
}
