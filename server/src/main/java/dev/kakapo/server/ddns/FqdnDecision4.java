package dev.kakapo.server.ddns;

import dev.kakapo.protocol.dns.ClientFqdn4;
import dev.kakapo.protocol.dns.DomainName;

/**
 * A DHCPv4 decision: the lease's name and update directions, and what the reply carries. A client
 * that sent option 81 gets option 81 back; one that sent option 12 (or none, when the server
 * generates a name for it) gets option 12 back.
 *
 * @param replyFqdn     the Client FQDN option for the reply, or null
 * @param replyHostName the Host Name option (12) text for the reply, or null
 */
public record FqdnDecision4(DomainName name, boolean forward, boolean reverse, ClientFqdn4 replyFqdn,
                            String replyHostName) implements FqdnDecision {

    /** No name, no updates, nothing in the reply. */
    public static final FqdnDecision4 NONE = new FqdnDecision4(null, false, false, null, null);

    public FqdnDecision4 {
        if (name != null && !name.isAbsolute()) {
            throw new IllegalArgumentException("a lease's name is absolute, not '" + name + "'");
        }
        if (replyFqdn != null && replyHostName != null) {
            throw new IllegalArgumentException("a reply carries option 81 or option 12, not both");
        }
    }

    /**
     * The lease's hostname as Kea records it: the name with its trailing dot when it came through
     * option 81, the option 12 text (no trailing dot) otherwise; empty when there is no name.
     */
    public String leaseHostname() {
        if (name == null) {
            return "";
        }
        return replyHostName != null ? replyHostName : name.toText();
    }
}
