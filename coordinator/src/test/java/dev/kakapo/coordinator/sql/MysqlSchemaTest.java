package dev.kakapo.coordinator.sql;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

import static dev.kakapo.coordinator.sql.SqlSchemaTest.execute;
import static dev.kakapo.coordinator.sql.SqlSchemaTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SqlSchema} on MySQL: Kea's MySQL tables with Kakapo's additions, against a real MariaDB. */
@Tag("e2e")
class MysqlSchemaTest {

    private static MysqlServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = MysqlServer.shared();
    }

    @Test
    void initCreatesKeasTablesWithKakaposAdditions() throws Exception {
        SqlSettings settings = server.newDatabase(false);
        assertEquals(SchemaVersion.NONE, SqlSchema.version(settings));
        SqlSchema.init(settings);
        DataSource database = database(settings);
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.version(SqlDialect.MYSQL, database));
        assertEquals(List.of("address int unsigned", "hwaddr varbinary(20)", "client_id varbinary(128)",
                        "valid_lifetime int unsigned", "expire timestamp", "subnet_id int unsigned", "fqdn_fwd tinyint",
                        "fqdn_rev tinyint", "hostname varchar(255)", "state int unsigned", "change_seq bigint"),
                columns(database, "lease4"));
        assertEquals(List.of("address varchar(39)", "duid varbinary(128)", "valid_lifetime int unsigned",
                        "expire timestamp", "subnet_id int unsigned", "pref_lifetime int unsigned", "lease_type tinyint",
                        "iaid int unsigned", "prefix_len tinyint unsigned", "fqdn_fwd tinyint", "fqdn_rev tinyint",
                        "hostname varchar(255)", "hwaddr varbinary(20)", "hwtype smallint unsigned",
                        "hwaddr_source int unsigned", "state int unsigned", "change_seq bigint"),
                columns(database, "lease6"));
        assertEquals(List.of("address"), primaryKey(database, "lease4"));
        assertEquals(List.of("address", "lease_type"), primaryKey(database, "lease6"));
        assertEquals(List.of("InnoDB utf8mb4"), rows(database, "SELECT DISTINCT CONCAT(engine, ' ',"
                + " SUBSTRING_INDEX(table_collation, '_', 1)) FROM information_schema.tables"
                + " WHERE table_schema = DATABASE()"));
        assertEquals(List.of("0 default", "1 declined", "2 expired-reclaimed"),
                rows(database, "SELECT CONCAT(state, ' ', name) FROM lease_state ORDER BY state"));
        assertEquals(List.of("0 IA_NA", "1 IA_TA", "2 IA_PD"),
                rows(database, "SELECT CONCAT(lease_type, ' ', name) FROM lease6_types ORDER BY lease_type"));
        assertEquals(9, rows(database, "SELECT name FROM lease_hwaddr_source").size());
        assertEquals(List.of("host_id int unsigned", "dhcp_identifier varbinary(128)", "dhcp_identifier_type tinyint",
                        "dhcp4_subnet_id int unsigned", "dhcp6_subnet_id int unsigned", "ipv4_address int unsigned",
                        "hostname varchar(255)", "dhcp4_client_classes varchar(255)", "dhcp6_client_classes varchar(255)",
                        "dhcp4_next_server int unsigned", "dhcp4_server_hostname varchar(64)",
                        "dhcp4_boot_file_name varchar(128)"),
                columns(database, "hosts"));
        assertEquals(List.of("0 hw-address", "1 duid", "2 circuit-id", "3 client-id", "4 flex-id"),
                rows(database, "SELECT CONCAT(type, ' ', name) FROM host_identifier_type ORDER BY type"));
        assertEquals(List.of("key_dhcp4_identifier_subnet_id", "key_dhcp4_ipv4_address_subnet_id",
                        "key_dhcp6_identifier_subnet_id"),
                rows(database, "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema ="
                        + " DATABASE() AND table_name = 'hosts' AND non_unique = 0 AND index_name <> 'PRIMARY'"
                        + " ORDER BY index_name"));
    }

    @Test
    void upgradeAddsTheHostTablesToAVersion1Database() throws Exception {
        SqlSettings settings = server.newDatabase(false);
        DataSource old = database(settings);
        for (String statement : SqlSchema.statements(SqlSchema.script("mysql/kakapo-mysql-1.sql"))) {
            execute(old, statement);
        }
        assertEquals(new SchemaVersion(1, 3, 0), SqlSchema.upgrade(settings));
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.version(settings));
        DataSource fresh = database(server.newDatabase(true));
        for (String table : List.of("hosts", "dhcp4_options", "dhcp6_options", "ipv6_reservations",
                "host_identifier_type", "dhcp_option_scope")) {
            assertEquals(columns(fresh, table), columns(old, table), table);
        }
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.upgrade(settings));
    }

    @Test
    void initRefusesADatabaseThatHoldsLeaseTables() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        IOException refused = assertThrows(IOException.class, () -> SqlSchema.init(settings));
        assertTrue(refused.getMessage().contains("already holds a lease schema"), refused.getMessage());
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.upgrade(settings));
    }

    @Test
    void upgradeTurnsAKeaDatabaseIntoKakaposKeepingItsLeases() throws Exception {
        SqlSettings settings = server.newDatabase(false);
        DataSource kea = database(settings);
        createKea30Schema(kea);
        execute(kea, "INSERT INTO lease4 (address, hwaddr, client_id, valid_lifetime, expire, subnet_id, fqdn_fwd,"
                + " fqdn_rev, hostname, state) VALUES (3221225985, X'000c29000001', X'', 3600,"
                + " FROM_UNIXTIME(1700003600), 1, true, false, 'pc1', 0)");
        execute(kea, "INSERT INTO lease6 (address, duid, valid_lifetime, expire, subnet_id, pref_lifetime, lease_type,"
                + " iaid, prefix_len, fqdn_fwd, fqdn_rev, hostname, state, hwaddr, hwtype, hwaddr_source)"
                + " VALUES ('2001:db8::1', X'000300010001', 3600, FROM_UNIXTIME(1700003600), 1, 1800, 0, 4294967294,"
                + " 128, false, false, '', 0, NULL, NULL, NULL)");
        execute(kea, "INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id, ipv4_address)"
                + " VALUES (X'1a1b1c1d1e1f', 0, 1, 3221225994)");
        assertEquals(new SchemaVersion(0, 3, 0), SqlSchema.version(settings));

        IOException notYet = assertThrows(IOException.class, () -> MysqlLeaseStore4.open(settings));
        assertTrue(notYet.getMessage().contains("kakapo admin db-upgrade mysql"), notYet.getMessage());

        assertEquals(new SchemaVersion(0, 3, 0), SqlSchema.upgrade(settings));
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.version(settings));
        DataSource fresh = database(server.newDatabase(true));
        assertEquals(columns(fresh, "lease4"), columns(kea, "lease4"));
        assertEquals(columns(fresh, "lease6"), columns(kea, "lease6"));
        assertEquals(primaryKey(fresh, "lease6"), primaryKey(kea, "lease6"));
        assertEquals(9, rows(kea, "SELECT name FROM lease_hwaddr_source").size());
        assertEquals(List.of("1a1b1c1d1e1f 3221225994"),
                rows(kea, "SELECT CONCAT(LOWER(HEX(dhcp_identifier)), ' ', ipv4_address) FROM hosts"));
        assertEquals(5, rows(kea, "SELECT name FROM host_identifier_type").size());

        try (MysqlLeaseStore4 store4 = MysqlLeaseStore4.open(settings);
             MysqlLeaseStore6 store6 = MysqlLeaseStore6.open(settings)) {
            assertEquals("192.0.2.1 00:0c:29:00:00:01 1700000000 pc1",
                    store4.loadAll().stream().map(l -> l.addressText() + " " + l.hwAddress() + " " + l.cltt() + " "
                            + l.hostname()).findFirst().orElseThrow());
            assertEquals("2001:db8::1 NA 4294967294 0",
                    store6.loadAll().stream().map(l -> l.address() + " " + l.type() + " " + l.iaid() + " "
                            + l.hwAddress().length()).findFirst().orElseThrow());
        }
        assertEquals(new SchemaVersion(2, 3, 0), SqlSchema.upgrade(settings));
    }

    @Test
    void upgradeLeavesAKeaDatabaseWithALeaseOfNoTypeUntouched() throws Exception {
        SqlSettings settings = server.newDatabase(false);
        DataSource kea = database(settings);
        createKea30Schema(kea);
        execute(kea, "INSERT INTO lease6 (address, valid_lifetime, expire, lease_type) VALUES ('2001:db8::2', 3600,"
                + " FROM_UNIXTIME(1700003600), NULL)");
        IOException refused = assertThrows(IOException.class, () -> SqlSchema.upgrade(settings));
        assertTrue(refused.getMessage().contains("kakapo-mysql-upgrade-kea-3.0-to-1.sql"), refused.getMessage());
        assertEquals(new SchemaVersion(0, 3, 0), SqlSchema.version(settings));
        assertEquals(List.of("address"), primaryKey(kea, "lease6"));
        assertEquals(0, rows(kea, "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND column_name = 'change_seq'").size());
    }

    @Test
    void storesRefuseADatabaseWithoutTheSchema() throws Exception {
        SqlSettings settings = server.newDatabase(false);
        IOException empty4 = assertThrows(IOException.class, () -> MysqlLeaseStore4.open(settings));
        assertTrue(empty4.getMessage().contains("run `kakapo admin db-init mysql`"), empty4.getMessage());
        assertTrue(empty4.getMessage().contains(settings.databaseName()), empty4.getMessage());
        IOException empty6 = assertThrows(IOException.class, () -> MysqlLeaseStore6.open(settings));
        assertTrue(empty6.getMessage().contains("kakapo admin db-init mysql"), empty6.getMessage());
        IOException upgradeEmpty = assertThrows(IOException.class, () -> SqlSchema.upgrade(settings));
        assertTrue(upgradeEmpty.getMessage().contains("kakapo admin db-init mysql"), upgradeEmpty.getMessage());
    }

    @Test
    void storesRefuseADatabaseTheyCannotReachOrLogInto() throws Exception {
        SqlSettings settings = server.newDatabase(true);
        SqlSettings missing = new SqlSettings(SqlDialect.MYSQL, settings.host(), settings.port(), "no_such_database",
                settings.user(), settings.password(), 1, 4, 1000, 2, false);
        IOException refused = assertThrows(IOException.class, () -> MysqlLeaseStore4.open(missing));
        assertTrue(refused.getMessage().contains("no_such_database"), refused.getMessage());
        SqlSettings wrongPassword = SqlSettings.of(SqlDialect.MYSQL, settings.host(), settings.port(),
                settings.databaseName(), settings.user(), "not-the-password").withConnectTimeoutSeconds(1);
        IOException denied = assertThrows(IOException.class, () -> MysqlLeaseStore6.open(wrongPassword));
        assertTrue(denied.getMessage().contains("Access denied"), denied.getMessage());
    }

    /**
     * A Kea 1.1 database (Kea MySQL schema 3.0): Kakapo's tables without its additions, lease6
     * keyed by address alone with a nullable lease_type, and Kea's host tables, which know no
     * client-id or flex-id identifiers yet.
     */
    static void createKea30Schema(DataSource database) throws Exception {
        for (String statement : SqlSchema.statements(SqlSchema.script(SqlSchema.createScript(SqlDialect.MYSQL)))) {
            execute(database, statement);
        }
        execute(database, "ALTER TABLE lease4 DROP COLUMN change_seq");
        execute(database, "ALTER TABLE lease6 DROP COLUMN change_seq, DROP PRIMARY KEY,"
                + " MODIFY lease_type TINYINT NULL, ADD PRIMARY KEY (address)");
        execute(database, "DELETE FROM lease_hwaddr_source WHERE hwaddr_source = 0");
        execute(database, "DELETE FROM host_identifier_type WHERE type > 2");
        execute(database, "DROP TABLE kakapo_schema_version");
    }

    static DataSource database(SqlSettings settings) {
        return server.dataSource(settings.databaseName());
    }

    /** Name and type of each column; integer display widths (MariaDB's {@code int(10)}) left out, as MySQL 8 does. */
    private static List<String> columns(DataSource database, String table) throws SQLException {
        return rows(database, "SELECT CONCAT(column_name, ' ', column_type) FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = '" + table + "' ORDER BY ordinal_position")
                .stream().map(c -> c.replaceAll("int\\(\\d+\\)", "int")).toList();
    }

    private static List<String> primaryKey(DataSource database, String table) throws SQLException {
        return rows(database, "SELECT column_name FROM information_schema.key_column_usage WHERE table_schema ="
                + " DATABASE() AND table_name = '" + table + "' AND constraint_name = 'PRIMARY' ORDER BY ordinal_position");
    }
}
