package dev.kakapo.examples.usercheck;

import dev.kakapo.hooks.CalloutRegistry;
import dev.kakapo.hooks.CalloutResult;
import dev.kakapo.hooks.HookLibrary;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.hooks.HookParameters;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.hooks.Query4;
import dev.kakapo.hooks.Query6;
import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v6.OptionCode6;
import java.util.Arrays;

/**
 * Puts the clients listed in a user file in a class as their packets arrive (pkt4_receive,
 * pkt6_receive), so subnets and pools guarded by that class serve them and others do not, in the
 * spirit of Kea's user_chk. Parameters: {@code user-file} (see {@link KnownClients}) and
 * {@code class}, the class of a line that names none ({@value #DEFAULT_CLASS} when not given).
 */
public final class UserCheck implements HookLibrary {
    static final String DEFAULT_CLASS = "KNOWN_USER";

    @Override
    public void load(HookParameters parameters, CalloutRegistry callouts) throws HookLoadException {
        String defaultClass = parameters.text("class", DEFAULT_CLASS);
        KnownClients known = KnownClients.read(parameters.file("user-file"), defaultClass);
        callouts.register(HookPoint.PKT4_RECEIVE, Query4.class, query -> {
            Message4 m = query.query();
            byte[] chaddr = Arrays.copyOf(m.chaddr(), Math.min(m.hlen(), m.chaddr().length));
            String cls = known.classOf(chaddr);
            if (cls != null) {
                query.addClass(cls);
            }
            return CalloutResult.CONTINUE;
        });
        callouts.register(HookPoint.PKT6_RECEIVE, Query6.class, query -> {
            byte[] duid = query.query().options().first(OptionCode6.CLIENTID);
            String cls = duid == null ? null : known.classOf(duid);
            if (cls != null) {
                query.addClass(cls);
            }
            return CalloutResult.CONTINUE;
        });
    }
}
