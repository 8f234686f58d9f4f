package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv6Address;
import java.util.List;

/** An IPv6 address pool, {@code "first - last"} or {@code "prefix/len"} (inclusive), with its {@code option-data}. */
public record Pool6(Ipv6Address first, Ipv6Address last, List<ConfiguredOption> options,
                    ClassGuard classes) {

    public Pool6 {
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("pool start is after its end");
        }
        options = List.copyOf(options);
    }

    public boolean contains(Ipv6Address address) {
        return address.compareTo(first) >= 0 && address.compareTo(last) <= 0;
    }
}
