package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.io.IOException;

/**
 * One lease family's table in Kea's CQL layout: its statements, and how a lease maps onto a row.
 * {@link CqlLeaseStore} does the rest the same way for both families.
 *
 * @param <L> the lease type
 */
interface CqlLeaseTable<L> {

    /** Kea's table name, e.g. {@code lease4}. */
    String name();

    /** Every column of every row, read by {@link #read}; {@code keyspace} names the table's keyspace. */
    String selectAllCql(String keyspace);

    /**
     * Writes every column of the lease's row {@code USING TIMESTAMP} of the change number, so of
     * two writes of one row the one with the higher number wins whatever order they arrive in.
     */
    String upsertCql(String keyspace);

    /** Deletes the lease's row {@code USING TIMESTAMP} of the change number. */
    String deleteCql(String keyspace);

    /**
     * Checks that every column can hold the lease.
     *
     * @throws IllegalArgumentException naming the lease and the value at fault
     */
    void check(L lease);

    BoundStatement bindUpsert(PreparedStatement upsert, L lease, long changeSeq);

    BoundStatement bindDelete(PreparedStatement delete, L lease, long changeSeq);

    /**
     * The lease a row holds.
     *
     * @throws IOException naming the row's key when a value is not one Kakapo can read
     */
    L read(Row row) throws IOException;

    /** The row key as messages name it, e.g. {@code lease4 192.0.2.1}. */
    String describe(L lease);
}
