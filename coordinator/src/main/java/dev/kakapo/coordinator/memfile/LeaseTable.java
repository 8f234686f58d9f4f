package dev.kakapo.coordinator.memfile;

import java.util.List;
import java.util.TreeMap;

/**
 * The leases that replaying lease files builds: rows apply in order, so the last row for a lease
 * wins, and a row with valid lifetime 0 deletes the lease. Which rows are the same lease is the
 * format's {@link LeaseRowFormat#identityOrder()}.
 */
final class LeaseTable<L> {
    private final LeaseRowFormat<L> format;
    /** Key and value compare equal; the value is the newest row, the key may be an older one. */
    private final TreeMap<L, L> byIdentity;

    LeaseTable(LeaseRowFormat<L> format) {
        this.format = format;
        this.byIdentity = new TreeMap<>(format.identityOrder());
    }

    void apply(L row) {
        if (format.validLifetime(row) == 0) {
            byIdentity.remove(row);
        } else {
            byIdentity.put(row, row);
        }
    }

    /** The live leases in identity order. */
    List<L> leases() {
        return List.copyOf(byIdentity.values());
    }

    int size() {
        return byIdentity.size();
    }
}
