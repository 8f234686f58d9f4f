package dev.kakapo.coordinator.sql;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseType6;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * Kea's {@code lease6} table: the address as RFC 5952 text, the IAID unsigned (PostgreSQL: its
 * 32 bits in a signed INT, as Kea casts it), the hardware address type and source 0 (unknown),
 * since Kakapo's leases do not carry them. Keyed by (address, lease_type).
 */
final class Lease6Table implements SqlLeaseTable<Lease6> {

    /** Kea's HTYPE and hardware address source numbers for "not known". */
    private static final short UNKNOWN = 0;

    private static final List<String> COLUMNS = List.of("address", "duid", "valid_lifetime", "expire", "subnet_id",
            "pref_lifetime", "lease_type", "iaid", "prefix_len", "fqdn_fwd", "fqdn_rev", "hostname", "state", "hwaddr",
            "hwtype", "hwaddr_source");
    private static final String DELETE = "DELETE FROM lease6 WHERE address = ? AND lease_type = ? AND change_seq <= ?";
    private static final Comparator<Lease6> KEY_ORDER = Comparator.comparing(Lease6::address)
            .thenComparing(Lease6::type);

    private final SqlDialect dialect;
    private final String selectAll;
    private final String upsert;

    Lease6Table(SqlDialect dialect) {
        this.dialect = dialect;
        this.selectAll = "SELECT " + String.join(", ", COLUMNS).replace("expire", dialect.expireColumn()) + " FROM lease6";
        this.upsert = dialect.upsert("lease6", COLUMNS, List.of("address", "lease_type"));
    }

    @Override
    public String name() {
        return "lease6";
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
    public void check(Lease6 lease) {
        String key = describe(lease);
        KeaColumns.checkCommon(dialect, key, lease.validLifetime(), lease.cltt(), lease.hostname());
        KeaColumns.checkOctets(key, "DUID", lease.duid(), dialect.maxIdentifierOctets());
        KeaColumns.checkOctets(key, "hardware address", lease.hwAddress(), dialect.maxHwaddrOctets());
        if (lease.preferredLifetime() < 0 || lease.preferredLifetime() > KeaColumns.MAX_UINT32) {
            throw new IllegalArgumentException(key + ": preferred lifetime " + lease.preferredLifetime()
                    + " is outside 0.." + KeaColumns.MAX_UINT32);
        }
        if (lease.iaid() < 0 || lease.iaid() > KeaColumns.MAX_UINT32) {
            throw new IllegalArgumentException(key + ": IAID " + lease.iaid() + " is outside 0.." + KeaColumns.MAX_UINT32);
        }
        if (lease.prefixLength() < 0 || lease.prefixLength() > 128) {
            throw new IllegalArgumentException(key + ": prefix length " + lease.prefixLength() + " is outside 0..128");
        }
    }

    @Override
    public void bindUpsert(PreparedStatement statement, Lease6 lease, long changeSeq) throws SQLException {
        statement.setString(1, lease.address().toText());
        statement.setBytes(2, KeaColumns.bytea(lease.duid()));
        statement.setLong(3, lease.validLifetime());
        dialect.bindExpire(statement, 4, lease.expire());
        statement.setLong(5, Integer.toUnsignedLong(lease.subnetId()));
        statement.setLong(6, lease.preferredLifetime());
        statement.setShort(7, (short) lease.type().code());
        if (dialect.unsignedColumns()) {
            statement.setLong(8, lease.iaid());
        } else {
            statement.setInt(8, (int) lease.iaid());
        }
        statement.setShort(9, (short) lease.prefixLength());
        statement.setBoolean(10, lease.fqdnFwd());
        statement.setBoolean(11, lease.fqdnRev());
        statement.setString(12, lease.hostname());
        statement.setLong(13, lease.state().code());
        statement.setBytes(14, KeaColumns.bytea(lease.hwAddress()));
        statement.setShort(15, UNKNOWN);
        statement.setShort(16, UNKNOWN);
        statement.setLong(17, changeSeq);
    }

    @Override
    public void bindDelete(PreparedStatement statement, Lease6 lease, long changeSeq) throws SQLException {
        statement.setString(1, lease.address().toText());
        statement.setShort(2, (short) lease.type().code());
        statement.setLong(3, changeSeq);
    }

    @Override
    public Lease6 read(ResultSet row) throws SQLException, IOException {
        String text = row.getString(1);
        String key = "lease6 " + text;
        Ipv6Address address;
        LeaseType6 type;
        try {
            address = Ipv6Address.parse(text);
            type = LeaseType6.fromCode(row.getShort(7));
        } catch (IllegalArgumentException e) {
            throw new IOException(key + ": " + e.getMessage(), e);
        }
        key = "lease6 " + text + " " + type;
        long validLifetime = KeaColumns.unsigned32(row, 3, "valid_lifetime", key);
        short prefixLength = row.getShort(9);
        if (row.wasNull()) {
            prefixLength = 128;
        } else if (prefixLength < 0 || prefixLength > 128) {
            throw new IOException(key + " has prefix_len " + prefixLength + ", outside 0..128");
        }
        // A signed INT (PostgreSQL) or an INT UNSIGNED (MySQL): either way the low 32 bits are the IAID.
        long iaid = row.getLong(8) & KeaColumns.MAX_UINT32;
        return new Lease6(address, prefixLength, type, KeaColumns.octets(row, 2), iaid,
                KeaColumns.unsigned32(row, 6, "pref_lifetime", key), validLifetime,
                KeaColumns.cltt(dialect, row, 4, validLifetime, key), (int) KeaColumns.unsigned32(row, 5, "subnet_id", key),
                row.getBoolean(10), row.getBoolean(11), KeaColumns.hostname(row, 12), KeaColumns.octets(row, 14),
                KeaColumns.state(row, 13, key));
    }

    @Override
    public Comparator<Lease6> keyOrder() {
        return KEY_ORDER;
    }

    @Override
    public int keyHash(Lease6 lease) {
        return 31 * lease.address().hashCode() + lease.type().code();
    }

    @Override
    public String describe(Lease6 lease) {
        return "lease6 " + lease.address().toText() + " " + lease.type();
    }
}
