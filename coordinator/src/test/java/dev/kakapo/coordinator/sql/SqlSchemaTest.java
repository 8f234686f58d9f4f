package dev.kakapo.coordinator.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlSchemaTest {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Test
    void initCreatesKeasTablesWithKakaposAdditions() throws Exception {
        DataSource database = database(server.newDatabase(false));
        assertEquals(SchemaVersion.NONE, SqlSchema.version(database));
        SqlSchema.init(database);
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.version(database));
        assertEquals(List.of("address bigint", "hwaddr bytea", "client_id bytea", "valid_lifetime bigint",
                        "expire timestamp with time zone", "subnet_id bigint", "fqdn_fwd boolean", "fqdn_rev boolean",
                        "hostname character varying(255)", "state bigint", "change_seq bigint"),
                columns(database, "lease4"));
        assertEquals(List.of("address character varying(39)", "duid bytea", "valid_lifetime bigint",
                        "expire timestamp with time zone", "subnet_id bigint", "pref_lifetime bigint",
                        "lease_type smallint", "iaid integer", "prefix_len smallint", "fqdn_fwd boolean",
                        "fqdn_rev boolean", "hostname character varying(255)", "state bigint", "hwaddr bytea",
                        "hwtype smallint", "hwaddr_source smallint", "change_seq bigint"),
                columns(database, "lease6"));
        assertEquals(List.of("address", "lease_type"), primaryKey(database, "lease6"));
        assertEquals(List.of("0 default", "1 declined", "2 expired-reclaimed"),
                rows(database, "SELECT state || ' ' || name FROM lease_state ORDER BY state"));
        assertEquals(List.of("0 IA_NA", "1 IA_TA", "2 IA_PD"),
                rows(database, "SELECT lease_type || ' ' || name FROM lease6_types ORDER BY lease_type"));
        assertEquals(9, rows(database, "SELECT name FROM lease_hwaddr_source").size());
        assertEquals(List.of("host_id integer", "dhcp_identifier bytea", "dhcp_identifier_type smallint",
                        "dhcp4_subnet_id integer", "dhcp6_subnet_id integer", "ipv4_address bigint",
                        "hostname character varying(255)", "dhcp4_client_classes character varying(255)",
                        "dhcp6_client_classes character varying(255)", "dhcp4_next_server bigint",
                        "dhcp4_server_hostname character varying(64)", "dhcp4_boot_file_name character varying(128)"),
                columns(database, "hosts"));
        assertEquals(List.of("0 hw-address", "1 duid", "2 circuit-id", "3 client-id", "4 flex-id"),
                rows(database, "SELECT type || ' ' || name FROM host_identifier_type ORDER BY type"));
        assertEquals(List.of("0 global", "1 subnet", "2 client-class", "3 host"),
                rows(database, "SELECT scope_id || ' ' || scope_name FROM dhcp_option_scope ORDER BY scope_id"));
        assertEquals(List.of("key_dhcp4_identifier_subnet_id", "key_dhcp4_ipv4_address_subnet_id",
                        "key_dhcp6_identifier_subnet_id"),
                rows(database, "SELECT conname FROM pg_constraint WHERE conrelid = 'hosts'::regclass AND contype = 'u'"
                        + " ORDER BY conname"));
        assertEquals(List.of("key_dhcp6_address_prefix_len"), rows(database, "SELECT conname FROM pg_constraint"
                + " WHERE conrelid = 'ipv6_reservations'::regclass AND contype = 'u'"));
        assertEquals(List.of("code smallint", "code integer"), rows(database, "SELECT column_name || ' ' || data_type"
                + " FROM information_schema.columns WHERE column_name = 'code' ORDER BY table_name"));
    }

    @Test
    void upgradeAddsTheHostTablesToAVersion1Database() throws Exception {
        SqlSettings settings = server.newDatabase(false);
        DataSource old = database(settings);
        execute(old, SqlSchema.script("postgresql/kakapo-postgresql-1.sql"));
        execute(old, "INSERT INTO lease4 (address, hwaddr, client_id, valid_lifetime, expire, subnet_id)"
                + " VALUES (3221225985, '\\x000c29000001', '', 3600, to_timestamp(1700003600), 1)");
        IOException notYet = assertThrows(IOException.class, () -> PostgresLeaseStore4.open(settings));
        assertTrue(notYet.getMessage().contains("Kakapo lease schema 1; run `kakapo admin db-upgrade postgresql`"),
                notYet.getMessage());

        assertEquals(new SchemaVersion(1, 3, 0), SqlSchema.upgrade(old));
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.version(old));
        DataSource fresh = database(server.newDatabase(true));
        for (String table : List.of("hosts", "dhcp4_options", "dhcp6_options", "ipv6_reservations",
                "host_identifier_type", "dhcp_option_scope")) {
            assertEquals(columns(fresh, table), columns(old, table), table);
        }
        assertEquals(List.of("1"), rows(old, "SELECT count(*) FROM kakapo_schema_version"));
        try (PostgresLeaseStore4 store = PostgresLeaseStore4.open(settings)) {
            assertEquals(1, store.loadAll().size());
        }
    }

    @Test
    void initRefusesADatabaseThatHoldsLeaseTables() throws Exception {
        DataSource database = database(server.newDatabase(true));
        IOException refused = assertThrows(IOException.class, () -> SqlSchema.init(database));
        assertTrue(refused.getMessage().contains("already holds a lease schema"), refused.getMessage());
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.upgrade(database));
    }

    @Test
    void upgradeTurnsAKeaDatabaseIntoKakaposKeepingItsLeases() throws Exception {
        SqlSettings settings = server.newDatabase(false);
        DataSource kea = database(settings);
        createKea30Schema(kea);
        execute(kea, "INSERT INTO lease4 (address, hwaddr, client_id, valid_lifetime, expire, subnet_id, fqdn_fwd,"
                + " fqdn_rev, hostname, state) VALUES (3221225985, '\\x000c29000001', '', 3600,"
                + " to_timestamp(1700003600), 1, true, false, 'pc1', 0)");
        execute(kea, "INSERT INTO lease6 (address, duid, valid_lifetime, expire, subnet_id, pref_lifetime, lease_type,"
                + " iaid, prefix_len, fqdn_fwd, fqdn_rev, hostname, state, hwaddr, hwtype, hwaddr_source)"
                + " VALUES ('2001:db8::1', '\\x000300010001', 3600, to_timestamp(1700003600), 1, 1800, 0, -2, 128,"
                + " false, false, '', 0, NULL, NULL, NULL)");
        execute(kea, "INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address)"
                + " VALUES ('\\x1a1b1c1d1e1f', 0, 1, 3221225994)");
        assertEquals(new SchemaVersion(0, 3, 0), SqlSchema.version(kea));

        IOException notYet = assertThrows(IOException.class, () -> PostgresLeaseStore4.open(settings));
        assertTrue(notYet.getMessage().contains("kakapo admin db-upgrade postgresql"), notYet.getMessage());

        assertEquals(new SchemaVersion(0, 3, 0), SqlSchema.upgrade(kea));
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.version(kea));
        DataSource fresh = database(server.newDatabase(true));
        assertEquals(columns(fresh, "lease4"), columns(kea, "lease4"));
        assertEquals(columns(fresh, "lease6"), columns(kea, "lease6"));
        assertEquals(primaryKey(fresh, "lease6"), primaryKey(kea, "lease6"));
        assertEquals(List.of("1a1b1c1d1e1f 3221225994"),
                rows(kea, "SELECT encode(dhcp_identifier, 'hex') || ' ' || ipv4_address FROM hosts"));
        assertEquals(5, rows(kea, "SELECT name FROM host_identifier_type").size());

        try (PostgresLeaseStore4 store4 = PostgresLeaseStore4.open(settings);
             PostgresLeaseStore6 store6 = PostgresLeaseStore6.open(settings)) {
            assertEquals("192.0.2.1 00:0c:29:00:00:01 1700000000 pc1",
                    store4.loadAll().stream().map(l -> l.addressText() + " " + l.hwAddress() + " " + l.cltt() + " "
                            + l.hostname()).findFirst().orElseThrow());
            assertEquals("2001:db8::1 NA 4294967294 0",
                    store6.loadAll().stream().map(l -> l.address() + " " + l.type() + " " + l.iaid() + " "
                            + l.hwAddress().length()).findFirst().orElseThrow());
        }
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.upgrade(kea));
    }

    @Test
    void storesRefuseADatabaseWithoutTheSchema() throws Exception {
        SqlSettings settings = server.newDatabase(false);
        IOException empty4 = assertThrows(IOException.class, () -> PostgresLeaseStore4.open(settings));
        assertTrue(empty4.getMessage().contains("run `kakapo admin db-init postgresql`"), empty4.getMessage());
        assertTrue(empty4.getMessage().contains(settings.databaseName()), empty4.getMessage());
        IOException empty6 = assertThrows(IOException.class, () -> PostgresLeaseStore6.open(settings));
        assertTrue(empty6.getMessage().contains("db-init"), empty6.getMessage());
        IOException upgradeEmpty = assertThrows(IOException.class, () -> SqlSchema.upgrade(database(settings)));
        assertTrue(upgradeEmpty.getMessage().contains("db-init"), upgradeEmpty.getMessage());
    }

    @Test
    void storesRefuseADatabaseTheyCannotReach() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        SqlSettings missing = new SqlSettings(SqlDialect.POSTGRESQL, settings.host(), settings.port(), "no_such_database",
                settings.user(), "", 1, 4, 1000, 2, false);
        IOException refused = assertThrows(IOException.class, () -> PostgresLeaseStore4.open(missing));
        assertTrue(refused.getMessage().contains("no_such_database"), refused.getMessage());
    }

    @Test
    void settingsRejectSizesThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> SqlSettings.of(SqlDialect.POSTGRESQL, "db", 0, "kea", "kea", ""));
        assertThrows(IllegalArgumentException.class, () -> SqlSettings.of(SqlDialect.POSTGRESQL, "db", 5432, "", "kea", ""));
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> SqlSettings.of(SqlDialect.POSTGRESQL, "db", 5432, "kea", "kea", "").withPool(2, 2));
        assertTrue(pool.getMessage().contains("maxPoolSize 2"), pool.getMessage());
        assertTrue(!SqlSettings.of(SqlDialect.POSTGRESQL, "db", 5432, "kea", "kea", "secret").toString().contains("secret"));
    }

    /**
     * A Kea 1.1 database: Kakapo's tables without its additions, lease6 keyed by address alone,
     * and Kea's host tables, which know no client-id or flex-id identifiers yet.
     */
    static void createKea30Schema(DataSource database) throws Exception {
        execute(database, SqlSchema.script(SqlSchema.createScript(SqlDialect.POSTGRESQL)));
        execute(database, "DELETE FROM host_identifier_type WHERE type > 2");
        execute(database, "ALTER TABLE lease4 DROP COLUMN change_seq");
        execute(database, "ALTER TABLE lease6 DROP COLUMN change_seq");
        execute(database, "ALTER TABLE lease6 DROP CONSTRAINT lease6_pkey");
        execute(database, "ALTER TABLE lease6 ALTER COLUMN lease_type DROP NOT NULL");
        execute(database, "ALTER TABLE lease6 ADD PRIMARY KEY (address)");
        execute(database, "DELETE FROM lease_hwaddr_source WHERE hwaddr_source = 0");
        execute(database, "DROP TABLE kakapo_schema_version");
    }

    static DataSource database(SqlSettings settings) {
        return server.dataSource(settings.databaseName());
    }

    static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> columns(DataSource database, String table) throws SQLException {
        return rows(database, "SELECT column_name || ' ' || CASE WHEN character_maximum_length IS NULL THEN data_type"
                + " ELSE data_type || '(' || character_maximum_length || ')' END FROM information_schema.columns"
                + " WHERE table_name = '" + table + "' ORDER BY ordinal_position");
    }

    private static List<String> primaryKey(DataSource database, String table) throws SQLException {
        return rows(database, "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '" + table + "'::regclass AND i.indisprimary"
                + " ORDER BY array_position(i.indkey::int2[], a.attnum)");
    }

    static List<String> rows(DataSource database, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
