package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reads {@code subnet6} entries, their address and prefix delegation pools, applying inherited values. */
final class Subnet6Reader {
    /** Today's Kea's preferred-lifetime when none is configured. */
    static final long DEFAULT_PREFERRED_LIFETIME = 3600;

    /**
     * The global values a subnet inherits when it does not set its own.
     *
     * @param renewTimer  -1 when not configured
     * @param rebindTimer -1 when not configured
     */
    record Inherited(OptionalLong preferredLifetime, OptionalLong validLifetime, long renewTimer, long rebindTimer,
                     ReservationFlags reservations) {
    }

    private static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);

    private final Inherited inherited;
    private final OptionDataReader optionData;
    private final List<String> notes;
    private final java.util.Set<String> classNames;
    private final Reservation6Reader reservationReader;
    /** Every pd-pool read so far, of any subnet: a delegated prefix must come from one pool only. */
    private final List<PdPoolAt> pdPoolsSoFar = new ArrayList<>();

    private record PdPoolAt(PdPool6 pool, String path) {
    }

    /** @param classNames the {@code client-classes} a subnet or pool may name */
    Subnet6Reader(Inherited inherited, OptionDataReader optionData, List<String> notes, java.util.Set<String> classNames) {
        this.inherited = inherited;
        this.optionData = optionData;
        this.notes = notes;
        this.classNames = classNames;
        this.reservationReader = new Reservation6Reader(optionData, notes, classNames);
    }

    List<Subnet6> read(ConfigNode subnet6) throws ConfigException {
        List<ConfigNode> entries = SubnetEntries.of(subnet6);
        int[] ids = SubnetEntries.ids(entries);
        List<Subnet6> subnets = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            subnets.add(readOne(entries.get(i), ids[i]));
        }
        return subnets;
    }

    private Subnet6 readOne(ConfigNode entry, int id) throws ConfigException {
        ConfigNode subnetNode = entry.get("subnet");
        if (subnetNode.isMissing()) {
            throw subnetNode.error("missing mandatory 'subnet' (expected a prefix like \"2001:db8:1::/64\")");
        }
        Prefix6 prefix = Prefix6.parse(subnetNode, "subnet");
        noteHostBits(subnetNode, prefix);
        List<Pool6> pools = pools(entry.get("pools"), prefix);
        List<PdPool6> pdPools = pdPools(entry.get("pd-pools"));

        // Kea asks for these in this order: preferred, then valid
        long preferred = lifetime(entry, "preferred-lifetime", inherited.preferredLifetime(), DEFAULT_PREFERRED_LIFETIME);
        long valid = lifetime(entry, "valid-lifetime", inherited.validLifetime(), Subnet4Reader.DEFAULT_VALID_LIFETIME);
        if (preferred > valid) {
            ConfigNode at = entry.has("preferred-lifetime") ? entry.get("preferred-lifetime") : entry.get("valid-lifetime");
            throw lifetimesError(at, preferred, valid);
        }
        long renew = entry.uint32("renew-timer", inherited.renewTimer());
        long rebind = entry.uint32("rebind-timer", inherited.rebindTimer());
        boolean rapidCommit = entry.bool("rapid-commit", false);
        String interfaceName = entry.text("interface", null);
        Octets interfaceId = interfaceId(entry, interfaceName);
        List<Ipv6Address> relays = SubnetEntries.relayAddresses(entry.get("relay"), ConfigNode::ipv6, UNSPECIFIED);
        List<ConfiguredOption> options = optionData.read(entry.get("option-data"));
        Reservations6 reservations = new Reservations6(reservationReader.read(entry.get("reservations")),
                SubnetEntries.reservationFlags(entry, inherited.reservations()));
        return new Subnet6(id, prefix.network(), prefix.length(), pools, pdPools, preferred, valid, renew, rebind,
                rapidCommit, interfaceName, interfaceId, relays, options, SubnetEntries.classGuard(entry, classNames),
                reservations);
    }

    /** {@code preferred-lifetime} > {@code valid-lifetime}: addresses would stay preferred after they expired. */
    static ConfigException lifetimesError(ConfigNode at, long preferred, long valid) {
        return at.error("preferred-lifetime (" + preferred + ") must not exceed valid-lifetime (" + valid
                + ") (expected preferred-lifetime <= valid-lifetime)");
    }

    /** The subnet's value, else the global one, else today's Kea default (Kea 1.1 refused the last case). */
    private long lifetime(ConfigNode entry, String key, OptionalLong inherited, long keaDefault) throws ConfigException {
        ConfigNode node = entry.get(key);
        OptionalLong value = node.isMissing() ? inherited : OptionalLong.of(node.uint(ConfigNode.UINT32_MAX));
        if (value.isEmpty()) {
            notes.add(node.path() + ": not set globally or here; using Kea's default of " + keaDefault + " s");
            return keaDefault;
        }
        return value.getAsLong();
    }

    /**
     * {@code interface-id}: relays put the link's interface-id option (18) in their messages and Kea
     * compares its content with this text, so the text's bytes are what is matched. Empty means unset.
     */
    private static Octets interfaceId(ConfigNode entry, String interfaceName) throws ConfigException {
        ConfigNode node = entry.get("interface-id");
        String text = node.isMissing() ? "" : node.text();
        if (text.isEmpty()) {
            return null;
        }
        if (interfaceName != null && !interfaceName.isEmpty()) {
            throw node.error("'interface' (a link the server is attached to) and 'interface-id' (a link reached"
                    + " through relays) cannot both be set (expected one of them)");
        }
        return Octets.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private void noteHostBits(ConfigNode node, Prefix6 prefix) {
        if (!prefix.address().equals(prefix.network())) {
            notes.add(node.path() + ": " + node.json().textValue() + " has bits set beyond the prefix length; using "
                    + prefix.network().toText() + "/" + prefix.length());
        }
    }

    private List<Pool6> pools(ConfigNode poolsNode, Prefix6 subnet) throws ConfigException {
        List<Pool6> pools = new ArrayList<>();
        List<ConfigNode> entries = poolsNode.isMissing() ? List.of() : poolsNode.elements();
        for (ConfigNode entry : entries) {
            entry.object();
            ConfigNode poolNode = entry.get("pool");
            if (poolNode.isMissing()) {
                throw poolNode.error("missing mandatory 'pool' (expected \"first - last\" or \"prefix/len\")");
            }
            Ipv6Address[] range = range(poolNode);
            String rangeText = range[0].toText() + " - " + range[1].toText();
            if (range[0].compareTo(range[1]) > 0) {
                throw poolNode.error("pool start " + range[0].toText() + " is after its end " + range[1].toText()
                        + " (expected first <= last)");
            }
            if (!subnet.contains(range[0]) || !subnet.contains(range[1])) {
                throw poolNode.error("pool " + rangeText + " is outside its subnet " + subnet.network().toText() + "/"
                        + subnet.length() + " (expected a range inside the subnet)");
            }
            for (int k = 0; k < pools.size(); k++) {
                Pool6 earlier = pools.get(k);
                if (range[0].compareTo(earlier.last()) <= 0 && earlier.first().compareTo(range[1]) <= 0) {
                    throw poolNode.error("pool " + rangeText + " overlaps pools[" + k + "] " + earlier.first().toText()
                            + " - " + earlier.last().toText() + " (expected pools that share no address)");
                }
            }
            pools.add(new Pool6(range[0], range[1], optionData.read(entry.get("option-data")),
                    SubnetEntries.classGuard(entry, classNames)));
        }
        return pools;
    }

    /** {@code "first - last"} or {@code "prefix/len"} as {first, last}. */
    private static Ipv6Address[] range(ConfigNode poolNode) throws ConfigException {
        String text = poolNode.text();
        int dash = text.indexOf('-');
        if (dash >= 0) {
            try {
                return new Ipv6Address[] {Ipv6Address.parse(text.substring(0, dash)), Ipv6Address.parse(text.substring(dash + 1))};
            } catch (IllegalArgumentException e) {
                throw poolNode.error("invalid pool '" + text + "': " + e.getMessage()
                        + " (expected \"first - last\" like \"2001:db8:1::10 - 2001:db8:1::ff\")");
            }
        }
        if (text.contains("/")) {
            Prefix6 prefix = Prefix6.parse(poolNode, "pool");
            return new Ipv6Address[] {prefix.network(), prefix.last()};
        }
        throw poolNode.error("invalid pool '" + text + "' (expected \"first - last\" or \"prefix/len\")");
    }

    private List<PdPool6> pdPools(ConfigNode pdPoolsNode) throws ConfigException {
        List<PdPool6> pdPools = new ArrayList<>();
        for (ConfigNode entry : pdPoolsNode.isMissing() ? List.<ConfigNode>of() : pdPoolsNode.elements()) {
            entry.object();
            ConfigNode prefixNode = mandatory(entry, "prefix");
            ConfigNode prefixLenNode = mandatory(entry, "prefix-len");
            ConfigNode delegatedLenNode = mandatory(entry, "delegated-len");
            Ipv6Address address = prefixNode.ipv6();
            int prefixLength = prefixLength(prefixLenNode);
            int delegatedLength = prefixLength(delegatedLenNode);
            if (delegatedLength < prefixLength) {
                throw delegatedLenNode.error("Delegated length (" + delegatedLength
                        + ") must be longer than or equal to prefix length (" + prefixLength + ")");
            }
            Prefix6 prefix = new Prefix6(address, prefixLength);
            noteHostBits(prefixNode, prefix);
            PdPool6 pool = new PdPool6(prefix.network(), prefixLength, delegatedLength,
                    optionData.read(entry.get("option-data")), SubnetEntries.classGuard(entry, classNames));
            for (PdPoolAt earlier : pdPoolsSoFar) {
                PdPool6 other = earlier.pool();
                if (pool.prefix().within(other.prefix(), Math.min(prefixLength, other.prefixLength()))) {
                    throw prefixNode.error("pd-pool " + pool.prefix().toText() + "/" + prefixLength + " overlaps "
                            + earlier.path() + " " + other.prefix().toText() + "/" + other.prefixLength()
                            + " (expected pd-pools that share no prefix)");
                }
            }
            pdPoolsSoFar.add(new PdPoolAt(pool, entry.path()));
            pdPools.add(pool);
        }
        return pdPools;
    }

    private static ConfigNode mandatory(ConfigNode pdPool, String key) throws ConfigException {
        ConfigNode value = pdPool.get(key);
        if (value.isMissing()) {
            throw value.error("missing mandatory '" + key + "' of a pd-pool (prefix, prefix-len and delegated-len are"
                    + " required, e.g. \"prefix\": \"2001:db8:8::\", \"prefix-len\": 56, \"delegated-len\": 64)");
        }
        return value;
    }

    private static int prefixLength(ConfigNode node) throws ConfigException {
        int length = (int) node.uint(128);
        if (length == 0) {
            throw node.error("prefix length 0 is not usable here (expected 1..128)");
        }
        return length;
    }

    /** An IPv6 prefix {@code addr/len}; {@code address} as written, {@code network} with the bits beyond {@code length} cleared. */
    record Prefix6(Ipv6Address address, int length) {
        static Prefix6 parse(ConfigNode node, String what) throws ConfigException {
            String text = node.text().replace(" ", "");
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw node.error("invalid " + what + " syntax '" + text + "' (prefix/len expected, like \"2001:db8:1::/64\")");
            }
            Ipv6Address address;
            try {
                address = Ipv6Address.parse(text.substring(0, slash));
            } catch (IllegalArgumentException e) {
                throw node.error("invalid " + what + " '" + text + "': " + e.getMessage() + " (expected like \"2001:db8:1::/64\")");
            }
            String len = text.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(len) > 128) {
                throw node.error("invalid prefix length in '" + text + "' (expected 0..128)");
            }
            return new Prefix6(address, Integer.parseInt(len));
        }

        Ipv6Address network() {
            return address.masked(length);
        }

        /** The highest address of the prefix. */
        Ipv6Address last() {
            long hostHigh = length >= 64 ? 0 : length == 0 ? -1L : -1L >>> length;
            long hostLow = length >= 128 ? 0 : length <= 64 ? -1L : -1L >>> (length - 64);
            Ipv6Address n = network();
            return new Ipv6Address(n.high() | hostHigh, n.low() | hostLow);
        }

        boolean contains(Ipv6Address a) {
            return a.within(address, length);
        }
    }
}
