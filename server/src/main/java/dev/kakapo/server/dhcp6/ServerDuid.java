package dev.kakapo.server.dhcp6;

import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.MalformedPacketException;
import dev.kakapo.protocol.v6.Duid;
import dev.kakapo.server.config.ServerIdConfig;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collections;
import java.util.UUID;

/**
 * The server's DUID (option 2). Made once — from {@code server-id} when it says everything, else
 * generated (Kea's default is a DUID-LLT from an interface's MAC) — and kept in a file beside
 * the lease file, so clients keep talking to the same server across restarts.
 */
public final class ServerDuid {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.dhcp6");
    /** DUID-LLT time counts seconds from 2000-01-01T00:00:00Z (RFC 8415 11.2). */
    static final long DUID_EPOCH = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    static final String FILE_NAME = "kakapo-dhcp6-serverid";

    private ServerDuid() {
    }

    /**
     * @param config    {@code server-id}, or null
     * @param directory where the DUID file lives (the lease file's folder), or null when nothing is kept on disk
     */
    public static Duid resolve(ServerIdConfig config, Path directory) throws IOException {
        boolean persist = directory != null && (config == null || config.persist());
        Path file = directory == null ? null : directory.resolve(FILE_NAME);
        Duid configured = config == null ? null : fromConfig(config);
        if (configured == null && persist && Files.exists(file)) {
            Duid stored = read(file);
            if (config == null || stored.type().name().equals(config.type().name())) {
                return stored;
            }
            LOG.log(Level.INFO, "event=server-duid-replaced reason=\"server-id type changed to {0}\"", config.type());
        }
        // Nowhere to keep a generated DUID-LLT (its time part would change at every start): a
        // DUID-LL of the hardware address stays the same instead.
        Duid duid = configured != null ? configured
                : directory == null && config == null ? Duid.ll(1, hardwareAddress()) : generate(config);
        if (persist) {
            write(file, duid);
        }
        return duid;
    }

    /** The DUID {@code server-id} fully describes, or null when parts must be generated. */
    static Duid fromConfig(ServerIdConfig c) {
        Octets id = c.identifier();
        return switch (c.type()) {
            case LLT -> id.isEmpty() || c.time() == 0 ? null : Duid.llt(c.htype(), c.time(), id.toByteArray());
            case LL -> id.isEmpty() ? null : Duid.ll(c.htype(), id.toByteArray());
            case EN -> id.isEmpty() ? null : Duid.en(c.enterpriseId(), id.toByteArray());
            case UUID -> id.length() != 16 ? null : Duid.uuid(id.toByteArray());
        };
    }

    /** Fills in what {@code server-id} left out (or everything, when there is none): Kea's defaults. */
    static Duid generate(ServerIdConfig c) {
        ServerIdConfig.Type type = c == null ? ServerIdConfig.Type.LLT : c.type();
        int htype = c == null || c.htype() == 0 ? 1 : c.htype();
        byte[] id = c == null || c.identifier().isEmpty() ? null : c.identifier().toByteArray();
        return switch (type) {
            case LLT -> Duid.llt(htype, c != null && c.time() != 0 ? c.time() : Instant.now().getEpochSecond() - DUID_EPOCH,
                    id != null ? id : hardwareAddress());
            case LL -> Duid.ll(htype, id != null ? id : hardwareAddress());
            case EN -> Duid.en(c.enterpriseId(), id != null ? id : random(6));
            case UUID -> Duid.uuid(uuidBytes(UUID.randomUUID()));
        };
    }

    /** The MAC of the first up, non-loopback interface that has one; a random local MAC otherwise. */
    static byte[] hardwareAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = ni.isLoopback() ? null : ni.getHardwareAddress();
                if (ni.isUp() && mac != null && mac.length == 6 && !allZero(mac)) {
                    return mac;
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot list interfaces for the server DUID: {0}", e.toString());
        }
        byte[] mac = random(6);
        mac[0] = (byte) ((mac[0] & 0xfc) | 0x02); // locally administered, unicast
        return mac;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static byte[] uuidBytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    private static Duid read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return Duid.parse(Octets.parse(text).toByteArray());
        } catch (MalformedPacketException | IllegalArgumentException e) {
            throw new IOException("server DUID file " + file + " does not hold a DUID ('" + text + "'): " + e.getMessage()
                    + "; delete it to have a new DUID generated");
        }
    }

    /** Written to a temporary file, forced to disk and renamed over the old one: never half a DUID. */
    private static void write(Path file, Duid duid) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        byte[] text = (Octets.of(duid.bytes()) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(text));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
