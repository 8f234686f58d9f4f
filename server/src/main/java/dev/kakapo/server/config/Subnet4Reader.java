package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Octets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reads {@code subnet4} entries and their pools, applying the global values they inherit. */
final class Subnet4Reader {
    /** Today's Kea's valid-lifetime when none is configured. */
    static final long DEFAULT_VALID_LIFETIME = 7200;

    /**
     * The global values a subnet inherits when it does not set its own.
     *
     * @param renewTimer  -1 when not configured
     * @param rebindTimer -1 when not configured
     * @param nextServer  0 when not configured
     */
    record Inherited(OptionalLong validLifetime, long renewTimer, long rebindTimer, boolean matchClientId,
                     boolean authoritative, int nextServer, ReservationFlags reservations) {
    }

    private final Inherited inherited;
    private final OptionDataReader optionData;
    private final List<String> notes;
    private final java.util.Set<String> classNames;
    private final Reservation4Reader reservationReader;

    /** @param classNames the {@code client-classes} a subnet or pool may name */
    Subnet4Reader(Inherited inherited, OptionDataReader optionData, List<String> notes, java.util.Set<String> classNames) {
        this.inherited = inherited;
        this.optionData = optionData;
        this.notes = notes;
        this.classNames = classNames;
        this.reservationReader = new Reservation4Reader(optionData, notes, classNames);
    }

    List<Subnet4> read(ConfigNode subnet4) throws ConfigException {
        List<ConfigNode> entries = SubnetEntries.of(subnet4);
        int[] ids = SubnetEntries.ids(entries);
        List<Subnet4> subnets = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            subnets.add(readOne(entries.get(i), ids[i]));
        }
        return subnets;
    }

    private Subnet4 readOne(ConfigNode entry, int id) throws ConfigException {
        ConfigNode subnetNode = entry.get("subnet");
        if (subnetNode.isMissing()) {
            throw subnetNode.error("missing mandatory 'subnet' (expected a prefix like \"192.0.2.0/24\")");
        }
        Prefix prefix = Prefix.parse(subnetNode, "subnet");
        if (prefix.address() != prefix.network()) {
            notes.add(subnetNode.path() + ": " + subnetNode.json().textValue() + " has host bits set; using "
                    + Ipv4.toText(prefix.network()) + "/" + prefix.length());
        }
        List<Pool4> pools = pools(entry.get("pools"), prefix);

        ConfigNode validNode = entry.get("valid-lifetime");
        OptionalLong valid = validNode.isMissing() ? inherited.validLifetime() : OptionalLong.of(validNode.uint(ConfigNode.UINT32_MAX));
        if (valid.isEmpty()) {
            // Kea 1.1 refused this; today's Kea uses its default, and so does Kakapo (saying so).
            notes.add(validNode.path() + ": not set globally or here; using Kea's default of "
                    + DEFAULT_VALID_LIFETIME + " s");
            valid = OptionalLong.of(DEFAULT_VALID_LIFETIME);
        }
        long renew = entry.uint32("renew-timer", inherited.renewTimer());
        long rebind = entry.uint32("rebind-timer", inherited.rebindTimer());
        boolean matchClientId = entry.bool("match-client-id", inherited.matchClientId());
        int nextServer = nextServer(entry.get("next-server"), inherited.nextServer());
        String interfaceName = entry.text("interface", null);
        List<Integer> relays = SubnetEntries.relayAddresses(entry.get("relay"), ConfigNode::ipv4, 0);
        List<ConfiguredOption> options = optionData.read(entry.get("option-data"));

        boolean authoritative = entry.bool("authoritative", inherited.authoritative());
        Reservations4 reservations = new Reservations4(
                reservationReader.read(entry.get("reservations"), prefix.network(), prefix.length()),
                SubnetEntries.reservationFlags(entry, inherited.reservations()));
        return new Subnet4(id, prefix.network(), prefix.length(), pools, valid.getAsLong(), renew, rebind,
                matchClientId, authoritative, nextServer, interfaceName, relays, options,
                SubnetEntries.classGuard(entry, classNames), reservations, subnet4o6(entry));
    }

    /** {@code 4o6-interface}, {@code 4o6-interface-id} and {@code 4o6-subnet}; an empty text is unset, as in Kea. */
    private static Subnet4o6 subnet4o6(ConfigNode entry) throws ConfigException {
        String interfaceName = entry.text("4o6-interface", "");
        String interfaceId = entry.text("4o6-interface-id", "");
        ConfigNode subnetNode = entry.get("4o6-subnet");
        Subnet6Reader.Prefix6 prefix = subnetNode.isMissing() || "".equals(subnetNode.json().textValue())
                ? null : Subnet6Reader.Prefix6.parse(subnetNode, "4o6-subnet");
        return new Subnet4o6(interfaceName.isEmpty() ? null : interfaceName,
                // relays' interface-id options are compared with the text's bytes, as for subnet6's interface-id
                interfaceId.isEmpty() ? null : Octets.of(interfaceId.getBytes(StandardCharsets.UTF_8)),
                prefix == null ? null : prefix.network(), prefix == null ? 0 : prefix.length());
    }

    /** An IPv4 next-server; {@code ""} and absence mean the inherited value. */
    static int nextServer(ConfigNode node, int absent) throws ConfigException {
        if (node.isMissing() || "".equals(node.json().textValue())) {
            return absent;
        }
        return node.ipv4();
    }

    private List<Pool4> pools(ConfigNode poolsNode, Prefix subnet) throws ConfigException {
        List<Pool4> pools = new ArrayList<>();
        List<ConfigNode> entries = poolsNode.isMissing() ? List.of() : poolsNode.elements();
        for (ConfigNode entry : entries) {
            entry.object();
            ConfigNode poolNode = entry.get("pool");
            if (poolNode.isMissing()) {
                throw poolNode.error("missing mandatory 'pool' (expected \"first - last\" or \"prefix/len\")");
            }
            int[] range = range(poolNode);
            String rangeText = Ipv4.toText(range[0]) + " - " + Ipv4.toText(range[1]);
            if (Integer.compareUnsigned(range[0], range[1]) > 0) {
                throw poolNode.error("pool start " + Ipv4.toText(range[0]) + " is after its end "
                        + Ipv4.toText(range[1]) + " (expected first <= last)");
            }
            if (!subnet.contains(range[0]) || !subnet.contains(range[1])) {
                throw poolNode.error("pool " + rangeText + " is outside its subnet " + Ipv4.toText(subnet.network())
                        + "/" + subnet.length() + " (expected a range inside the subnet)");
            }
            for (int k = 0; k < pools.size(); k++) {
                Pool4 earlier = pools.get(k);
                if (Integer.compareUnsigned(range[0], earlier.last()) <= 0
                        && Integer.compareUnsigned(earlier.first(), range[1]) <= 0) {
                    throw poolNode.error("pool " + rangeText + " overlaps pools[" + k + "] "
                            + Ipv4.toText(earlier.first()) + " - " + Ipv4.toText(earlier.last())
                            + " (expected pools that share no address)");
                }
            }
            pools.add(new Pool4(range[0], range[1], optionData.read(entry.get("option-data")),
                    SubnetEntries.classGuard(entry, classNames)));
        }
        return pools;
    }

    /** {@code "first - last"} or {@code "prefix/len"} as {first, last}. */
    private static int[] range(ConfigNode poolNode) throws ConfigException {
        String text = poolNode.text();
        int dash = text.indexOf('-');
        if (dash >= 0) {
            String first = text.substring(0, dash).strip();
            String last = text.substring(dash + 1).strip();
            try {
                return new int[] {Ipv4.parse(first), Ipv4.parse(last)};
            } catch (IllegalArgumentException e) {
                throw poolNode.error("invalid pool '" + text + "': " + e.getMessage()
                        + " (expected \"first - last\" like \"192.0.2.10 - 192.0.2.200\")");
            }
        }
        if (text.contains("/")) {
            Prefix prefix = Prefix.parse(poolNode, "pool");
            return new int[] {prefix.network(), prefix.network() | ~Prefix.mask(prefix.length())};
        }
        throw poolNode.error("invalid pool '" + text + "' (expected \"first - last\" or \"prefix/len\")");
    }

    /** An IPv4 prefix {@code a.b.c.d/len}; {@code address} as written, {@code network} with host bits cleared. */
    record Prefix(int address, int length) {
        static Prefix parse(ConfigNode node, String what) throws ConfigException {
            String text = node.text().replace(" ", "");
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw node.error("invalid " + what + " syntax '" + text + "' (prefix/len expected, like \"192.0.2.0/24\")");
            }
            int address;
            try {
                address = Ipv4.parse(text.substring(0, slash));
            } catch (IllegalArgumentException e) {
                throw node.error("invalid " + what + " '" + text + "': " + e.getMessage() + " (expected like \"192.0.2.0/24\")");
            }
            String len = text.substring(slash + 1);
            if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit) || Integer.parseInt(len) > 32) {
                throw node.error("invalid prefix length in '" + text + "' (expected 0..32)");
            }
            return new Prefix(address, Integer.parseInt(len));
        }

        static int mask(int length) {
            return length == 0 ? 0 : -1 << (32 - length);
        }

        int network() {
            return address & mask(length);
        }

        boolean contains(int a) {
            return (a & mask(length)) == network();
        }
    }
}
