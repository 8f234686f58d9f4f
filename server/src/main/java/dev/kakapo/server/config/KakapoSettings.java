package dev.kakapo.server.config;

import dev.kakapo.coordinator.cluster.ClusterSettings;

/**
 * The {@code Kakapo} section: what Kea has no words for.
 *
 * @param cluster the coordinator cluster to join, or null for the all-in-one embedded coordinator
 */
public record KakapoSettings(ClusterSettings cluster) {

    public static final KakapoSettings ALL_IN_ONE = new KakapoSettings(null);
}
