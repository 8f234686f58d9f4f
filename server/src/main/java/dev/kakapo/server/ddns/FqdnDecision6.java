package dev.kakapo.server.ddns;

import dev.kakapo.protocol.dns.ClientFqdn6;
import dev.kakapo.protocol.dns.DomainName;

/**
 * A DHCPv6 decision: the lease's name and update directions, and the Client FQDN option for the
 * reply.
 *
 * @param replyFqdn the option 39 for the reply; null when the client sent none (RFC 4704 section 6:
 *                  a server answers the option only to a client that sent it)
 */
public record FqdnDecision6(DomainName name, boolean forward, boolean reverse, ClientFqdn6 replyFqdn)
        implements FqdnDecision {

    /** No name, no updates, nothing in the reply. */
    public static final FqdnDecision6 NONE = new FqdnDecision6(null, false, false, null);

    public FqdnDecision6 {
        if (name != null && !name.isAbsolute()) {
            throw new IllegalArgumentException("a lease's name is absolute, not '" + name + "'");
        }
    }

    /** The lease's hostname as Kea records it: the name with its trailing dot, empty when there is none. */
    public String leaseHostname() {
        return name == null ? "" : name.toText();
    }
}
