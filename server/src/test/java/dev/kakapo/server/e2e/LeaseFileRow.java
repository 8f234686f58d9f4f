package dev.kakapo.server.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of a Kea-format DHCPv4 lease file, read here by column name as an outside tool would
 * (the test checks the file, not Kakapo's own reader). A release is a row with valid_lifetime 0.
 */
record LeaseFileRow(String address, String hwaddr, String clientId, long validLifetime) {

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
        int address = column(header, "address", csv);
        int hwaddr = column(header, "hwaddr", csv);
        int clientId = column(header, "client_id", csv);
        int validLifetime = column(header, "valid_lifetime", csv);
        List<LeaseFileRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != header.size()) {
                throw new IOException(csv + " line " + (i + 1) + " has " + f.length + " fields, the header "
                        + header.size() + ": " + lines.get(i));
            }
            rows.add(new LeaseFileRow(f[address], f[hwaddr], f[clientId], Long.parseLong(f[validLifetime])));
        }
        return rows;
    }

    boolean isRelease() {
        return validLifetime == 0;
    }

    private static int column(List<String> header, String name, Path csv) throws IOException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IOException(csv + " has no column " + name + " in its header " + header);
        }
        return i;
    }
}
