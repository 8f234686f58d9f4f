package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.sql.SchemaVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CqlSchemaTest {

    private static CassandraServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = CassandraServer.shared();
    }

    @Test
    void initCreatesKeasTablesKeyedForKakapo() throws Exception {
        CqlSettings settings = server.newKeyspace(false);
        assertEquals(SchemaVersion.NONE, CqlSchema.version(settings));
        CqlSchema.init(settings, false, 1);
        assertEquals(new SchemaVersion(1, 1, 0), CqlSchema.version(settings));
        try (CqlSession session = server.session()) {
            assertEquals(List.of("address int partition_key", "client_id blob regular", "expire bigint regular",
                            "fqdn_fwd boolean regular", "fqdn_rev boolean regular", "hostname text regular",
                            "hwaddr blob regular", "state int regular", "subnet_id int regular",
                            "valid_lifetime bigint regular"),
                    columns(session, settings.keyspace(), "lease4"));
            assertEquals(List.of("address text partition_key", "duid blob regular", "expire bigint regular",
                            "fqdn_fwd boolean regular", "fqdn_rev boolean regular", "hostname text regular",
                            "hwaddr blob regular", "hwaddr_source int regular", "hwtype int regular", "iaid int regular",
                            "lease_type int clustering", "pref_lifetime bigint regular", "prefix_len int regular",
                            "state int regular", "subnet_id int regular", "valid_lifetime bigint regular"),
                    columns(session, settings.keyspace(), "lease6"));
            // No secondary index: every write touches its own row only.
            assertEquals(0, session.execute("SELECT index_name FROM system_schema.indexes WHERE keyspace_name = '"
                    + settings.keyspace() + "'").all().size());
        }
    }

    @Test
    void initRefusesAKeyspaceThatHoldsASchema() throws Exception {
        CqlSettings settings = server.newKeyspace(true);
        IOException refused = assertThrows(IOException.class, () -> CqlSchema.init(settings, true, 1));
        assertTrue(refused.getMessage().contains("already holds a lease schema"), refused.getMessage());
        assertEquals(new SchemaVersion(1, 1, 0), CqlSchema.upgrade(settings));
    }

    @Test
    void initCreatesAMissingKeyspaceOnlyWhenAsked() throws Exception {
        CqlSettings settings = server.settings("kakapo_created_by_init");
        IOException missing = assertThrows(IOException.class, () -> CqlSchema.init(settings, false, 1));
        assertTrue(missing.getMessage().contains("keyspace kakapo_created_by_init on 127.0.0.1:" + server.nativePort()
                + " does not exist"), missing.getMessage());
        IOException storeMissing = assertThrows(IOException.class, () -> CqlLeaseStore4.open(settings));
        assertTrue(storeMissing.getMessage().contains("run `kakapo admin db-init cql`"), storeMissing.getMessage());
        CqlSchema.init(settings, true, 1);
        assertEquals(new SchemaVersion(1, 1, 0), CqlSchema.version(settings));
        try (CqlSession session = server.session()) {
            Row replication = session.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name ="
                    + " 'kakapo_created_by_init'").one();
            assertTrue(replication.getMap(0, String.class, String.class).get("class").endsWith("SimpleStrategy"));
            assertEquals("1", replication.getMap(0, String.class, String.class).get("replication_factor"));
        }
    }

    @Test
    void storesRefuseAKeyspaceWithoutTheSchema() throws Exception {
        CqlSettings settings = server.newKeyspace(false);
        IOException empty4 = assertThrows(IOException.class, () -> CqlLeaseStore4.open(settings));
        assertTrue(empty4.getMessage().contains("run `kakapo admin db-init cql`"), empty4.getMessage());
        assertTrue(empty4.getMessage().contains(settings.keyspace()), empty4.getMessage());
        IOException empty6 = assertThrows(IOException.class, () -> CqlLeaseStore6.open(settings));
        assertTrue(empty6.getMessage().contains("db-init cql"), empty6.getMessage());
        IOException upgradeEmpty = assertThrows(IOException.class, () -> CqlSchema.upgrade(settings));
        assertTrue(upgradeEmpty.getMessage().contains("db-init cql"), upgradeEmpty.getMessage());
    }

    @Test
    void upgradeTakesOverAKeaKeyspaceKeepingItsLeases() throws Exception {
        CqlSettings settings = server.newKeyspace(false);
        String ks = settings.keyspace();
        try (CqlSession session = server.session()) {
            // Kea 1.1's CQL layout: lease6 keyed by the address alone, a secondary index, schema 1.0.
            session.execute("CREATE TABLE " + ks + ".lease4 (address int, hwaddr blob, client_id blob, valid_lifetime"
                    + " bigint, expire bigint, subnet_id int, fqdn_fwd boolean, fqdn_rev boolean, hostname varchar,"
                    + " state int, PRIMARY KEY (address))");
            session.execute("CREATE TABLE " + ks + ".lease6 (address varchar, duid blob, valid_lifetime bigint, expire"
                    + " bigint, subnet_id int, pref_lifetime bigint, lease_type int, iaid int, prefix_len int, fqdn_fwd"
                    + " boolean, fqdn_rev boolean, hostname varchar, hwaddr blob, hwtype int, hwaddr_source int,"
                    + " state int, PRIMARY KEY (address))");
            session.execute("CREATE INDEX lease6index3 ON " + ks + ".lease6 (iaid)");
            session.execute("CREATE TABLE " + ks + ".schema_version (version int, minor int, PRIMARY KEY (version))");
            session.execute("INSERT INTO " + ks + ".schema_version (version, minor) VALUES (1, 0)");
            session.execute("INSERT INTO " + ks + ".lease6 (address, duid, valid_lifetime, expire, subnet_id,"
                    + " pref_lifetime, lease_type, iaid, prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype,"
                    + " hwaddr_source, state) VALUES ('2001:db8::1', 0x000300010001, 3600, 1700003600, 1, 1800, 0, -2,"
                    + " 128, false, true, 'pc6', 0x, 1, 0, 0) USING TIMESTAMP 1000");
        }
        assertEquals(new SchemaVersion(0, 1, 0), CqlSchema.version(settings));
        IOException notYet = assertThrows(IOException.class, () -> CqlLeaseStore6.open(settings));
        assertTrue(notYet.getMessage().contains("kakapo admin db-upgrade cql"), notYet.getMessage());

        assertEquals(new SchemaVersion(0, 1, 0), CqlSchema.upgrade(settings));
        assertEquals(new SchemaVersion(1, 1, 0), CqlSchema.version(settings));
        CqlSettings fresh = server.newKeyspace(true);
        try (CqlSession session = server.session()) {
            assertEquals(columns(session, fresh.keyspace(), "lease6"), columns(session, ks, "lease6"));
            assertEquals(List.of("kakapo_schema_version", "lease4", "lease6", "schema_version"),
                    session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = '" + ks + "'")
                            .all().stream().map(r -> r.getString(0)).sorted().toList());
        }
        Lease6 kept = new Lease6(Ipv6Address.parse("2001:db8::1"), 128, LeaseType6.NA, Octets.parse("00:03:00:01:00:01"),
                0xffff_fffeL, 1800, 3600, 1_700_000_000L, 1, false, true, "pc6", Octets.EMPTY, LeaseState.DEFAULT);
        try (CqlLeaseStore6 store = CqlLeaseStore6.open(settings)) {
            assertEquals(List.of(kept), store.loadAll());
            Lease6 prefix = new Lease6(Ipv6Address.parse("2001:db8::1"), 64, LeaseType6.PD, Octets.parse("00:03"), 7,
                    1800, 3600, 1_700_000_000L, 1, false, false, "", Octets.EMPTY, LeaseState.DEFAULT);
            store.persist(prefix).get(60, TimeUnit.SECONDS);
            assertEquals(2, store.loadAll().size());
        }
        assertEquals(new SchemaVersion(1, 1, 0), CqlSchema.upgrade(settings));
    }

    @Test
    void settingsRejectWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> CqlSettings.of(List.of(), "kea"));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> CqlSettings.of(List.of("192.0.2.7:70000"), "kea"));
        assertTrue(port.getMessage().contains("70000"), port.getMessage());
        IllegalArgumentException keyspace = assertThrows(IllegalArgumentException.class,
                () -> CqlSettings.of(List.of("192.0.2.7"), "kea-leases"));
        assertTrue(keyspace.getMessage().contains("kea-leases"), keyspace.getMessage());
        IllegalArgumentException consistency = assertThrows(IllegalArgumentException.class,
                () -> CqlSettings.of(List.of("192.0.2.7"), "kea").withConsistency("MOST"));
        assertTrue(consistency.getMessage().contains("'MOST' is not one of"), consistency.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CqlSettings.of(List.of("192.0.2.7"), "kea").withConsistency("SERIAL"));
        assertEquals("LOCAL_QUORUM", CqlSettings.of(List.of("192.0.2.7"), "kea").withConsistency("local-quorum")
                .consistency());
        assertEquals("QUORUM", CqlSettings.of(List.of("192.0.2.7"), "Kea").consistency());
        assertEquals("keyspace kea on 192.0.2.7:9042, [2001:db8::7]:9042, [2001:db8::8]:9142",
                CqlSettings.of(List.of("192.0.2.7", "2001:db8::7", "[2001:db8::8]:9142"), "KEA").describe());
        assertTrue(!CqlSettings.of(List.of("192.0.2.7"), "kea").withCredentials("kea", "secret").toString()
                .contains("secret"));
    }

    private static List<String> columns(CqlSession session, String keyspace, String table) {
        List<String> columns = new ArrayList<>();
        for (Row row : session.execute("SELECT column_name, type, kind FROM system_schema.columns WHERE keyspace_name"
                + " = '" + keyspace + "' AND table_name = '" + table + "'")) {
            columns.add(row.getString(0) + " " + row.getString(1) + " " + row.getString(2));
        }
        columns.sort(null);
        return columns;
    }
}
