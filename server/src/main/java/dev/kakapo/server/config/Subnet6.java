package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Octets;
import java.util.List;

/**
 * One {@code subnet6} entry, with global defaults applied.
 *
 * @param renewTimer      T1 seconds, or -1 when not configured (then Kakapo uses half the preferred lifetime)
 * @param rebindTimer     T2 seconds, or -1 when not configured (then 0.8 of the preferred lifetime)
 * @param interfaceName   {@code interface}: the link this subnet is on, or null
 * @param interfaceId     {@code interface-id}: matched against a relay's interface-id option, or null
 * @param relayAddresses  {@code relay.ip-address(es)}: matched against a relay's link-address
 */
public record Subnet6(int id, Ipv6Address prefix, int prefixLength, List<Pool6> pools, List<PdPool6> pdPools,
                      long preferredLifetime, long validLifetime, long renewTimer, long rebindTimer,
                      boolean rapidCommit, String interfaceName, Octets interfaceId,
                      List<Ipv6Address> relayAddresses, List<ConfiguredOption> options,
                      ClassGuard classes, Reservations6 reservations) {

    public Subnet6 {
        pools = List.copyOf(pools);
        pdPools = List.copyOf(pdPools);
        relayAddresses = List.copyOf(relayAddresses);
        options = List.copyOf(options);
    }

    public boolean contains(Ipv6Address address) {
        return address.within(prefix, prefixLength);
    }

    /** The address pool holding {@code address}, or null. */
    public Pool6 poolOf(Ipv6Address address) {
        for (Pool6 p : pools) {
            if (p.contains(address)) {
                return p;
            }
        }
        return null;
    }

    /** The prefix delegation pool holding {@code prefix}, or null. */
    public PdPool6 pdPoolOf(Ipv6Address prefix) {
        for (PdPool6 p : pdPools) {
            if (p.contains(prefix)) {
                return p;
            }
        }
        return null;
    }
}
