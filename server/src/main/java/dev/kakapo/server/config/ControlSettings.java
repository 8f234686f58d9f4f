package dev.kakapo.server.config;

import java.util.List;

/**
 * Where a process serves Kea's commands over HTTP ({@code POST /}) and its Prometheus metrics
 * ({@code GET /metrics}), and who may call it.
 *
 * @param address              the address to listen on (a literal or a name)
 * @param port                 the TCP port; 0 picks a free one (tests)
 * @param realm                the HTTP basic authentication realm
 * @param users                who may call it; empty when no authentication is asked for
 * @param allowUnauthenticated listening beyond loopback without users was asked for explicitly
 * @param source               the JSON path this came from, for the logs
 */
public record ControlSettings(String address, int port, String realm, List<User> users, boolean allowUnauthenticated,
                              String source) {

    /** Kea's convention for the control agent, and Kakapo's default port. */
    public static final int DEFAULT_PORT = 8000;

    /** One HTTP basic authentication client; the password never appears in {@link #toString()}. */
    public record User(String name, String password) {
        @Override
        public String toString() {
            return "User[" + name + "]";
        }
    }

    public ControlSettings {
        users = List.copyOf(users);
    }

    /** The settings of a control API on loopback without authentication, on {@code port} (0: any free port). */
    public static ControlSettings loopback(int port) {
        return new ControlSettings("127.0.0.1", port, "kakapo", List.of(), false, "(default)");
    }

    public boolean authenticated() {
        return !users.isEmpty();
    }
}
