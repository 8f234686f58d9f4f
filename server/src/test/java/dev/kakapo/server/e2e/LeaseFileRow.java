package dev.kakapo.server.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One row of a Kea-format lease file, lease4 or lease6, read by column name as an outside tool
 * would (the test checks the file, not Kakapo's own reader). A release is a row with
 * valid_lifetime 0. The accessors name the columns; each fails when the file has no such column.
 */
record LeaseFileRow(Map<String, String> fields) {
    /** lease6's lease_type column: an IA_NA address. */
    static final int ADDRESS = 0;
    /** lease6's lease_type column: an IA_PD delegated prefix. */
    static final int PREFIX = 2;

    /** The rows of {@code csv} in file order; none when the file does not exist yet. */
    static List<LeaseFileRow> read(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        for (String required : List.of("address", "valid_lifetime")) {
            if (!header.contains(required)) {
                throw new IOException(csv + " has no column " + required + " in its header " + header);
            }
        }
        List<LeaseFileRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != header.size()) {
                throw new IOException(csv + " line " + (i + 1) + " has " + f.length + " fields, the header "
                        + header.size() + ": " + lines.get(i));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int c = 0; c < f.length; c++) {
                fields.put(header.get(c), f[c]);
            }
            rows.add(new LeaseFileRow(Collections.unmodifiableMap(fields)));
        }
        return rows;
    }

    /**
     * Waits until the latest row of {@code csv} that {@code ofLease} picks out is {@code expected},
     * and returns it; fails with the file's rows when that does not happen within {@code limit}.
     * {@code what} names the awaited row in that message.
     */
    static LeaseFileRow awaitLatest(Path csv, Predicate<LeaseFileRow> ofLease, Predicate<LeaseFileRow> expected,
                                    String what, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<LeaseFileRow> rows = read(csv);
            List<LeaseFileRow> forLease = rows.stream().filter(ofLease).toList();
            if (!forLease.isEmpty() && expected.test(forLease.get(forLease.size() - 1))) {
                return forLease.get(forLease.size() - 1);
            }
            if (System.nanoTime() > deadline) {
                fail("no " + what + " in " + csv + " within " + limit + "; rows: " + rows);
            }
            Thread.sleep(100);
        }
    }

    String address() {
        return field("address");
    }

    long validLifetime() {
        return Long.parseLong(field("valid_lifetime"));
    }

    boolean isRelease() {
        return validLifetime() == 0;
    }

    String hwaddr() {
        return field("hwaddr");
    }

    /** lease4 only. */
    String clientId() {
        return field("client_id");
    }

    /** lease6 only. */
    String duid() {
        return field("duid");
    }

    /** lease6 only: {@link #ADDRESS} or {@link #PREFIX} (1 would be IA_TA). */
    int leaseType() {
        return Integer.parseInt(field("lease_type"));
    }

    /** lease6 only: 128 for an address, the delegated length for a prefix. */
    int prefixLength() {
        return Integer.parseInt(field("prefix_len"));
    }

    long subnetId() {
        return Long.parseLong(field("subnet_id"));
    }

    private String field(String column) {
        String value = fields.get(column);
        if (value == null) {
            throw new AssertionError("the lease file has no column " + column + "; row: " + fields);
        }
        return value;
    }

    @Override
    public String toString() {
        return String.join(",", fields.values());
    }
}
