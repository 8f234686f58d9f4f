package dev.kakapo.coordinator.cluster;

import java.util.List;

/**
 * How a node finds the coordinator cluster ({@code Kakapo.cluster} in the configuration).
 *
 * @param name          Hazelcast cluster name: members and clients of one Kakapo cluster share it
 * @param members       coordinator addresses ({@code host:port}) for bare metal; empty with Kubernetes discovery
 * @param kubernetesDns a headless Service's DNS name whose records are the coordinator pods, or null
 * @param port          the port coordinators listen on (and are reached at through the DNS name)
 * @param quorum        members a side of a split needs to go on allocating; 0 = a majority of {@code members}
 *                      (1 when members are discovered)
 * @param connectTimeoutSeconds how long a server node waits for the coordinators, at start and
 *                      when it lost them all, before it gives up
 */
public record ClusterSettings(String name, List<String> members, String kubernetesDns, int port, int quorum,
                              int connectTimeoutSeconds) {

    public static final int DEFAULT_PORT = 5701;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 60;

    public ClusterSettings(String name, List<String> members, String kubernetesDns, int port, int quorum) {
        this(name, members, kubernetesDns, port, quorum, DEFAULT_CONNECT_TIMEOUT_SECONDS);
    }

    public ClusterSettings {
        members = List.copyOf(members);
        if (connectTimeoutSeconds < 1) {
            throw new IllegalArgumentException("connect timeout must be at least 1 s, not " + connectTimeoutSeconds);
        }
        if (members.isEmpty() && kubernetesDns == null) {
            throw new IllegalArgumentException("a cluster needs coordinator members or a Kubernetes service DNS name");
        }
    }

    /** The members a side needs to allocate: the configured quorum, or a majority of the known members. */
    public int effectiveQuorum() {
        if (quorum > 0) {
            return quorum;
        }
        return members.isEmpty() ? 1 : members.size() / 2 + 1;
    }
}
