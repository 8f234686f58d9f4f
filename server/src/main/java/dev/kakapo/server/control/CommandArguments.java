package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;

/** A command's {@code "arguments"} object, read value by value; each problem names the argument. */
final class CommandArguments {
    private final String command;
    private final JsonNode json;

    CommandArguments(String command, JsonNode json) throws BadArguments {
        if (json == null || json.isMissingNode() || json.isNull()) {
            throw new BadArguments("missing 'arguments' of " + command);
        }
        if (!json.isObject()) {
            throw new BadArguments("'arguments' of " + command + " must be a map, not " + json.getNodeType().name().toLowerCase());
        }
        this.command = command;
        this.json = json;
    }

    boolean has(String key) {
        return json.has(key) && !json.get(key).isNull();
    }

    String text(String key) throws BadArguments {
        JsonNode v = json.get(key);
        if (v == null) {
            throw new BadArguments("missing '" + key + "' in the arguments of " + command);
        }
        if (!v.isTextual()) {
            throw new BadArguments("'" + key + "' of " + command + " must be a string, not " + v);
        }
        return v.asText();
    }

    String text(String key, String absent) throws BadArguments {
        return has(key) ? text(key) : absent;
    }

    long uint(String key, long max) throws BadArguments {
        JsonNode v = json.get(key);
        if (v == null) {
            throw new BadArguments("missing '" + key + "' in the arguments of " + command);
        }
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > max) {
            throw new BadArguments("'" + key + "' of " + command + " must be an integer 0.." + max + ", not " + v);
        }
        return v.asLong();
    }

    long uint(String key, long max, long absent) throws BadArguments {
        return has(key) ? uint(key, max) : absent;
    }

    boolean bool(String key, boolean absent) throws BadArguments {
        if (!has(key)) {
            return absent;
        }
        JsonNode v = json.get(key);
        if (!v.isBoolean()) {
            throw new BadArguments("'" + key + "' of " + command + " must be true or false, not " + v);
        }
        return v.asBoolean();
    }

    int ipv4(String key) throws BadArguments {
        String t = text(key);
        try {
            return Ipv4.parse(t);
        } catch (IllegalArgumentException e) {
            throw new BadArguments("'" + key + "' of " + command + ": '" + t + "' is not an IPv4 address");
        }
    }

    Ipv6Address ipv6(String key) throws BadArguments {
        String t = text(key);
        try {
            return Ipv6Address.parse(t);
        } catch (IllegalArgumentException e) {
            throw new BadArguments("'" + key + "' of " + command + ": '" + t + "' is not an IPv6 address");
        }
    }

    /** Kea's hex text ("01:02:0a" or "01020a"); absent is empty. */
    Octets octets(String key) throws BadArguments {
        if (!has(key)) {
            return Octets.EMPTY;
        }
        String t = text(key);
        try {
            return Octets.parse(t);
        } catch (IllegalArgumentException e) {
            throw new BadArguments("'" + key + "' of " + command + ": '" + t + "' is not hexadecimal bytes (expected e.g. \"1a:1b:1c:1d:1e:1f\")");
        }
    }
}
