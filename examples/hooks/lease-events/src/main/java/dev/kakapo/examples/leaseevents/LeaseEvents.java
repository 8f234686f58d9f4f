package dev.kakapo.examples.leaseevents;

import dev.kakapo.hooks.CalloutRegistry;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookLibrary;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.hooks.HookParameters;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.hooks.LeaseAssignment4;
import dev.kakapo.hooks.LeaseEvent4;
import dev.kakapo.hooks.LeaseEvent6;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Writes one line per lease event to a file (parameter {@code file}): a lease given
 * (lease4_select for a REQUEST, lease6_select), renewed (lease4_renew, lease6_renew,
 * lease6_rebind), released, declined and expired, each with the address, the client and the time.
 * It only watches: every callout returns CONTINUE.
 */
public final class LeaseEvents implements HookLibrary {
    private final Clock clock;
    private EventLog log;

    public LeaseEvents() {
        this(Clock.systemUTC());
    }

    LeaseEvents(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void load(HookParameters parameters, CalloutRegistry callouts) throws HookLoadException {
        Path file = parameters.file("file");
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new HookLoadException("the folder of " + file + " does not exist or cannot be written", "file");
        }
        EventLog events = new EventLog(file, clock);
        this.log = events;
        callouts.register(HookPoint.LEASE4_SELECT, LeaseAssignment4.class, a -> {
            if (!a.fakeAllocation()) { // an offer is not a lease yet
                events.assigned("select", a);
            }
            return CalloutResult.CONTINUE;
        });
        callouts.register(HookPoint.LEASE4_RENEW, LeaseAssignment4.class, a -> {
            events.assigned("renew", a);
            return CalloutResult.CONTINUE;
        });
        register4(callouts, events, HookPoint.LEASE4_RELEASE, "release");
        register4(callouts, events, HookPoint.LEASE4_DECLINE, "decline");
        register4(callouts, events, HookPoint.LEASE4_EXPIRE, "expire");
        register6(callouts, events, HookPoint.LEASE6_SELECT, "select");
        register6(callouts, events, HookPoint.LEASE6_RENEW, "renew");
        register6(callouts, events, HookPoint.LEASE6_REBIND, "renew");
        register6(callouts, events, HookPoint.LEASE6_RELEASE, "release");
        register6(callouts, events, HookPoint.LEASE6_DECLINE, "decline");
        register6(callouts, events, HookPoint.LEASE6_EXPIRE, "expire");
    }

    private static void register4(CalloutRegistry callouts, EventLog events, HookPoint point, String event) {
        callouts.register(point, LeaseEvent4.class, lease -> {
            events.happened(event, lease);
            return CalloutResult.CONTINUE;
        });
    }

    private static void register6(CalloutRegistry callouts, EventLog events, HookPoint point, String event) {
        callouts.register(point, LeaseEvent6.class, lease -> {
            events.happened(event, lease);
            return CalloutResult.CONTINUE;
        });
    }

    @Override
    public void unload() {
        if (log != null) {
            log.close();
        }
    }
}
