package dev.kakapo.server.cli;

import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore4;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore6;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.KeaConfig;
import dev.kakapo.server.config.LeaseDatabase;
import dev.kakapo.server.dhcp4.Dhcp4Server;
import dev.kakapo.server.dhcp6.Dhcp6Server;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code kakapo admin lease-export|lease-import -4|-6 -c FILE CSV}: moves leases between the store
 * FILE configures (a lease file or PostgreSQL) and a Kea lease file (Kea 1.1's or today's columns),
 * so a Kea site brings its leases along, or Kakapo's leases go back to Kea. Run it while the
 * servers are stopped: a running cluster's coordinators hold newer state than any store.
 */
final class LeaseTransfer {
    private LeaseTransfer() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 6 || !(args[2].equals("-4") || args[2].equals("-6")) || !args[3].equals("-c")) {
            err.println("kakapo admin: " + Admin.USAGE);
            return 2;
        }
        boolean v4 = args[2].equals("-4");
        Path config = Path.of(args[4]);
        Path csv = Path.of(args[5]);
        LeaseDatabase db;
        try {
            KeaConfig kea = KeaConfig.parseFile(config, v4 ? KeaConfig.Families.DHCP4 : KeaConfig.Families.DHCP6);
            db = v4 ? kea.dhcp4().leaseDatabase() : kea.dhcp6().leaseDatabase();
        } catch (ConfigException e) {
            err.println("kakapo admin: configuration " + config + " is not usable: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("kakapo admin: cannot read " + config + ": " + e.getMessage());
            return 1;
        }
        try {
            int n = args[1].equals("lease-export") ? (v4 ? export4(db, csv) : export6(db, csv)) : (v4 ? import4(db, csv) : import6(db, csv));
            out.println("kakapo admin: " + n + " lease(s) " + (args[1].equals("lease-export") ? "written to " + csv : "imported from " + csv));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("kakapo admin: " + args[1] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int export4(LeaseDatabase db, Path csv) throws IOException {
        refuseExisting(csv);
        try (LeaseStore<dev.kakapo.coordinator.lease.Lease4> from = Dhcp4Server.openStore(db);
             MemfileLeaseStore4 to = MemfileLeaseStore4.open(csv, 0)) {
            return copy(from.loadAll(), to);
        }
    }

    private static int export6(LeaseDatabase db, Path csv) throws IOException {
        refuseExisting(csv);
        try (LeaseStore<dev.kakapo.coordinator.lease.Lease6> from = Dhcp6Server.openStore(db);
             MemfileLeaseStore6 to = MemfileLeaseStore6.open(csv, 0)) {
            return copy(from.loadAll(), to);
        }
    }

    /** Reads a copy: opening a file of another Kea version's columns rewrites it, and the user's file stays as it is. */
    private static int import4(LeaseDatabase db, Path csv) throws IOException {
        Path copy = readableCopy(csv);
        try (MemfileLeaseStore4 from = MemfileLeaseStore4.open(copy, 0);
             LeaseStore<dev.kakapo.coordinator.lease.Lease4> to = Dhcp4Server.openStore(db)) {
            return copy(from.loadAll(), to);
        } finally {
            deleteTree(copy.getParent());
        }
    }

    private static int import6(LeaseDatabase db, Path csv) throws IOException {
        Path copy = readableCopy(csv);
        try (MemfileLeaseStore6 from = MemfileLeaseStore6.open(copy, 0);
             LeaseStore<dev.kakapo.coordinator.lease.Lease6> to = Dhcp6Server.openStore(db)) {
            return copy(from.loadAll(), to);
        } finally {
            deleteTree(copy.getParent());
        }
    }

    /** Writes every lease and waits until all are durable; the first failure stops the transfer. */
    private static <L> int copy(Collection<L> leases, LeaseStore<L> to) throws IOException {
        List<CompletableFuture<Void>> writes = new ArrayList<>(leases.size());
        for (L lease : leases) {
            writes.add(to.persist(lease));
        }
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IOException("writing a lease failed: " + e.getCause().getMessage(), e.getCause());
        }
        return leases.size();
    }

    private static void refuseExisting(Path csv) throws IOException {
        if (Files.exists(csv)) {
            throw new IOException(csv + " exists; export writes a new lease file");
        }
    }

    private static Path readableCopy(Path csv) throws IOException {
        if (!Files.isReadable(csv)) {
            throw new IOException("cannot read " + csv);
        }
        Path dir = Files.createTempDirectory("kakapo-import");
        Path copy = dir.resolve("leases.csv");
        Files.copy(csv, copy, StandardCopyOption.COPY_ATTRIBUTES);
        return copy;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
