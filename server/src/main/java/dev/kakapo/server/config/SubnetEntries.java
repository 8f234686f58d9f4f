package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.protocol.option.HexData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code subnet4} and {@code subnet6} entries share: ids, relay, reservation-mode, reservations. */
final class SubnetEntries {
    private SubnetEntries() {
    }

    /** The entries of a {@code subnet4}/{@code subnet6} list, each checked to be an object. */
    static List<ConfigNode> of(ConfigNode subnets) throws ConfigException {
        List<ConfigNode> entries = subnets.isMissing() ? List.of() : subnets.elements();
        for (ConfigNode entry : entries) {
            entry.object();
        }
        return entries;
    }

    /** Explicit ids, checked to be unique; 0 or absent ids numbered from 1 in config order, skipping used ones. */
    static int[] ids(List<ConfigNode> entries) throws ConfigException {
        int[] ids = new int[entries.size()];
        Map<Long, String> used = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ConfigNode id = entries.get(i).get("id");
            long value = id.isMissing() ? 0 : id.uint(ConfigNode.UINT32_MAX);
            if (value == 0) {
                continue;
            }
            String first = used.putIfAbsent(value, entries.get(i).path());
            if (first != null) {
                throw id.error("subnet id " + value + " is already used by " + first + " (expected unique ids)");
            }
            ids[i] = (int) value;
        }
        long next = 1;
        for (int i = 0; i < entries.size(); i++) {
            if (ids[i] == 0) {
                while (used.containsKey(next)) {
                    next++;
                }
                used.put(next, entries.get(i).path());
                ids[i] = (int) next;
            }
        }
        return ids;
    }

    private static final List<String> RESERVATION_FLAGS = List.of("reservations-global", "reservations-in-subnet",
            "reservations-out-of-pool");

    /**
     * The scope's (the global section's or a subnet's) {@code reservation-mode} or its
     * {@code reservations-*} flags, each not given taken from {@code inherited}.
     */
    static ReservationFlags reservationFlags(ConfigNode scope, ReservationFlags inherited) throws ConfigException {
        ConfigNode mode = scope.get("reservation-mode");
        if (!mode.isMissing()) {
            for (String flag : RESERVATION_FLAGS) {
                if (scope.has(flag)) {
                    throw scope.get(flag).error("give 'reservation-mode' or the reservations-* flags, not both");
                }
            }
            ReservationFlags flags = ReservationFlags.ofMode(mode.text());
            if (flags == null) {
                throw mode.error("unknown reservation-mode '" + mode.text()
                        + "' (expected all, out-of-pool, global, disabled or off)");
            }
            return flags;
        }
        return new ReservationFlags(scope.bool("reservations-global", inherited.global()),
                scope.bool("reservations-in-subnet", inherited.inSubnet()),
                scope.bool("reservations-out-of-pool", inherited.outOfPool()));
    }

    /** {@code reservations}: the key check lets only an empty list through; here its type is checked. */
    static void checkReservations(ConfigNode entry) throws ConfigException {
        ConfigNode reservations = entry.get("reservations");
        if (!reservations.isMissing()) {
            reservations.elements();
        }
    }

    /** Reads one address of a family from a node. */
    @FunctionalInterface
    interface AddressReader<A> {
        A read(ConfigNode node) throws ConfigException;
    }

    /**
     * {@code relay.ip-address} or {@code relay.ip-addresses}, leaving out {@code unspecified}
     * (Kea 1.1 wrote "0.0.0.0" / "::" for "no relay").
     */
    static <A> List<A> relayAddresses(ConfigNode relay, AddressReader<A> reader, A unspecified) throws ConfigException {
        if (relay.isMissing()) {
            return List.of();
        }
        relay.object();
        ConfigNode one = relay.get("ip-address");
        ConfigNode many = relay.get("ip-addresses");
        if (!one.isMissing() && !many.isMissing()) {
            throw relay.error("use either 'ip-address' or 'ip-addresses', not both");
        }
        List<A> addresses = new ArrayList<>();
        List<ConfigNode> given = one.isMissing() ? many.isMissing() ? List.of() : many.elements() : List.of(one);
        for (ConfigNode address : given) {
            A value = reader.read(address);
            if (!value.equals(unspecified)) {
                addresses.add(value);
            }
        }
        return addresses;
    }

    /**
     * A subnet's or pool's {@code client-class} (Kea 1.1: one name) or {@code client-classes}
     * (today's Kea: a list), and {@code require-client-classes} / {@code evaluate-additional-classes};
     * every name must be a class of the configuration or a built-in one.
     */
    static ClassGuard classGuard(ConfigNode entry, Set<String> classNames) throws ConfigException {
        List<String> allowed = new ArrayList<>();
        if (entry.has("client-class") && entry.has("client-classes")) {
            throw entry.get("client-classes").error("give 'client-class' or 'client-classes', not both");
        }
        if (entry.has("client-class")) {
            allowed.add(className(entry.get("client-class"), classNames));
        }
        allowed.addAll(classNames(entry.get("client-classes"), classNames));
        if (entry.has("require-client-classes") && entry.has("evaluate-additional-classes")) {
            throw entry.get("evaluate-additional-classes").error(
                    "give 'require-client-classes' or 'evaluate-additional-classes', not both");
        }
        List<String> required = new ArrayList<>(classNames(entry.get("require-client-classes"), classNames));
        required.addAll(classNames(entry.get("evaluate-additional-classes"), classNames));
        return allowed.isEmpty() && required.isEmpty() ? ClassGuard.NONE : new ClassGuard(allowed, required);
    }

    /** The names of a {@code client-classes} list, each a class of the configuration or a built-in one. */
    static List<String> classNames(ConfigNode list, Set<String> classNames) throws ConfigException {
        List<String> names = new ArrayList<>();
        for (ConfigNode name : list.isMissing() ? List.<ConfigNode>of() : list.elements()) {
            names.add(className(name, classNames));
        }
        return names;
    }

    /**
     * A reservation's {@code client-classes}: as in Kea, any names, defined or not (a class only
     * named here still selects subnets and pools guarded by it); an undefined one is noted.
     */
    static List<String> reservationClassNames(ConfigNode list, Set<String> classNames, List<String> notes)
            throws ConfigException {
        List<String> names = new ArrayList<>();
        for (ConfigNode name : list.isMissing() ? List.<ConfigNode>of() : list.elements()) {
            String text = name.text();
            if (text.isBlank() || text.indexOf(',') >= 0) {
                throw name.error("client class name '" + text + "' is empty or holds a comma");
            }
            if (!classNames.contains(text) && !ClientClassReader.BUILT_IN.contains(text)
                    && !text.startsWith(ClientClassReader.VENDOR_CLASS_PREFIX)) {
                notes.add(name.path() + ": client class '" + text + "' is not defined in client-classes; the client"
                        + " joins it by name (it selects subnets and pools guarded by it, and brings no options)");
            }
            names.add(text);
        }
        return names;
    }

    private static String className(ConfigNode node, Set<String> classNames) throws ConfigException {
        String name = node.text();
        if (!classNames.contains(name) && !ClientClassReader.BUILT_IN.contains(name)
                && !name.startsWith(ClientClassReader.VENDOR_CLASS_PREFIX)) {
            throw node.error("client class '" + name + "' is not defined (expected one of client-classes or a built-in class)");
        }
        return name;
    }

    /** Which of {@code identifiers} a reservation names; exactly one is required, as in Kea. */
    static String reservationIdentifier(ConfigNode entry, List<String> identifiers) throws ConfigException {
        String type = null;
        for (String candidate : identifiers) {
            if (entry.has(candidate)) {
                if (type != null) {
                    throw entry.get(candidate).error("the '" + type + "' and '" + candidate
                            + "' identifiers are mutually exclusive (expected one identifier per reservation)");
                }
                type = candidate;
            }
        }
        if (type == null) {
            throw entry.error("one of the supported identifiers must be specified for host reservation: "
                    + String.join(", ", identifiers));
        }
        return type;
    }

    /** Kea's identifier text: hex bytes ({@link HexData}'s forms), or 'quoted text' (circuit-id, flex-id). */
    static Octets identifier(ConfigNode node) throws ConfigException {
        String text = node.text().strip();
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return Octets.of(text.substring(1, text.length() - 1).getBytes(StandardCharsets.UTF_8));
        }
        try {
            byte[] bytes = HexData.parse(text);
            if (bytes.length > 0) {
                return Octets.of(bytes);
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw node.error("'" + text + "' is not an identifier (expected hex bytes like 01:02:03:04:05:06, or 'text')");
    }
}
