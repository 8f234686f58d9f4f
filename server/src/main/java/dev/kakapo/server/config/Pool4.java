package dev.kakapo.server.config;

import dev.kakapo.coordinator.allocator.AddressRange;
import java.util.List;

/**
 * An address pool: {@code "first - last"} or {@code "prefix/len"} (both ends inclusive), with its
 * own {@code option-data}.
 */
public record Pool4(int first, int last, List<ConfiguredOption> options,
                    ClassGuard classes) {

    public Pool4 {
        if (Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("pool start is after its end");
        }
        options = List.copyOf(options);
    }

    /** The addresses the allocator may hand out from this pool. */
    public AddressRange range() {
        return new AddressRange(first, last);
    }

    public boolean contains(int address) {
        return range().contains(address);
    }

    public long size() {
        return range().size();
    }
}
