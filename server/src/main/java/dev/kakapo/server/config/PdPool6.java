package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv6Address;
import java.util.List;

/**
 * A prefix delegation pool ({@code pd-pools}): prefixes of {@code delegatedLength} bits cut from
 * {@code prefix}/{@code prefixLength}.
 */
public record PdPool6(Ipv6Address prefix, int prefixLength, int delegatedLength, List<ConfiguredOption> options,
                      ClassGuard classes) {

    public PdPool6 {
        if (delegatedLength < prefixLength || delegatedLength > 128) {
            throw new IllegalArgumentException("delegated length " + delegatedLength
                    + " must be longer than or equal to prefix length " + prefixLength + " and at most 128");
        }
        options = List.copyOf(options);
    }

    /** Whether {@code delegated} is one of this pool's prefixes (its first address inside the pool). */
    public boolean contains(Ipv6Address delegated) {
        return delegated.within(prefix, prefixLength) && delegated.masked(delegatedLength).equals(delegated);
    }
}
