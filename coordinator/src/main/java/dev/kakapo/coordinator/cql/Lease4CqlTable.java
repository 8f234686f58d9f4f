package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Kea's CQL {@code lease4} table: the address's unsigned 32 bits in a signed int (as Kea casts
 * it), identifiers as blobs (empty when absent), {@code expire} = cltt + valid lifetime in Unix
 * seconds, the subnet id's unsigned 32 bits in a signed int.
 */
final class Lease4CqlTable implements CqlLeaseTable<Lease4> {

    static final Lease4CqlTable TABLE = new Lease4CqlTable();

    private static final List<String> COLUMNS = List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire",
            "subnet_id", "fqdn_fwd", "fqdn_rev", "hostname", "state");
    
    private Lease4CqlTable() {
    }

    @Override
    public String name() {
        return "lease4";
    }

    @Override
    public String selectAllCql(String keyspace) {
        return "SELECT " + String.join(", ", COLUMNS) + " FROM " + keyspace + ".lease4";
    }

    @Override
    public String upsertCql(String keyspace) {
        return "INSERT INTO " + keyspace + ".lease4 (" + String.join(", ", COLUMNS) + ") VALUES ("
                + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ") USING TIMESTAMP ?";
    }

    @Override
    public String deleteCql(String keyspace) {
        return "DELETE FROM " + keyspace + ".lease4 USING TIMESTAMP ? WHERE address = ?";
    }

    @Override
    public void check(Lease4 lease) {
        KeaCqlColumns.checkCommon(describe(lease), lease.validLifetime(), lease.cltt(), lease.hostname());
    }

    @Override
    public BoundStatement bindUpsert(PreparedStatement upsert, Lease4 lease, long changeSeq) {
        return upsert.bind(lease.address(), KeaCqlColumns.blob(lease.hwAddress()), KeaCqlColumns.blob(lease.clientId()),
                lease.validLifetime(), lease.expire(), lease.subnetId(), lease.fqdnFwd(), lease.fqdnRev(),
                lease.hostname(), lease.state().code(), changeSeq);
    }

    @Override
    public BoundStatement bindDelete(PreparedStatement delete, Lease4 lease, long changeSeq) {
        return delete.bind(changeSeq, lease.address());
    }

    @Override
    public Lease4 read(Row row) throws IOException {
        int address = row.getInt("address");
        String key = "lease4 " + Ipv4.toText(address);
        long validLifetime = KeaCqlColumns.unsigned32(row, "valid_lifetime", key);
        return new Lease4(address, KeaCqlColumns.octets(row, "hwaddr"), KeaCqlColumns.octets(row, "client_id"),
                validLifetime, KeaCqlColumns.cltt(row, validLifetime, key), row.getInt("subnet_id"),
                row.getBoolean("fqdn_fwd"), row.getBoolean("fqdn_rev"), KeaCqlColumns.hostname(row),
                KeaCqlColumns.state(row, key));
    }

    @Override
    public String describe(Lease4 lease) {
        return "lease4 " + lease.addressText();
    }
}
