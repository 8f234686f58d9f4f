package dev.kakapo.examples.usercheck;

import dev.kakapo.hooks.HookLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The user file: one known client per line, its hardware address (DHCPv4) or DUID (DHCPv6) in
 * hex (colons, dashes or none between bytes), then optionally the class to put it in. Blank
 * lines and lines starting with {@code #} are skipped.
 *
 * <pre>
 * # hw-address or DUID      class (optional)
 * 00:0c:01:02:03:04
 * 00:01:00:01:2b:3c:4d:5e:00:0c:01:02:03:05  VIP
 * </pre>
 */
record KnownClients(Map<String, String> classByIdentifier) {

    /** Reads the file; {@code defaultClass} is the class of a line that names none. */
    static KnownClients read(Path file, String defaultClass) throws HookLoadException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new HookLoadException("cannot read the user file " + file + ": " + e, "user-file", e);
        }
        Map<String, String> known = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length > 2) {
                throw new HookLoadException(file + " line " + (i + 1) + ": expected an identifier and at most one class,"
                        + " found " + fields.length + " fields", "user-file");
            }
            String identifier = normalized(fields[0]);
            if (identifier == null) {
                throw new HookLoadException(file + " line " + (i + 1) + ": '" + fields[0]
                        + "' is not a hardware address or DUID in hex", "user-file");
            }
            known.put(identifier, fields.length == 2 ? fields[1] : defaultClass);
        }
        return new KnownClients(Map.copyOf(known));
    }

    /** The class of the client with this identifier, or null when it is not known. */
    String classOf(byte[] identifier) {
        return classByIdentifier.get(HexFormat.of().formatHex(identifier));
    }

    /** Lower-case hex without separators, or null when {@code text} is not whole bytes of hex. */
    static String normalized(String text) {
        String hex = text.replace(":", "").replace("-", "").toLowerCase();
        if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return hex;
    }
}
