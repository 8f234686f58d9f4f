package dev.kakapo.server.options;

import dev.kakapo.protocol.v4.Message4;
import dev.kakapo.protocol.v4.OptionCode4;
import dev.kakapo.server.config.ConfiguredOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the configured options a DHCPv4 reply carries. Scopes are given most specific first
 * (today pool, subnet, global; client-class and host scopes slot in ahead of them), and for each
 * option code the most specific scope that defines it wins.
 *
 * <p>An option is sent when the client asked for it (option 55), when it is marked
 * {@code always-send}, or when it is one Kea always sends if configured (routers, domain name
 * servers, domain name). Call it before the server sets its own options (53, 54, 51, ...),
 * which then replace any configured option of the same code.
 */
public final class OptionAssembly4 {
    private static final int[] ALWAYS_IF_CONFIGURED = {OptionCode4.ROUTERS, OptionCode4.DOMAIN_NAME_SERVERS, OptionCode4.DOMAIN_NAME};

    private OptionAssembly4() {
    }

    /** The winning option per code across {@code scopes}, most specific scope first. */
    public static Map<Integer, ConfiguredOption> merge(List<List<ConfiguredOption>> scopes) {
        Map<Integer, ConfiguredOption> winners = new LinkedHashMap<>();
        for (List<ConfiguredOption> scope : scopes) {
            for (ConfiguredOption o : scope) {
                winners.putIfAbsent(o.code(), o);
            }
        }
        return winners;
    }

    /** Adds to {@code reply} what the rules above select; {@code requested} is option 55's payload (may be null). */
    public static void addTo(Message4.Builder reply, byte[] requested, List<List<ConfiguredOption>> scopes) {
        Map<Integer, ConfiguredOption> winners = merge(scopes);
        boolean[] asked = new boolean[256];
        if (requested != null) {
            for (byte b : requested) {
                asked[b & 0xff] = true;
            }
        }
        for (int code : ALWAYS_IF_CONFIGURED) {
            asked[code] = true;
        }
        for (ConfiguredOption o : winners.values()) {
            if (asked[o.code()] || o.alwaysSend()) {
                reply.option(o.code(), o.payload());
            }
        }
    }
}
