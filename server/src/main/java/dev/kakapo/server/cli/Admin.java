package dev.kakapo.server.cli;

import dev.kakapo.coordinator.cql.CqlSchema;
import dev.kakapo.coordinator.cql.CqlSettings;
import dev.kakapo.coordinator.sql.SchemaVersion;
import dev.kakapo.coordinator.sql.SqlSchema;
import dev.kakapo.coordinator.sql.SqlSettings;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.config.LeaseDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code kakapo admin db-init | db-upgrade | db-version postgresql|mysql|cql -c FILE}: creates,
 * upgrades (a Kea 1.1 database is taken over in place) or reports the lease schema of the
 * databases that FILE's {@code lease-database} sections name; lease-export and lease-import move
 * leases between the configured store and a Kea lease file ({@link LeaseTransfer}).
 */
final class Admin {
    static final String USAGE = """
            usage: kakapo admin db-init|db-upgrade|db-version postgresql|mysql|cql -c FILE [--replication-factor N]
                   kakapo admin lease-export -4|-6 -c FILE CSV   write the configured store's leases as a Kea lease file
                   kakapo admin lease-import -4|-6 -c FILE CSV   put a Kea lease file's leases into the configured store
            db-init cql creates a missing keyspace with SimpleStrategy and N replicas (default 1).""";

    private static final Set<String> TYPES = Set.of("postgresql", "mysql", "cql");

    private Admin() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 && (args[1].equals("lease-export") || args[1].equals("lease-import"))) {
            return LeaseTransfer.run(args, out, err);
        }
        boolean replicationGiven = args.length == 7 && args[5].equals("--replication-factor");
        if ((args.length != 5 && !replicationGiven) || !TYPES.contains(args[2]) || !args[3].equals("-c")
                || !Set.of("db-init", "db-upgrade", "db-version").contains(args[1])) {
            err.println("kakapo admin: " + (args.length > 2 && !TYPES.contains(args[2])
                    ? "'" + args[2] + "' is not a database Kakapo has a schema for (postgresql, mysql, cql)\n" : "") + USAGE);
            return 2;
        }
        int replicationFactor = 1;
        if (replicationGiven) {
            try {
                replicationFactor = Integer.parseInt(args[6]);
            } catch (NumberFormatException e) {
                replicationFactor = 0;
            }
            if (replicationFactor < 1 || !args[2].equals("cql") || !args[1].equals("db-init")) {
                err.println("kakapo admin: --replication-factor takes a whole number from 1 and applies to db-init cql only\n" + USAGE);
                return 2;
            }
        }
        Path file = Path.of(args[4]);
        List<LeaseDatabase> databases = new ArrayList<>();
        try {
            KeaConfig config = KeaConfig.parseFile(file, KeaConfig.Families.BOTH);
            Set<Object> seen = new LinkedHashSet<>();
            for (LeaseDatabase db : new LeaseDatabase[] {config.dhcp4() == null ? null : config.dhcp4().leaseDatabase(),
                    config.dhcp6() == null ? null : config.dhcp6().leaseDatabase()}) {
                // Both families may name one database: its schema holds both lease tables.
                if (db != null && db.type().equals(args[2]) && seen.add(db.sql() != null ? db.sql() : db.cql())) {
                    databases.add(db);
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
            err.println("kakapo admin: " + file + " names no " + args[2] + " lease-database");
            return 1;
        }
        for (LeaseDatabase db : databases) {
            String where = db.describe();
            try {
                out.println(where + ": " + (db.sql() != null ? sql(args[1], db.sql()) : cql(args[1], db.cql(), replicationFactor)));
            } catch (IOException e) {
                err.println("kakapo admin: " + where + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private static String sql(String command, SqlSettings settings) throws IOException {
        return switch (command) {
            case "db-init" -> {
                SqlSchema.init(settings);
                yield "schema created (" + SqlSchema.version(settings) + ")";
            }
            case "db-upgrade" -> {
                SchemaVersion before = SqlSchema.upgrade(settings);
                yield "was " + before + ", now " + SqlSchema.version(settings);
            }
            default -> SqlSchema.version(settings).toString();
        };
    }

    private static String cql(String command, CqlSettings settings, int replicationFactor) throws IOException {
        return switch (command) {
            case "db-init" -> {
                CqlSchema.init(settings, true, replicationFactor);
                yield "schema created (" + CqlSchema.version(settings) + ")";
            }
            case "db-upgrade" -> {
                SchemaVersion before = CqlSchema.upgrade(settings);
                yield "was " + before + ", now " + CqlSchema.version(settings);
            }
            default -> CqlSchema.version(settings).toString();
        };
    }
}
