package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * Kea's {@code lease4} table: the address as an unsigned 32-bit number (BIGINT in PostgreSQL,
 * INT UNSIGNED in MySQL), identifiers as binary strings (empty when absent), {@code expire} =
 * cltt + valid lifetime, the subnet id unsigned.
 */
final class Lease4Table implements SqlLeaseTable<Lease4> {

    private static final List<String> COLUMNS = List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire",
            "subnet_id", "fqdn_fwd", "fqdn_rev", "hostname", "state");
    private static final String DELETE = "DELETE FROM lease4 WHERE address = ? AND change_seq <= ?";
    private static final Comparator<Lease4> KEY_ORDER = (a, b) -> Ipv4.compare(a.address(), b.address());

    private final SqlDialect dialect;
    private final String selectAll;
    private final String upsert;

    Lease4Table(SqlDialect dialect) {
        this.dialect = dialect;
        this.selectAll = "SELECT " + String.join(", ", COLUMNS).replace("expire", dialect.expireColumn()) + " FROM lease4";
        this.upsert = dialect.upsert("lease4", COLUMNS, List.of("address"));
    }

    @Override
    public String name() {
        return "lease4";
    }

    @Override
    public String selectAllSql() {
        return selectAll;
    }

    @Override
    public String upsertSql() {
        return upsert;
    }

    @Override
    public String deleteSql() {
        return DELETE;
    }

    @Override
    public void check(Lease4 lease) {
        String key = describe(lease);
        KeaColumns.checkCommon(dialect, key, lease.validLifetime(), lease.cltt(), lease.hostname());
        KeaColumns.checkOctets(key, "hardware address", lease.hwAddress(), dialect.maxHwaddrOctets());
        KeaColumns.checkOctets(key, "client id", lease.clientId(), dialect.maxIdentifierOctets());
    }

    @Override
    public void bindUpsert(PreparedStatement statement, Lease4 lease, long changeSeq) throws SQLException {
        statement.setLong(1, Integer.toUnsignedLong(lease.address()));
        statement.setBytes(2, KeaColumns.bytea(lease.hwAddress()));
        statement.setBytes(3, KeaColumns.bytea(lease.clientId()));
        statement.setLong(4, lease.validLifetime());
        dialect.bindExpire(statement, 5, lease.expire());
        statement.setLong(6, Integer.toUnsignedLong(lease.subnetId()));
        statement.setBoolean(7, lease.fqdnFwd());
        statement.setBoolean(8, lease.fqdnRev());
        statement.setString(9, lease.hostname());
        statement.setLong(10, lease.state().code());
        statement.setLong(11, changeSeq);
    }

    @Override
    public void bindDelete(PreparedStatement statement, Lease4 lease, long changeSeq) throws SQLException {
        statement.setLong(1, Integer.toUnsignedLong(lease.address()));
        statement.setLong(2, changeSeq);
    }

    @Override
    public Lease4 read(ResultSet row) throws SQLException, IOException {
        long address = row.getLong(1);
        String key = "lease4 row " + address;
        if (address < 0 || address > KeaColumns.MAX_UINT32) {
            throw new IOException(key + ": address is outside 0.." + KeaColumns.MAX_UINT32);
        }
        key = "lease4 " + Ipv4.toText((int) address);
        long validLifetime = KeaColumns.unsigned32(row, 4, "valid_lifetime", key);
        return new Lease4((int) address, KeaColumns.octets(row, 2), KeaColumns.octets(row, 3), validLifetime,
                KeaColumns.cltt(dialect, row, 5, validLifetime, key), (int) KeaColumns.unsigned32(row, 6, "subnet_id", key),
                row.getBoolean(7), row.getBoolean(8), KeaColumns.hostname(row, 9), KeaColumns.state(row, 10, key));
    }

    @Override
    public Comparator<Lease4> keyOrder() {
        return KEY_ORDER;
    }

    @Override
    public int keyHash(Lease4 lease) {
        return Integer.hashCode(lease.address());
    }

    @Override
    public String describe(Lease4 lease) {
        return "lease4 " + lease.addressText();
    }
}
