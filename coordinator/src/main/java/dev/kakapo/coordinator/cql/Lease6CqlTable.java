package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseType6;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Kea's CQL {@code lease6} table: the address as RFC 5952 text, the IAID's and subnet id's
 * unsigned 32 bits in signed ints (as Kea casts them), the hardware address type and source 0
 * (unknown), since Kakapo's leases do not carry them. Partitioned by the address, one row per
 * (address, lease_type).
 */
final class Lease6CqlTable implements CqlLeaseTable<Lease6> {

    static final Lease6CqlTable TABLE = new Lease6CqlTable();

    /** Kea's HTYPE and hardware address source numbers for "not known". */
    private static final int UNKNOWN = 0;

    private static final List<String> COLUMNS = List.of("address", "lease_type", "duid", "valid_lifetime", "expire",
            "subnet_id", "pref_lifetime", "iaid", "prefix_len", "fqdn_fwd", "fqdn_rev", "hostname", "hwaddr", "hwtype",
            "hwaddr_source", "state");
    
    private Lease6CqlTable() {
    }

    @Override
    public String name() {
        return "lease6";
    }

    @Override
    public String selectAllCql(String keyspace) {
        return "SELECT " + String.join(", ", COLUMNS) + " FROM " + keyspace + ".lease6";
    }

    @Override
    public String upsertCql(String keyspace) {
        return "INSERT INTO " + keyspace + ".lease6 (" + String.join(", ", COLUMNS) + ") VALUES ("
                + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ") USING TIMESTAMP ?";
    }

    @Override
    public String deleteCql(String keyspace) {
        return "DELETE FROM " + keyspace + ".lease6 USING TIMESTAMP ? WHERE address = ? AND lease_type = ?";
    }

    @Override
    public void check(Lease6 lease) {
        String key = describe(lease);
        KeaCqlColumns.checkCommon(key, lease.validLifetime(), lease.cltt(), lease.hostname());
        if (lease.preferredLifetime() < 0 || lease.preferredLifetime() > KeaCqlColumns.MAX_UINT32) {
            throw new IllegalArgumentException(key + ": preferred lifetime " + lease.preferredLifetime()
                    + " is outside 0.." + KeaCqlColumns.MAX_UINT32);
        }
        if (lease.iaid() < 0 || lease.iaid() > KeaCqlColumns.MAX_UINT32) {
            throw new IllegalArgumentException(key + ": IAID " + lease.iaid() + " is outside 0.." + KeaCqlColumns.MAX_UINT32);
        }
        if (lease.prefixLength() < 0 || lease.prefixLength() > 128) {
            throw new IllegalArgumentException(key + ": prefix length " + lease.prefixLength() + " is outside 0..128");
        }
    }

    @Override
    public BoundStatement bindUpsert(PreparedStatement upsert, Lease6 lease, long changeSeq) {
        return upsert.bind(lease.address().toText(), lease.type().code(), KeaCqlColumns.blob(lease.duid()),
                lease.validLifetime(), lease.expire(), lease.subnetId(), lease.preferredLifetime(), (int) lease.iaid(),
                lease.prefixLength(), lease.fqdnFwd(), lease.fqdnRev(), lease.hostname(),
                KeaCqlColumns.blob(lease.hwAddress()), UNKNOWN, UNKNOWN, lease.state().code(), changeSeq);
    }

    @Override
    public BoundStatement bindDelete(PreparedStatement delete, Lease6 lease, long changeSeq) {
        return delete.bind(changeSeq, lease.address().toText(), lease.type().code());
    }

    @Override
    public Lease6 read(Row row) throws IOException {
        String text = row.getString("address");
        String key = "lease6 " + text;
        Ipv6Address address;
        LeaseType6 type;
        try {
            address = Ipv6Address.parse(text);
            type = LeaseType6.fromCode(row.getInt("lease_type"));
        } catch (IllegalArgumentException e) {
            throw new IOException(key + ": " + e.getMessage(), e);
        }
        key = "lease6 " + text + " " + type;
        long validLifetime = KeaCqlColumns.unsigned32(row, "valid_lifetime", key);
        int prefixLength = 128;
        if (!row.isNull("prefix_len")) {
            prefixLength = row.getInt("prefix_len");
            if (prefixLength < 0 || prefixLength > 128) {
                throw new IOException(key + " has prefix_len " + prefixLength + ", outside 0..128");
            }
        }
        return new Lease6(address, prefixLength, type, KeaCqlColumns.octets(row, "duid"),
                KeaCqlColumns.unsignedInt(row, "iaid"), KeaCqlColumns.unsigned32(row, "pref_lifetime", key), validLifetime,
                KeaCqlColumns.cltt(row, validLifetime, key), row.getInt("subnet_id"), row.getBoolean("fqdn_fwd"),
                row.getBoolean("fqdn_rev"), KeaCqlColumns.hostname(row), KeaCqlColumns.octets(row, "hwaddr"),
                KeaCqlColumns.state(row, key));
    }

    @Override
    public String describe(Lease6 lease) {
        return "lease6 " + lease.address().toText() + " " + lease.type();
    }
}
