package dev.kakapo.server.options;

import dev.kakapo.server.config.ConfiguredOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Chooses the configured options a reply carries, for either family. Scopes are given most
 * specific first (today pool, subnet, global; client-class and host scopes slot in ahead of
 * them), and for each option code the most specific scope that defines it wins. An option is
 * sent when the client asked for it (DHCPv4 option 55, DHCPv6 ORO) or when it is
 * {@code always-send}. The server adds its own options after these, replacing any of the same code.
 */
public final class OptionAssembly {
    private OptionAssembly() {
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

    /** The options to send: the winners the client {@code asked} for, and the always-send ones. */
    public static List<ConfiguredOption> select(IntPredicate asked, List<List<ConfiguredOption>> scopes) {
        List<ConfiguredOption> out = new ArrayList<>();
        for (ConfiguredOption o : merge(scopes).values()) {
            if (asked.test(o.code()) || o.alwaysSend()) {
                out.add(o);
            }
        }
        return out;
    }
}
