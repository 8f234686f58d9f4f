package dev.kakapo.server.config;

import dev.kakapo.coordinator.lease.Octets;

/**
 * Kea's {@code server-id}: how the DHCPv6 server DUID is made.
 *
 * @param type         LLT, EN or LL (UUID is accepted too)
 * @param identifier   link-layer address (LLT, LL), identifier (EN) or UUID bytes; empty = take one from an interface
 * @param htype        hardware type for LLT/LL (1 = Ethernet)
 * @param time         LLT time field; 0 = now when first generated
 * @param enterpriseId EN enterprise number
 * @param persist      keep the DUID in a file beside the lease file and reuse it at start-up
 */
public record ServerIdConfig(Type type, Octets identifier, int htype, long time, long enterpriseId, boolean persist) {

    public enum Type { LLT, EN, LL, UUID }
}
