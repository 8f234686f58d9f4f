package dev.kakapo.server.hooks;

import dev.kakapo.hooks.CalloutResult;

/**
 * What the callouts of one point decided: their combined result (DROP over SKIP over CONTINUE)
 * and the arguments as the last callout that finished left them.
 */
public record Hooked<A>(CalloutResult result, A arguments) {

    public boolean dropped() {
        return result == CalloutResult.DROP;
    }

    public boolean skipped() {
        return result == CalloutResult.SKIP;
    }
}
