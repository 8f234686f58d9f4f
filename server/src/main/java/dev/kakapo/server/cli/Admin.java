package dev.kakapo.server.cli;

import dev.kakapo.coordinator.sql.PostgresSettings;
import dev.kakapo.coordinator.sql.SchemaVersion;
import dev.kakapo.coordinator.sql.SqlSchema;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.config.LeaseDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code kakapo admin db-init | db-upgrade | db-version postgresql -c FILE}: creates, upgrades
 * (a Kea 1.1 database, schema 3.0, is taken over in place) or reports the lease schema of the
 * PostgreSQL databases that FILE's {@code lease-database} sections name; lease-export and
 * lease-import move leases between the configured store and a Kea lease file ({@link LeaseTransfer}).
 */
final class Admin {
    static final String USAGE = """
            usage: kakapo admin db-init|db-upgrade|db-version postgresql -c FILE
                   kakapo admin lease-export -4|-6 -c FILE CSV   write the configured store's leases as a Kea lease file
                   kakapo admin lease-import -4|-6 -c FILE CSV   put a Kea lease file's leases into the configured store""";

    private Admin() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 && (args[1].equals("lease-export") || args[1].equals("lease-import"))) {
            return LeaseTransfer.run(args, out, err);
        }
        if (args.length != 5 || !args[2].equals("postgresql") || !args[3].equals("-c")
                || !Set.of("db-init", "db-upgrade", "db-version").contains(args[1])) {
            err.println("kakapo admin: " + (args.length > 2 && !args[2].equals("postgresql")
                    ? "'" + args[2] + "' is not a database Kakapo has a schema for yet (postgresql)\n" : "") + USAGE);
            return 2;
        }
        Path file = Path.of(args[4]);
        Set<PostgresSettings> databases = new LinkedHashSet<>();
        try {
            KeaConfig config = KeaConfig.parseFile(file, KeaConfig.Families.BOTH);
            for (LeaseDatabase db : new LeaseDatabase[] {config.dhcp4() == null ? null : config.dhcp4().leaseDatabase(),
                    config.dhcp6() == null ? null : config.dhcp6().leaseDatabase()}) {
                if (db != null && db.postgres() != null) {
                    databases.add(db.postgres());
                }
            }
        } catch (ConfigException e) {
            err.println("kakapo admin: configuration " + file + " is not usable: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("kakapo admin: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        if (databases.isEmpty()) {
            err.println("kakapo admin: " + file + " names no postgresql lease-database");
            return 1;
        }
        for (PostgresSettings pg : databases) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {pg.host()});
            ds.setPortNumbers(new int[] {pg.port()});
            ds.setDatabaseName(pg.databaseName());
            ds.setUser(pg.user());
            ds.setPassword(pg.password());
            ds.setConnectTimeout(pg.connectTimeoutSeconds());
            try {
                switch (args[1]) {
                    case "db-init" -> {
                        SqlSchema.init(ds);
                        out.println(pg.describe() + ": lease schema created (" + SqlSchema.version(ds) + ")");
                    }
                    case "db-upgrade" -> {
                        SchemaVersion before = SqlSchema.upgrade(ds);
                        out.println(pg.describe() + ": was " + before + ", now " + SqlSchema.version(ds));
                    }
                    default -> out.println(pg.describe() + ": " + SqlSchema.version(ds));
                }
            } catch (IOException e) {
                err.println("kakapo admin: " + pg.describe() + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
