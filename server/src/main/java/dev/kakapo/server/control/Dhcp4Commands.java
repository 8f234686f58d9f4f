package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.coordinator.allocator.ClientIdentity4;
import dev.kakapo.coordinator.lease.Ipv4;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.server.config.Subnet4;
import dev.kakapo.server.dhcp4.Dhcp4Server;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The DHCPv4 service's lease commands, on the shared allocator, so in a cluster any node
 * answers for every lease: {@code lease4-get}, {@code lease4-get-all}, {@code lease4-get-by-hw-address},
 * {@code lease4-get-by-client-id}, {@code lease4-get-by-hostname}, {@code lease4-add},
 * {@code lease4-update}, {@code lease4-del}, {@code lease4-wipe}, and {@code leases-reclaim}.
 */
final class Dhcp4Commands {
    private final Dhcp4Server server;
    private final Clock clock;

    Dhcp4Commands(Dhcp4Server server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    void addTo(CommandSet set) {
        set.add("lease4-get", this::get);
        set.add("lease4-get-all", this::getAll);
        set.add("lease4-get-by-hw-address", a -> getBy("lease4-get-by-hw-address", "hw-address", a,
                (l, value) -> l.hwAddress().equals(value)));
        set.add("lease4-get-by-client-id", a -> getBy("lease4-get-by-client-id", "client-id", a,
                (l, value) -> l.clientId().equals(value)));
        set.add("lease4-get-by-hostname", this::getByHostname);
        set.add("lease4-add", a -> put("lease4-add", a, false));
        set.add("lease4-update", a -> put("lease4-update", a, true));
        set.add("lease4-del", this::delete);
        set.add("lease4-wipe", this::wipe);
        set.add("leases-reclaim", a -> LeasesReclaim.run(a, remove -> server.reclaimExpired(remove).join().size()));
    }

    /** By {@code ip-address}, or by {@code identifier-type} ({@code hw-address}, {@code client-id}), {@code identifier} and {@code subnet-id}. */
    private Answer get(JsonNode json) throws BadArguments {
        CommandArguments a = new CommandArguments("lease4-get", json);
        Optional<Lease4> found;
        if (a.has("ip-address")) {
            int address = a.ipv4("ip-address");
            int subnetId = a.has("subnet-id") ? (int) a.uint("subnet-id", 0xffffffffL) : subnetOf(address);
            found = subnetId == 0 ? Optional.empty() : server.allocator().leaseAt(subnetId, address).join();
        } else if (a.has("identifier-type")) {
            String type = a.text("identifier-type");
            Octets id = a.octets("identifier");
            int subnetId = (int) a.uint("subnet-id", 0xffffffffL);
            ClientIdentity4 client = switch (type) {
                case "hw-address" -> new ClientIdentity4(id, Octets.EMPTY, false);
                case "client-id" -> new ClientIdentity4(Octets.EMPTY, id, true);
                default -> throw new BadArguments("identifier-type '" + type + "' of lease4-get is not supported"
                        + " (expected \"hw-address\" or \"client-id\")");
            };
            found = server.allocator().findLease(subnetId, client).join();
        } else {
            throw new BadArguments("lease4-get needs 'ip-address', or 'identifier-type', 'identifier' and 'subnet-id'");
        }
        return found.map(l -> Answer.success("IPv4 lease found.", json(l))).orElse(Answer.empty("Lease not found."));
    }

    /** Every lease, in any subnet, whose {@code key} (hex bytes) matches. */
    private Answer getBy(String command, String key, JsonNode json,
                         java.util.function.BiPredicate<Lease4, Octets> matches) throws BadArguments {
        Octets value = new CommandArguments(command, json).octets(key);
        return LeaseListing.matching("IPv4", server.allocator().leases(0).stream()
                .filter(l -> matches.test(l, value)).map(Dhcp4Commands::json).toList());
    }

    /** Every lease, in any subnet, with the host name (compared without regard to case, as DNS does). */
    private Answer getByHostname(JsonNode json) throws BadArguments {
        String hostname = new CommandArguments("lease4-get-by-hostname", json).text("hostname");
        return LeaseListing.matching("IPv4", server.allocator().leases(0).stream()
                .filter(l -> l.hostname().equalsIgnoreCase(hostname)).map(Dhcp4Commands::json).toList());
    }

    private Answer getAll(JsonNode json) throws BadArguments {
        return LeaseListing.answer("lease4-get-all", "IPv4", json,
                subnetId -> server.allocator().leases(subnetId).stream().map(Dhcp4Commands::json).toList());
    }

    private Answer put(String command, JsonNode json, boolean replace) throws BadArguments {
        CommandArguments a = new CommandArguments(command, json);
        int address = a.ipv4("ip-address");
        int subnetId = a.has("subnet-id") ? (int) a.uint("subnet-id", 0xffffffffL) : subnetOf(address);
        Subnet4 subnet = server.config().subnets().stream().filter(s -> s.id() == subnetId).findFirst()
                .orElseThrow(() -> new BadArguments(a.has("subnet-id") ? "no subnet with subnet-id " + subnetId + " is configured"
                        : "no configured subnet holds " + Ipv4.toText(address)));
        if (!subnet.contains(address)) {
            throw new BadArguments("the address " + Ipv4.toText(address) + " is not in subnet " + subnetId);
        }
        Octets hw = a.octets("hw-address");
        if (hw.isEmpty()) {
            throw new BadArguments("missing 'hw-address' in the arguments of " + command);
        }
        long valid = a.uint("valid-lft", 0xffffffffL, subnet.validLifetime());
        long now = clock.millis() / 1000;
        long cltt = a.has("expire") ? a.uint("expire", Long.MAX_VALUE) - valid : now;
        LeaseState state;
        try {
            state = LeaseState.fromCode((int) a.uint("state", 2, 0));
        } catch (IllegalArgumentException e) {
            throw new BadArguments(e.getMessage());
        }
        Lease4 lease = new Lease4(address, hw, a.octets("client-id"), valid, cltt, subnetId, a.bool("fqdn-fwd", false),
                a.bool("fqdn-rev", false), a.text("hostname", ""), state);
        if (replace) {
            return server.allocator().update(lease).join() ? Answer.success("IPv4 lease updated.")
                    : Answer.error("failed to update the lease with address " + Ipv4.toText(address)
                    + " either because the lease has been deleted or it has changed in the database");
        }
        return server.allocator().add(lease).join()
                ? Answer.success("Lease for address " + Ipv4.toText(address) + ", subnet-id " + subnetId + " added.")
                : new Answer(Answer.CONFLICT, "IPv4 lease already exists.", null);
    }

    private Answer delete(JsonNode json) throws BadArguments {
        CommandArguments a = new CommandArguments("lease4-del", json);
        int address = a.ipv4("ip-address");
        int subnetId = a.has("subnet-id") ? (int) a.uint("subnet-id", 0xffffffffL) : subnetOf(address);
        if (subnetId == 0) {
            return Answer.empty("IPv4 lease not found.");
        }
        Optional<Lease4> removed = server.allocator().remove(subnetId, address).join();
        removed.ifPresent(server.dns()::removed);
        return removed.isPresent() ? Answer.success("IPv4 lease deleted.") : Answer.empty("IPv4 lease not found.");
    }

    /** Every lease of {@code subnet-id}, or of every subnet when it is left out or 0. */
    private Answer wipe(JsonNode json) throws BadArguments {
        int subnetId = json == null || json.isMissingNode() || !json.has("subnet-id") ? 0
                : (int) new CommandArguments("lease4-wipe", json).uint("subnet-id", 0xffffffffL);
        int n = server.allocator().wipe(subnetId);
        String where = subnetId == 0 ? "all subnets" : "subnet " + subnetId;
        return n == 0 ? Answer.empty("Deleted 0 IPv4 lease(s) from " + where + ".")
                : Answer.success("Deleted " + n + " IPv4 lease(s) from " + where + ".");
    }

    /** The id of the configured subnet that holds {@code address}; 0 for none. */
    private int subnetOf(int address) {
        List<Subnet4> subnets = server.config().subnets();
        return subnets.stream().filter(s -> s.contains(address)).mapToInt(Subnet4::id).findFirst().orElse(0);
    }

    /** Kea's lease4 map. */
    static ObjectNode json(Lease4 l) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ip-address", l.addressText());
        o.put("hw-address", l.hwAddress().toString());
        if (!l.clientId().isEmpty()) {
            o.put("client-id", l.clientId().toString());
        }
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
