package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a Cassandra lease keyspace is and how Kakapo writes to it (Kea's {@code lease-database}
 * with {@code type: cql}, plus Kakapo's write tuning).
 *
 * @param contactPoints         nodes to reach the cluster through, each {@code host} or
 *                              {@code host:port} ({@code [v6]:port} for an IPv6 address with a port)
 * @param port                  the native protocol port of contact points that name none
 * @param keyspace              the keyspace holding the lease tables (an unquoted CQL name)
 * @param localDatacenter       the data centre whose nodes the driver sends requests to
 * @param user                  login role; empty for a cluster without authentication
 * @param password              the role's password; empty for none
 * @param consistency           the consistency level every read and write waits for, by its CQL
 *                              name ({@code QUORUM}, {@code LOCAL_QUORUM}, {@code ONE}, ...): a
 *                              write counts as durable once that many replicas acknowledged it
 * @param connectTimeoutSeconds how long connecting to a node may take
 * @param requestTimeoutSeconds how long one write may take, including waiting for a node to be
 *                              reachable, before its future fails
 * @param maxInFlightWrites     writes sent and not yet acknowledged at most; a caller beyond it
 *                              waits (back-pressure) instead of queueing without bound
 */
public record CqlSettings(List<String> contactPoints, int port, String keyspace, String localDatacenter,
                          String user, String password, String consistency, int connectTimeoutSeconds,
                          int requestTimeoutSeconds, int maxInFlightWrites) {

    public static final int DEFAULT_PORT = 9042;
    public static final String DEFAULT_DATACENTER = "datacenter1";
    public static final String DEFAULT_CONSISTENCY = "QUORUM";

    /** An unquoted CQL keyspace name, as Cassandra stores it. */
    private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    public CqlSettings {
        if (contactPoints == null || contactPoints.isEmpty()) {
            throw new IllegalArgumentException("contactPoints is empty");
        }
        contactPoints = List.copyOf(contactPoints);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        for (String contactPoint : contactPoints) {
            address(contactPoint, port);
        }
        // Cassandra folds unquoted names to lower case; so does Kakapo, and then never quotes them.
        keyspace = keyspace == null ? null : keyspace.toLowerCase(Locale.ROOT);
        if (keyspace == null || !KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("keyspace '" + keyspace + "' is not a keyspace name: letters, digits and _,"
                    + " starting with a letter, at most 48 characters");
        }
        if (localDatacenter == null || localDatacenter.isBlank()) {
            throw new IllegalArgumentException("localDatacenter is empty");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (user.isEmpty() && !password.isEmpty()) {
            throw new IllegalArgumentException("a password is set but no user");
        }
        consistency = consistencyLevel(consistency).name();
        if (connectTimeoutSeconds < 1) {
            throw new IllegalArgumentException("connectTimeoutSeconds " + connectTimeoutSeconds + " is below 1");
        }
        if (requestTimeoutSeconds < 1) {
            throw new IllegalArgumentException("requestTimeoutSeconds " + requestTimeoutSeconds + " is below 1");
        }
        if (maxInFlightWrites < 1) {
            throw new IllegalArgumentException("maxInFlightWrites " + maxInFlightWrites + " is below 1");
        }
    }

    /**
     * Kakapo's defaults: port {@value #DEFAULT_PORT}, data centre {@value #DEFAULT_DATACENTER}, no
     * login, {@value #DEFAULT_CONSISTENCY}, 5 s to connect, 10 s per write, 1024 writes in flight.
     */
    public static CqlSettings of(List<String> contactPoints, String keyspace) {
        return new CqlSettings(contactPoints, DEFAULT_PORT, keyspace, DEFAULT_DATACENTER, "", "", DEFAULT_CONSISTENCY,
                5, 10, 1024);
    }

    public CqlSettings withPort(int newPort) {
        return new CqlSettings(contactPoints, newPort, keyspace, localDatacenter, user, password, consistency,
                connectTimeoutSeconds, requestTimeoutSeconds, maxInFlightWrites);
    }

    public CqlSettings withKeyspace(String newKeyspace) {
        return new CqlSettings(contactPoints, port, newKeyspace, localDatacenter, user, password, consistency,
                connectTimeoutSeconds, requestTimeoutSeconds, maxInFlightWrites);
    }

    public CqlSettings withLocalDatacenter(String newLocalDatacenter) {
        return new CqlSettings(contactPoints, port, keyspace, newLocalDatacenter, user, password, consistency,
                connectTimeoutSeconds, requestTimeoutSeconds, maxInFlightWrites);
    }

    public CqlSettings withCredentials(String newUser, String newPassword) {
        return new CqlSettings(contactPoints, port, keyspace, localDatacenter, newUser, newPassword, consistency,
                connectTimeoutSeconds, requestTimeoutSeconds, maxInFlightWrites);
    }

    /** @param newConsistency a consistency level's name, any case, {@code -} or {@code _} between words */
    public CqlSettings withConsistency(String newConsistency) {
        return new CqlSettings(contactPoints, port, keyspace, localDatacenter, user, password, newConsistency,
                connectTimeoutSeconds, requestTimeoutSeconds, maxInFlightWrites);
    }

    public CqlSettings withTimeouts(int newConnectTimeoutSeconds, int newRequestTimeoutSeconds) {
        return new CqlSettings(contactPoints, port, keyspace, localDatacenter, user, password, consistency,
                newConnectTimeoutSeconds, newRequestTimeoutSeconds, maxInFlightWrites);
    }

    public CqlSettings withMaxInFlightWrites(int newMaxInFlightWrites) {
        return new CqlSettings(contactPoints, port, keyspace, localDatacenter, user, password, consistency,
                connectTimeoutSeconds, requestTimeoutSeconds, newMaxInFlightWrites);
    }

    /** The driver's form of {@link #consistency()}. */
    public DefaultConsistencyLevel consistencyLevel() {
        return consistencyLevel(consistency);
    }

    /** The contact points as unresolved socket addresses, the default port filled in. */
    public List<InetSocketAddress> contactAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String contactPoint : contactPoints) {
            addresses.add(address(contactPoint, port));
        }
        return addresses;
    }

    /** The keyspace as messages name it: {@code keyspace leases on 192.0.2.7:9042, ...}. */
    public String describe() {
        List<String> nodes = new ArrayList<>();
        for (InetSocketAddress address : contactAddresses()) {
            String host = address.getHostString();
            nodes.add((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort());
        }
        return "keyspace " + keyspace + " on " + String.join(", ", nodes);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "CqlSettings[" + (user.isEmpty() ? "" : user + "@") + String.join(",", contactPoints) + " port " + port
                + "/" + keyspace + ", localDatacenter=" + localDatacenter + ", consistency=" + consistency
                + ", connectTimeoutSeconds=" + connectTimeoutSeconds + ", requestTimeoutSeconds=" + requestTimeoutSeconds
                + ", maxInFlightWrites=" + maxInFlightWrites + "]";
    }

    /**
     * A consistency level by name. SERIAL and LOCAL_SERIAL are refused: they order lightweight
     * transactions, which the lease store does not use.
     */
    static DefaultConsistencyLevel consistencyLevel(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("consistency is empty");
        }
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        DefaultConsistencyLevel level;
        try {
            level = DefaultConsistencyLevel.valueOf(normalized);
        } catch (IllegalArgumentException e) {
            level = null;
        }
        if (level == null || level == DefaultConsistencyLevel.SERIAL || level == DefaultConsistencyLevel.LOCAL_SERIAL) {
            throw new IllegalArgumentException("consistency '" + name + "' is not one of ANY, ONE, TWO, THREE, QUORUM,"
                    + " ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM");
        }
        return level;
    }

    private static InetSocketAddress address(String contactPoint, int defaultPort) {
        if (contactPoint == null || contactPoint.isBlank()) {
            throw new IllegalArgumentException("a contact point is empty");
        }
        String text = contactPoint.trim();
        String host = text;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("contact point '" + contactPoint + "' has no closing ]");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("contact point '" + contactPoint + "' has '" + rest
                            + "' after ]; expected :port");
                }
                portText = rest.substring(1);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            portText = text.substring(text.indexOf(':') + 1);
        }
        // More than one colon without brackets: an IPv6 address alone.
        if (host.isEmpty()) {
            throw new IllegalArgumentException("contact point '" + contactPoint + "' has no host");
        }
        int port = defaultPort;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("contact point '" + contactPoint + "' has port '" + portText
                        + "', not a number in 1..65535");
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
