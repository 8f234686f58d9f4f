package dev.kakapo.server.config;

import dev.kakapo.protocol.eval.Expression;
import java.util.List;

/**
 * A {@code client-classes} entry: a client belongs to the class when {@code test} holds for its
 * packet (a class without a test is joined only by a reservation or a hook), and then gets the
 * class's options and, in DHCPv4, its boot fields.
 *
 * @param name             the class name, unique in its section
 * @param test             the compiled {@code test} expression, or null
 * @param onlyWhenRequired Kea's {@code only-if-required} / {@code only-in-additional-list}: evaluated
 *                         only for a subnet or pool that lists it in {@code require-client-classes}
 * @param options          the class's {@code option-data}
 * @param nextServer       DHCPv4 {@code next-server} (siaddr), 0 when not set
 * @param serverHostname   DHCPv4 {@code server-hostname} (sname), empty when not set
 * @param bootFileName     DHCPv4 {@code boot-file-name} (file), empty when not set
 */
public record ClientClass(String name, Expression test, boolean onlyWhenRequired, List<ConfiguredOption> options,
                          int nextServer, String serverHostname, String bootFileName) {

    public ClientClass {
        options = List.copyOf(options);
    }
}
