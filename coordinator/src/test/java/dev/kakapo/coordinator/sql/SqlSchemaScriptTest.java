package dev.kakapo.coordinator.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How schema scripts are found and cut into statements for MySQL, which runs one statement per call. */
class SqlSchemaScriptTest {

    @Test
    void statementsEndAtSemicolonsOutsideQuotesAndComments() {
        String script = """
                -- a comment; not a statement
                CREATE TABLE t (a INT); # another; comment
                INSERT INTO t VALUES (1) /* a; block */;
                INSERT INTO n VALUES ('it''s; here', "x;y", `odd;name`, 'back\\'slash;');

                ;
                SELECT 1""";
        assertEquals(List.of("CREATE TABLE t (a INT)", "INSERT INTO t VALUES (1)",
                        "INSERT INTO n VALUES ('it''s; here', \"x;y\", `odd;name`, 'back\\'slash;')", "SELECT 1"),
                SqlSchema.statements(script));
    }

    @Test
    void eachDatabaseHasItsCreateAndUpgradeScripts() {
        for (SqlDialect dialect : SqlDialect.values()) {
            assertTrue(SqlSchema.script(SqlSchema.createScript(dialect)).contains("kakapo_schema_version"), dialect.name());
            List<String> fromKea = SqlSchema.upgradeScripts(dialect, 0);
            assertTrue(SqlSchema.script(fromKea.get(0)).contains("change_seq"), dialect.name());
            assertTrue(SqlSchema.script(fromKea.get(1)).contains("CREATE TABLE IF NOT EXISTS hosts"), dialect.name());
            assertEquals(fromKea.subList(1, 2), SqlSchema.upgradeScripts(dialect, 1));
        }
        assertEquals(List.of("postgresql/kakapo-postgresql-upgrade-kea-3.0-to-1.sql",
                "postgresql/kakapo-postgresql-upgrade-1-to-2.sql"), SqlSchema.upgradeScripts(SqlDialect.POSTGRESQL, 0));
        assertEquals(List.of(), SqlSchema.upgradeScripts(SqlDialect.MYSQL, SqlSchema.VERSION));
        assertEquals("mysql/kakapo-mysql-2.sql", SqlSchema.createScript(SqlDialect.MYSQL));
        List<String> create = SqlSchema.statements(SqlSchema.script(SqlSchema.createScript(SqlDialect.MYSQL)));
        assertEquals(13, create.stream().filter(s -> s.startsWith("CREATE TABLE")).count());
        assertTrue(create.get(create.size() - 1).startsWith("INSERT INTO kakapo_schema_version"), create.toString());
    }
}
