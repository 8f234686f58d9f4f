package dev.kakapo.server.config;

import java.nio.file.Path;
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
 * @param tls                  HTTPS with these files, or null for plain HTTP
 */
public record ControlSettings(String address, int port, String realm, List<User> users, boolean allowUnauthenticated,
                              String source, Tls tls) {

    /** Kea's convention for the control agent, and Kakapo's default port. */
    public static final int DEFAULT_PORT = 8000;

    /** One HTTP basic authentication client; the password never appears in {@link #toString()}. */
    public record User(String name, String password) {
        @Override
        public String toString() {
            return "User[" + name + "]";
        }
    }

    /**
     * Kea's TLS keys of a control socket, the files in PEM.
     *
     * @param trustAnchor  the certificate authorities client certificates are checked against (a
     *                     file of certificates, or a directory of such files)
     * @param certFile     the server's certificate, then its chain
     * @param keyFile      the server's private key (PKCS#8, "BEGIN PRIVATE KEY")
     * @param certRequired a client without a certificate from the trust anchor is refused
     */
    public record Tls(Path trustAnchor, Path certFile, Path keyFile, boolean certRequired) {
    }

    public ControlSettings {
        users = List.copyOf(users);
    }

    /** Plain HTTP settings. */
    public ControlSettings(String address, int port, String realm, List<User> users, boolean allowUnauthenticated,
                           String source) {
        this(address, port, realm, users, allowUnauthenticated, source, null);
    }

    /** The same endpoint over HTTPS with {@code tls}. */
    public ControlSettings withTls(Tls tls) {
        return new ControlSettings(address, port, realm, users, allowUnauthenticated, source, tls);
    }

    /** The settings of a control API on loopback without authentication, on {@code port} (0: any free port). */
    public static ControlSettings loopback(int port) {
        return new ControlSettings("127.0.0.1", port, "kakapo", List.of(), false, "(default)");
    }

    public boolean authenticated() {
        return !users.isEmpty();
    }
}
