package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.coordinator.allocator.ClientIdentity6;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.server.config.Subnet6;
import dev.kakapo.server.dhcp6.Dhcp6Server;
import java.time.Clock;
import java.util.Optional;

/**
 * The DHCPv6 service's lease commands on the shared allocator: {@code lease6-get},
 * {@code lease6-get-all}, {@code lease6-get-by-duid}, {@code lease6-get-by-hostname}, {@code lease6-add},
 * {@code lease6-update}, {@code lease6-del},
 * {@code lease6-wipe}, and {@code leases-reclaim}. {@code type} is {@code "IA_NA"} (the default)
 * or {@code "IA_PD"}, with {@code prefix-len} for a prefix.
 */
final class Dhcp6Commands {
    private final Dhcp6Server server;
    private final Clock clock;

    Dhcp6Commands(Dhcp6Server server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    void addTo(CommandSet set) {
        set.add("lease6-get", this::get);
        set.add("lease6-get-all", this::getAll);
        set.add("lease6-get-by-duid", this::getByDuid);
        set.add("lease6-get-by-hostname", this::getByHostname);
        set.add("lease6-add", a -> put("lease6-add", a, false));
        set.add("lease6-update", a -> put("lease6-update", a, true));
        set.add("lease6-del", this::delete);
        set.add("lease6-wipe", this::wipe);
        set.add("leases-reclaim", a -> LeasesReclaim.run(a, remove -> server.reclaimExpired(remove).join().size()));
    }

    private static LeaseType6 type(CommandArguments a) throws BadArguments {
        String t = a.text("type", "IA_NA");
        return switch (t) {
            case "IA_NA" -> LeaseType6.NA;
            case "IA_PD" -> LeaseType6.PD;
            default -> throw new BadArguments("'type' '" + t + "' is not supported (expected \"IA_NA\" or \"IA_PD\")");
        };
    }

    private static int length(CommandArguments a, LeaseType6 type) throws BadArguments {
        return type == LeaseType6.NA ? 128 : (int) a.uint("prefix-len", 128);
    }

    private int subnetId(CommandArguments a, Ipv6Address address) throws BadArguments {
        if (a.has("subnet-id")) {
            return (int) a.uint("subnet-id", 0xffffffffL);
        }
        return server.config().subnets().stream().filter(s -> s.contains(address) || s.pdPoolOf(address) != null)
                .mapToInt(Subnet6::id).findFirst().orElse(0);
    }

    /** By {@code ip-address} (and {@code type}), or by {@code identifier-type} "duid", {@code identifier}, {@code iaid}, {@code subnet-id}. */
    private Answer get(JsonNode json) throws BadArguments {
        CommandArguments a = new CommandArguments("lease6-get", json);
        LeaseType6 type = type(a);
        Optional<Lease6> found;
        if (a.has("ip-address")) {
            Ipv6Address address = a.ipv6("ip-address");
            int subnetId = subnetId(a, address);
            found = subnetId == 0 ? Optional.empty()
                    : server.allocator().leaseAt(subnetId, type, address, length(a, type)).join();
        } else if (a.has("identifier-type")) {
            if (!a.text("identifier-type").equals("duid")) {
                throw new BadArguments("identifier-type '" + a.text("identifier-type") + "' of lease6-get is not supported (expected \"duid\")");
            }
            ClientIdentity6 client = new ClientIdentity6(a.octets("identifier"), a.uint("iaid", 0xffffffffL), type);
            found = server.allocator().findLease((int) a.uint("subnet-id", 0xffffffffL), client).join();
        } else {
            throw new BadArguments("lease6-get needs 'ip-address', or 'identifier-type', 'identifier', 'iaid' and 'subnet-id'");
        }
        return found.map(l -> Answer.success("IPv6 lease found.", json(l))).orElse(Answer.empty("Lease not found."));
    }

    /** Every lease, in any subnet, of the DUID (hex bytes). */
    private Answer getByDuid(JsonNode json) throws BadArguments {
        Octets duid = new CommandArguments("lease6-get-by-duid", json).octets("duid");
        return LeaseListing.matching("IPv6", server.allocator().leases(0).stream()
                .filter(l -> l.duid().equals(duid)).map(Dhcp6Commands::json).toList());
    }

    /** Every lease, in any subnet, with the host name (compared without regard to case, as DNS does). */
    private Answer getByHostname(JsonNode json) throws BadArguments {
        String hostname = new CommandArguments("lease6-get-by-hostname", json).text("hostname");
        return LeaseListing.matching("IPv6", server.allocator().leases(0).stream()
                .filter(l -> l.hostname().equalsIgnoreCase(hostname)).map(Dhcp6Commands::json).toList());
    }

    private Answer getAll(JsonNode json) throws BadArguments {
        return LeaseListing.answer("lease6-get-all", "IPv6", json,
                subnetId -> server.allocator().leases(subnetId).stream().map(Dhcp6Commands::json).toList());
    }

    private Answer put(String command, JsonNode json, boolean replace) throws BadArguments {
        CommandArguments a = new CommandArguments(command, json);
        LeaseType6 type = type(a);
        Ipv6Address address = a.ipv6("ip-address");
        int subnetId = subnetId(a, address);
        Subnet6 subnet = server.config().subnets().stream().filter(s -> s.id() == subnetId).findFirst()
                .orElseThrow(() -> new BadArguments("no configured subnet for " + address + " (give 'subnet-id')"));
        Octets duid = a.octets("duid");
        if (duid.isEmpty()) {
            throw new BadArguments("missing 'duid' in the arguments of " + command);
        }
        long valid = a.uint("valid-lft", 0xffffffffL, subnet.validLifetime());
        long preferred = a.uint("preferred-lft", 0xffffffffL, subnet.preferredLifetime());
        long cltt = a.has("expire") ? a.uint("expire", Long.MAX_VALUE) - valid : clock.millis() / 1000;
        LeaseState state;
        try {
            state = LeaseState.fromCode((int) a.uint("state", 2, 0));
        } catch (IllegalArgumentException e) {
            throw new BadArguments(e.getMessage());
        }
        Lease6 lease = new Lease6(address, length(a, type), type, duid, a.uint("iaid", 0xffffffffL), preferred, valid, cltt,
                subnetId, a.bool("fqdn-fwd", false), a.bool("fqdn-rev", false), a.text("hostname", ""),
                a.octets("hw-address"), state);
        if (replace) {
            return server.allocator().update(lease).join() ? Answer.success("IPv6 lease updated.")
                    : Answer.error("failed to update the lease with address " + address + ": there is none");
        }
        return server.allocator().add(lease).join()
                ? Answer.success("Lease for address " + address + ", subnet-id " + subnetId + " added.")
                : new Answer(Answer.CONFLICT, "IPv6 lease already exists.", null);
    }

    private Answer delete(JsonNode json) throws BadArguments {
        CommandArguments a = new CommandArguments("lease6-del", json);
        LeaseType6 type = type(a);
        Ipv6Address address = a.ipv6("ip-address");
        int subnetId = subnetId(a, address);
        if (subnetId == 0) {
            return Answer.empty("IPv6 lease not found.");
        }
        Optional<Lease6> removed = server.allocator().remove(subnetId, type, address, length(a, type)).join();
        removed.ifPresent(server.dns()::removed);
        return removed.isPresent() ? Answer.success("IPv6 lease deleted.") : Answer.empty("IPv6 lease not found.");
    }

    private Answer wipe(JsonNode json) throws BadArguments {
        int subnetId = json == null || json.isMissingNode() || !json.has("subnet-id") ? 0
                : (int) new CommandArguments("lease6-wipe", json).uint("subnet-id", 0xffffffffL);
        int n = server.allocator().wipe(subnetId);
        String where = subnetId == 0 ? "all subnets" : "subnet " + subnetId;
        return n == 0 ? Answer.empty("Deleted 0 IPv6 lease(s) from " + where + ".")
                : Answer.success("Deleted " + n + " IPv6 lease(s) from " + where + ".");
    }

    /** Kea's lease6 map. */
    static ObjectNode json(Lease6 l) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ip-address", l.address().toString());
        o.put("type", l.type() == LeaseType6.PD ? "IA_PD" : l.type() == LeaseType6.TA ? "IA_TA" : "IA_NA");
        if (l.type() == LeaseType6.PD) {
            o.put("prefix-len", l.prefixLength());
        }
        o.put("duid", l.duid().toString());
        o.put("iaid", l.iaid());
        if (!l.hwAddress().isEmpty()) {
            o.put("hw-address", l.hwAddress().toString());
        }
        o.put("preferred-lft", l.preferredLifetime());
        o.put("valid-lft", l.validLifetime());
        o.put("cltt", l.cltt());
        o.put("expire", l.expire());
        o.put("subnet-id", Integer.toUnsignedLong(l.subnetId()));
        o.put("fqdn-fwd", l.fqdnFwd());
        o.put("fqdn-rev", l.fqdnRev());
        o.put("hostname", l.hostname());
        o.put("state", l.state().code());
        return o;
    }
}
