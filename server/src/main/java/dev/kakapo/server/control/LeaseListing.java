package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The lease list commands: {@code lease4-get-all} / {@code lease6-get-all} (every lease, or those of
 * the subnets listed in {@code subnets}) and the {@code -get-by-*} ones (every lease whose field
 * matches, in any subnet).
 */
final class LeaseListing {
    private LeaseListing() {
    }

    /**
     * @param family   "IPv4" or "IPv6", as Kea's answer texts name it
     * @param leasesOf the leases of a subnet as JSON; of every subnet for 0
     */
    static Answer answer(String command, String family, JsonNode json, IntFunction<List<? extends JsonNode>> leasesOf)
            throws BadArguments {
        ArrayNode leases = JsonNodeFactory.instance.arrayNode();
        if (json != null && json.has("subnets")) {
            if (!json.get("subnets").isArray()) {
                throw new BadArguments("'subnets' of " + command + " must be a list of subnet ids");
            }
            for (JsonNode id : json.get("subnets")) {
                if (!id.canConvertToInt() || id.asInt() <= 0) {
                    throw new BadArguments("'subnets' of " + command + ": " + id + " is not a subnet id");
                }
                leasesOf.apply(id.asInt()).forEach(leases::add);
            }
        } else {
            leasesOf.apply(0).forEach(leases::add);
        }
        List<JsonNode> found = new java.util.ArrayList<>();
        leases.forEach(found::add);
        return matching(family, found);
    }

    /** The leases that match, as Kea answers {@code lease4-get-by-hw-address} and the like. */
    static Answer matching(String family, List<? extends JsonNode> leases) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        leases.forEach(list::add);
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.set("leases", list);
        return list.isEmpty() ? new Answer(Answer.EMPTY, "0 " + family + " lease(s) found.", args)
                : Answer.success(list.size() + " " + family + " lease(s) found.", args);
    }
}
