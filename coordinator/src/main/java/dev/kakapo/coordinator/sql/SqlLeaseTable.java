package dev.kakapo.coordinator.sql;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;

/**
 * One lease family's table in Kea's layout: its statements, and how a lease maps onto a row.
 * {@link SqlLeaseStore} does the rest the same way for both families.
 *
 * @param <L> the lease type
 */
interface SqlLeaseTable<L> {

    /** Kea's table name, e.g. {@code lease4}. */
    String name();

    /** Every column of every row, in the order {@link #read} takes them. */
    String selectAllSql();

    /**
     * Inserts the lease, or updates its row when the row holds an older or equal change, so a
     * late write of an older change never replaces a newer one. Binds by {@link #bindUpsert}.
     */
    String upsertSql();

    /** Deletes the lease's row when it holds an older or equal change. Binds by {@link #bindDelete}. */
    String deleteSql();

    /**
     * Checks that every column can hold the lease.
     *
     * @throws IllegalArgumentException naming the lease and the value at fault
     */
    void check(L lease);

    void bindUpsert(PreparedStatement statement, L lease, long changeSeq) throws SQLException;

    void bindDelete(PreparedStatement statement, L lease, long changeSeq) throws SQLException;

    /**
     * The lease on the result set's current row.
     *
     * @throws IOException naming the row's key when a value is not one Kakapo can read
     */
    L read(ResultSet row) throws SQLException, IOException;

    /** Orders leases by their row key, so every writer locks rows in one order. */
    Comparator<L> keyOrder();

    /** A hash of the row key: which writer a lease's changes go to. */
    int keyHash(L lease);

    /** The row key as messages name it, e.g. {@code lease4 192.0.2.1}. */
    String describe(L lease);
}
