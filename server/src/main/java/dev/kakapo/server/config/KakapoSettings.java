package dev.kakapo.server.config;

import dev.kakapo.coordinator.cluster.ClusterSettings;
import dev.kakapo.ddns.tls.DdnsTls;
import java.util.List;

/**
 * The {@code Kakapo} section: what Kea has no words for.
 *
 * @param cluster     the coordinator cluster to join, or null for the all-in-one server (its own coordinator)
 * @param ddnsWorkers {@code ddns-workers}: where NameChangeRequests go, in place of
 *                    {@code dhcp-ddns/server-ip} and {@code server-port}; empty when not given
 * @param ddnsTls     {@code ddns-tls} as a DHCP server uses it: TLS to the ddns-workers; null for plaintext
 * @param rateLimits  {@code rate-limits}: packets per client and per relay ({@link RateLimits#OFF} when not given)
 */
public record KakapoSettings(ClusterSettings cluster, List<DdnsWorker> ddnsWorkers, DdnsTls ddnsTls, RateLimits rateLimits) {

    public static final KakapoSettings ALL_IN_ONE = new KakapoSettings(null, List.of(), null, RateLimits.OFF);

    public KakapoSettings {
        ddnsWorkers = List.copyOf(ddnsWorkers);
        rateLimits = rateLimits == null ? RateLimits.OFF : rateLimits;
    }
}
