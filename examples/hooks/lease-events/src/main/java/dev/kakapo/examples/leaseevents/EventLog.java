package dev.kakapo.examples.leaseevents;

import dev.kakapo.hooks.LeaseAssignment4;
import dev.kakapo.hooks.LeaseEvent4;
import dev.kakapo.hooks.LeaseEvent6;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The event file: one line per event, appended and flushed at once so a reader sees it, e.g.
 * {@code 2024-05-01T10:00:00Z select address=192.0.2.10 client=hw:000c01020304 subnet=1 valid=4000}.
 * Opened at the first event, so a configuration check creates nothing.
 */
final class EventLog {
    private final Path file;
    private final Clock clock;
    private BufferedWriter out;

    EventLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    void assigned(String event, LeaseAssignment4 a) {
        write(event, a.address().getHostAddress(), hwClient(a.hwAddress()), a.subnetId(), a.validLifetime());
    }

    void happened(String event, LeaseEvent4 lease) {
        write(event, lease.address().getHostAddress(), hwClient(lease.hwAddress()), lease.subnetId(), lease.validLifetime());
    }

    void happened(String event, LeaseEvent6 lease) {
        String address = lease.address().getHostAddress().replaceAll("%.*$", "")
                + (lease.kind() == LeaseEvent6.Kind.IA_PD ? "/" + lease.prefixLength() : "");
        write(event, address, "duid:" + HexFormat.of().formatHex(lease.duid()) + " iaid=" + lease.iaid(),
                lease.subnetId(), lease.validLifetime());
    }

    private static String hwClient(byte[] hwAddress) {
        return "hw:" + HexFormat.of().formatHex(hwAddress);
    }

    private synchronized void write(String event, String address, String client, int subnet, long valid) {
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            out.write(Instant.now(clock) + " " + event + " address=" + address + " client=" + client + " subnet=" + subnet
                    + " valid=" + valid);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // the server contains it: counted and logged once, the packet served as configured
            throw new UncheckedIOException("cannot write to " + file, e);
        }
    }

    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the lines were flushed as they were written; nothing is lost
            }
            out = null;
        }
    }
}
