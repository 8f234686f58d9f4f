package dev.kakapo.server.config;

import java.util.List;

/**
 * An address pool: {@code "first - last"} or {@code "prefix/len"} (both ends inclusive), with its
 * own {@code option-data}.
 */
public record Pool4(int first, int last, List<ConfiguredOption> options) {

    public Pool4 {
        if (Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("pool start is after its end");
        }
        options = List.copyOf(options);
    }

    public boolean contains(int address) {
        return Integer.compareUnsigned(address, first) >= 0 && Integer.compareUnsigned(address, last) <= 0;
    }

    public long size() {
        return Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1;
    }
}
