package dev.kakapo.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The simulated clients: client {@code i} has a MAC made from the base MAC with {@code i} added to
 * its last three bytes (or the {@code i}-th line of a -M file), and a DUID that is either the base
 * DUID with {@code i} added to its last bytes or a DUID-LL of its MAC (as perfdhcp does).
 */
final class ClientPool {
    private final byte[] baseMac;
    private final byte[] baseDuid;
    private final List<byte[]> macList;
    private final int size;

    private ClientPool(byte[] baseMac, byte[] baseDuid, List<byte[]> macList, int size) {
        this.baseMac = baseMac;
        this.baseDuid = baseDuid;
        this.macList = macList;
        this.size = size;
    }

    static ClientPool of(PerfOptions o) throws IOException {
        if (o.macListFile() == null) {
            return new ClientPool(o.baseMac(), o.baseDuid(), null, o.clients());
        }
        List<byte[]> macs = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(o.macListFile(), StandardCharsets.US_ASCII)) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String hex = s.replace(":", "").replace("-", "");
            if (hex.length() != 12 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IOException(o.macListFile() + ":" + lineNo + ": '" + s + "' is not a MAC address");
            }
            macs.add(HexFormat.of().parseHex(hex));
        }
        if (macs.isEmpty()) {
            throw new IOException(o.macListFile() + " holds no MAC address");
        }
        return new ClientPool(null, null, macs, macs.size());
    }

    int size() {
        return size;
    }

    /** Writes client {@code i}'s MAC into {@code out} at {@code off}. */
    void mac(int i, byte[] out, int off) {
        if (macList != null) {
            System.arraycopy(macList.get(i), 0, out, off, 6);
            return;
        }
        System.arraycopy(baseMac, 0, out, off, 6);
        addToTail(out, off, 6, i);
    }

    byte[] mac(int i) {
        byte[] m = new byte[6];
        mac(i, m, 0);
        return m;
    }

    /** Length of every client's DUID. */
    int duidLength() {
        return baseDuid != null ? baseDuid.length : 10;
    }

    /** Writes client {@code i}'s DUID into {@code out} at {@code off}. */
    void duid(int i, byte[] out, int off) {
        if (baseDuid != null) {
            System.arraycopy(baseDuid, 0, out, off, baseDuid.length);
            addToTail(out, off, baseDuid.length, i);
            return;
        }
        out[off] = 0;
        out[off + 1] = 3; // DUID-LL
        out[off + 2] = 0;
        out[off + 3] = 1; // Ethernet
        mac(i, out, off + 4);
    }

    /** Adds {@code n} to the big-endian number in the last (up to) three bytes of the field. */
    private static void addToTail(byte[] b, int off, int len, int n) {
        int tail = Math.min(3, len);
        long value = 0;
        for (int k = 0; k < tail; k++) {
            value = (value << 8) | (b[off + len - tail + k] & 0xff);
        }
        value += n;
        for (int k = tail - 1; k >= 0; k--) {
            b[off + len - tail + k] = (byte) value;
            value >>>= 8;
        }
    }
}
