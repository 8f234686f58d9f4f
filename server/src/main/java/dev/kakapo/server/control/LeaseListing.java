package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.IntFunction;

/** {@code lease4-get-all} / {@code lease6-get-all}: every lease, or those of the subnets listed in {@code subnets}. */
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
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.set("leases", leases);
        return leases.isEmpty() ? new Answer(Answer.EMPTY, "0 " + family + " lease(s) found.", args)
                : Answer.success(leases.size() + " " + family + " lease(s) found.", args);
    }
}
