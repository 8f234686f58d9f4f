package dev.kakapo.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.coordinator.cql.CqlSchema;
import dev.kakapo.coordinator.cql.CqlSettings;
import dev.kakapo.coordinator.hosts.HostSource;
import dev.kakapo.coordinator.hosts.SqlHostStore;
import dev.kakapo.coordinator.sql.SchemaVersion;
import dev.kakapo.coordinator.sql.SqlSchema;
import dev.kakapo.coordinator.sql.SqlSettings;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.HostCommandArguments;
import dev.kakapo.server.config.HostDatabase;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.config.LeaseDatabase;
import dev.kakapo.server.hosts.ReservationCommands;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code kakapo admin db-init | db-upgrade | db-version postgresql|mysql|cql -c FILE}: creates,
 * upgrades (a Kea 1.1 database is taken over in place) or reports the Kakapo schema of the
 * databases that FILE's {@code lease-database} sections and writable {@code hosts-database(s)}
 * name; lease-export and lease-import move leases between the configured store and a Kea lease
 * file ({@link LeaseTransfer}); reservation-add, reservation-get and reservation-del run Kea's host
 * commands on the configured host databases ({@link ReservationCommands}) and print Kea's answer.
 */
final class Admin {
    static final String USAGE = """
            usage: kakapo admin db-init|db-upgrade|db-version postgresql|mysql|cql -c FILE [--replication-factor N]
                   kakapo admin lease-export -4|-6 -c FILE CSV   write the configured store's leases as a Kea lease file
                   kakapo admin lease-import -4|-6 -c FILE CSV   put a Kea lease file's leases into the configured store
                   kakapo admin reservation-add|reservation-get|reservation-del -4|-6 -c FILE 'ARGUMENTS'
                                                                 Kea's host command on the configured hosts databases;
                                                                 prints Kea's answer (exit 0 done, 3 not found, 1 not done)
            db-init, db-upgrade and db-version act on the lease-database and the writable hosts-database(s) of
            the type; db-init cql creates a missing keyspace with SimpleStrategy and N replicas (default 1).
            ARGUMENTS is Kea's JSON, e.g. '{"subnet-id": 1, "ip-address": "192.0.2.202"}'.""";

    private static final Set<String> TYPES = Set.of("postgresql", "mysql", "cql");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Admin() {
    }

    /** A database whose schema a db-* command works on. */
    private record SchemaDatabase(String where, SqlSettings sql, CqlSettings cql) {
        /** One schema per database: a lease and a hosts database may be the same one under other tuning. */
        Object identity() {
            return sql != null ? sql.jdbcUrl() : cql;
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 && (args[1].equals("lease-export") || args[1].equals("lease-import"))) {
            return LeaseTransfer.run(args, out, err);
        }
        if (args.length > 1 && ReservationCommands.COMMANDS.contains(args[1])) {
            return reservation(args, out, err);
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
        List<SchemaDatabase> databases = new ArrayList<>();
        try {
            KeaConfig config = KeaConfig.parseFile(file, KeaConfig.Families.BOTH);
            Set<Object> seen = new HashSet<>();
            for (LeaseDatabase db : new LeaseDatabase[] {config.dhcp4() == null ? null : config.dhcp4().leaseDatabase(),
                    config.dhcp6() == null ? null : config.dhcp6().leaseDatabase()}) {
                if (db != null && db.type().equals(args[2])) {
                    add(databases, seen, new SchemaDatabase(db.describe(), db.sql(), db.cql()));
                }
            }
            // Host tables are part of the same schema; a read-only hosts database is never written.
            for (List<HostDatabase> hosts : List.of(config.dhcp4() == null ? List.<HostDatabase>of() : config.dhcp4().hostsDatabases(),
                    config.dhcp6() == null ? List.<HostDatabase>of() : config.dhcp6().hostsDatabases())) {
                for (HostDatabase db : hosts) {
                    if (!db.readOnly() && db.sql().dialect().typeName().equals(args[2])) {
                        add(databases, seen, new SchemaDatabase(db.describe(), db.sql(), null));
                    }
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
            err.println("kakapo admin: " + file + " names no " + args[2] + " lease-database or writable hosts-database");
            return 1;
        }
        for (SchemaDatabase db : databases) {
            try {
                out.println(db.where() + ": " + (db.sql() != null ? sql(args[1], db.sql()) : cql(args[1], db.cql(), replicationFactor)));
            } catch (IOException e) {
                err.println("kakapo admin: " + db.where() + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    /** Both families, or leases and hosts, may name one database: its schema is handled once. */
    private static void add(List<SchemaDatabase> databases, Set<Object> seen, SchemaDatabase db) {
        if (seen.add(db.identity())) {
            databases.add(db);
        }
    }

    /**
     * {@code reservation-add|-get|-del -4|-6 -c FILE ARGUMENTS}: exit 0 when Kea's result is 0, 3
     * when it is 3 (not found), 1 otherwise, 2 for a command line that is not one.
     */
    private static int reservation(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 6 || !(args[2].equals("-4") || args[2].equals("-6")) || !args[3].equals("-c")) {
            err.println("kakapo admin: " + USAGE);
            return 2;
        }
        String command = args[1];
        boolean v4 = args[2].equals("-4");
        Path file = Path.of(args[4]);
        JsonNode arguments;
        try {
            arguments = JSON.readTree(args[5]);
        } catch (JsonProcessingException e) {
            err.println("kakapo admin: the arguments of " + command + " are not JSON: " + e.getOriginalMessage()
                    + "\n" + USAGE);
            return 2;
        }
        HostCommandArguments configuration;
        try {
            configuration = v4 ? HostCommandArguments.dhcp4(file) : HostCommandArguments.dhcp6(file);
        } catch (ConfigException e) {
            err.println("kakapo admin: configuration " + file + " is not usable: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("kakapo admin: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        List<HostSource> sources = new ArrayList<>();
        try {
            for (HostDatabase db : configuration.hostsDatabases()) {
                try {
                    sources.add(SqlHostStore.open(db.sql(), db.readOnly()));
                } catch (IOException e) {
                    err.println("kakapo admin: hosts database " + db.describe() + ": " + e.getMessage());
                    return 1;
                }
            }
            ObjectNode answer = new ReservationCommands(configuration, sources).handle(command, arguments);
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            int result = answer.path("result").asInt(ReservationCommands.ERROR);
            return result == ReservationCommands.SUCCESS ? 0 : result == ReservationCommands.EMPTY ? 3 : 1;
        } catch (JsonProcessingException e) {
            err.println("kakapo admin: " + command + ": " + e.getMessage());
            return 1;
        } finally {
            sources.forEach(HostSource::close);
        }
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
