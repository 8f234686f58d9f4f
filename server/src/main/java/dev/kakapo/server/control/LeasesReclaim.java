package dev.kakapo.server.control;

import com.fasterxml.jackson.databind.JsonNode;

/** Kea's {@code leases-reclaim}: {@code {"remove": true|false}} (required), for either family. */
final class LeasesReclaim {
    private LeasesReclaim() {
    }

    /** One reclamation of every expired lease now; returns how many leases were reclaimed. */
    @FunctionalInterface
    interface Reclaim {
        int now(boolean remove);
    }

    static Answer run(JsonNode json, Reclaim reclaim) throws BadArguments {
        CommandArguments a = new CommandArguments("leases-reclaim", json);
        if (!a.has("remove")) {
            throw new BadArguments("missing 'remove' in the arguments of leases-reclaim (expected true or false)");
        }
        int n = reclaim.now(a.bool("remove", false));
        return Answer.success("Reclamation of expired leases is complete (" + n + " reclaimed).");
    }
}
