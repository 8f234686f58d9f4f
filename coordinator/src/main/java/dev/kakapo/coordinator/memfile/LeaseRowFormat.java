package dev.kakapo.coordinator.memfile;

import java.util.Comparator;

/**
 * How one address family's leases are written as, and read back from, rows of a Kea lease CSV
 * file ({@link Lease4Csv}, {@link Lease6Csv}). Everything else about a memfile lease database,
 * appending, replaying and compacting, works the same for both families over this.
 *
 * @param <L> the lease type
 */
interface LeaseRowFormat<L> {

    /** Where one file's columns sit: reads that file's rows. */
    @FunctionalInterface
    interface Layout<L> {
        /**
         * Reads one row (without its line end). A lease with valid lifetime 0 is a deletion marker.
         *
         * @throws BadLeaseRowException naming the column and value at fault
         */
        L parse(String row) throws BadLeaseRowException;
    }

    /** The header line Kakapo writes (Kea 1.1's columns), without its line end. */
    String header();

    /**
     * The layout of a file with this header line, its columns matched by name so files of every
     * Kea version read.
     *
     * @throws BadLeaseRowException naming a column Kakapo needs that the header lacks
     */
    Layout<L> layoutOf(String headerLine) throws BadLeaseRowException;

    /**
     * The row, in {@link #header()}'s columns and ending in '\n', recording the lease with the
     * given valid lifetime.
     *
     * @throws IllegalArgumentException naming the lease when no lease file can hold it
     */
    String row(L lease, long validLifetime);

    long validLifetime(L lease);

    /** Names the lease in messages. */
    String describe(L lease);

    /**
     * Orders leases by what identifies a lease in the file: leases comparing equal are one lease
     * at different times, so the last row of them wins. A compacted file lists leases in this order.
     */
    Comparator<L> identityOrder();

    /** The row recording the lease as it now is; valid lifetime 0 is refused, it means deletion. */
    default String liveRow(L lease) {
        if (validLifetime(lease) == 0) {
            throw new IllegalArgumentException("lease " + describe(lease)
                    + " has valid_lifetime 0, which marks a deletion in the lease file; remove it instead");
        }
        return row(lease, validLifetime(lease));
    }

    /** Kea's deletion marker: the lease row with valid lifetime 0 (so expire equals cltt). */
    default String deletionRow(L lease) {
        return row(lease, 0);
    }
}
