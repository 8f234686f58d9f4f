package dev.kakapo.ddns.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * One {@code ddns-domains} entry: a zone Kakapo updates, the key that signs its updates (none
 * means unsigned) and its DNS servers, tried in order.
 *
 * @param name the zone, or {@link #WILDCARD} ({@code *}) to match every name
 */
public record DdnsDomain(Name name, Optional<TsigKey> key, List<DnsServer> servers) {
    /** The {@code *} domain: matches any name no other domain matches. */
    public static final Name WILDCARD = Name.fromConstantString("*.");

    public DdnsDomain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        servers = List.copyOf(servers);
        if (!name.isAbsolute()) {
            throw new IllegalArgumentException("domain name must be absolute: " + name);
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("domain " + name + " has no DNS server");
        }
    }

    public boolean isWildcard() {
        return name.equals(WILDCARD);
    }

    /**
     * The zone named in an update of {@code owner}: the domain itself, or for the wildcard the
     * owner's parent (the name less its first label), the usual zone of a host name or of an
     * IPv4 reverse name.
     */
    public Name zoneFor(Name owner) {
        if (!isWildcard()) {
            return name;
        }
        return owner.labels() > 1 ? new Name(owner, 1) : Name.root;
    }
}
