package dev.kakapo.coordinator.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Opens driver sessions as {@link CqlSettings} say; the one place the driver is configured. */
final class CqlConnection {

    /** Rows fetched per round trip while loading. */
    static final int PAGE_SIZE = 1000;
    /** How long a schema change may take (it waits for every node to agree on the schema). */
    static final Duration SCHEMA_CHANGE_TIMEOUT = Duration.ofSeconds(60);

    private CqlConnection() {
    }

    /**
     * Connects to the cluster.
     *
     * @param inKeyspace whether the session works in {@link CqlSettings#keyspace()} (which must exist)
     * @throws IOException naming the contact points when no node can be reached, or the keyspace is missing
     */
    static CqlSession open(CqlSettings settings, boolean inKeyspace) throws IOException {
        Duration connect = Duration.ofSeconds(settings.connectTimeoutSeconds());
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, connect)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, connect)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, connect)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, SCHEMA_CHANGE_TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, SCHEMA_CHANGE_TIMEOUT)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(settings.requestTimeoutSeconds()))
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.consistency())
                .withInt(DefaultDriverOption.REQUEST_PAGE_SIZE, PAGE_SIZE)
                // A node that comes back is used again within 2 s; writes wait for it up to their timeout.
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, Math.max(1024, settings.maxInFlightWrites()))
                // The driver's schema metadata serves token-aware routing: only this keyspace's is needed,
                // and a schema change need not wait a second for the refresh to settle.
                .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of(settings.keyspace()))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50))
                // close() waits for the writes in flight itself; the driver's default 2 s quiet
                // period on top only delays a server's stop and every admin command.
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .withConfigLoader(config)
                .withLocalDatacenter(settings.localDatacenter())
                .withApplicationName("kakapo");
        for (InetSocketAddress unresolved : settings.contactAddresses()) {
            InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve Cassandra contact point " + unresolved.getHostString());
            }
            builder.addContactPoint(address);
        }
        if (!settings.user().isEmpty()) {
            builder.withAuthCredentials(settings.user(), settings.password());
        }
        if (inKeyspace) {
            builder.withKeyspace(settings.keyspace());
        }
        try {
            return builder.build();
        } catch (DriverException | IllegalStateException | IllegalArgumentException e) {
            throw new IOException("cannot connect to " + settings.describe()
                    + (settings.user().isEmpty() ? "" : " as " + settings.user()) + ": " + e.getMessage(), e);
        }
    }
}
