package dev.kakapo.server.config;

import java.util.List;

/**
 * One {@code subnet4} entry, with global defaults applied.
 *
 * @param prefixAddress   network address (unsigned 32-bit value in an int)
 * @param renewTimer      T1 seconds, or -1 when not configured (then option 58 is not sent)
 * @param rebindTimer     T2 seconds, or -1 when not configured (then option 59 is not sent)
 * @param authoritative   NAK (rather than ignore) an INIT-REBOOT client the server has no lease for
 * @param nextServer      siaddr for replies, 0 when unset
 * @param interfaceName   {@code interface}, or null
 * @param relayAddresses  giaddr values from {@code relay.ip-address} / {@code relay.ip-addresses}
 * @param dhcp4o6         how DHCPv4-over-DHCPv6 clients are placed in it ({@link Subnet4o6#NONE}: they are not)
 */
public record Subnet4(int id, int prefixAddress, int prefixLength, List<Pool4> pools, long validLifetime,
                      long renewTimer, long rebindTimer, boolean matchClientId, boolean authoritative, int nextServer,
                      String interfaceName, List<Integer> relayAddresses, List<ConfiguredOption> options,
                      ClassGuard classes, Reservations4 reservations, Subnet4o6 dhcp4o6) {

    public Subnet4 {
        pools = List.copyOf(pools);
        relayAddresses = List.copyOf(relayAddresses);
        options = List.copyOf(options);
    }

    public int netmask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** Whether {@code address} lies inside this subnet's prefix. */
    public boolean contains(int address) {
        return (address & netmask()) == prefixAddress;
    }

    public int broadcastAddress() {
        return prefixAddress | ~netmask();
    }

    /** The pool holding {@code address}, or null. */
    public Pool4 poolOf(int address) {
        for (Pool4 p : pools) {
            if (p.contains(address)) {
                return p;
            }
        }
        return null;
    }
}
