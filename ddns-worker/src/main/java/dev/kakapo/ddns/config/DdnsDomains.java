package dev.kakapo.ddns.config;

import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The {@code ddns-domains} of one direction ({@code forward-ddns} or {@code reverse-ddns}) and
 * the rule that picks one for a name: the longest domain the name is equal to or under, compared
 * case-insensitively label by label; {@code *} matches when nothing else does.
 */
public record DdnsDomains(List<DdnsDomain> domains) {
    public static final DdnsDomains NONE = new DdnsDomains(List.of());

    public DdnsDomains {
        domains = List.copyOf(domains);
    }

    /** The domain that holds {@code owner}; empty means this direction is not updated for it. */
    public Optional<DdnsDomain> match(Name owner) {
        DdnsDomain best = null;
        DdnsDomain wildcard = null;
        for (DdnsDomain d : domains) {
            if (d.isWildcard()) {
                wildcard = d;
            } else if (owner.subdomain(d.name()) && (best == null || d.name().labels() > best.name().labels())) {
                best = d;
            }
        }
        return Optional.ofNullable(best != null ? best : wildcard);
    }

    public boolean isEmpty() {
        return domains.isEmpty();
    }
}
