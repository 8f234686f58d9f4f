package dev.kakapo.ddns.config;

import java.util.Arrays;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * One {@code tsig-keys} entry: the key that signs updates to the domains naming it.
 *
 * <p>{@code digestBits} (0 = full MAC) is checked by Kea's rules and kept, but updates are
 * signed with the full MAC: a server configured for a truncated MAC accepts a longer one
 * (RFC 8945 section 5.2.2.1), and responses carrying a truncated MAC are verified.
 */
public record TsigKey(Name name, TsigAlgorithm algorithm, byte[] secret, int digestBits) {
    public TsigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        secret = secret.clone();
        if (!name.isAbsolute()) {
            throw new IllegalArgumentException("key name must be absolute: " + name);
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("empty secret for key " + name);
        }
        algorithm.digestBitsProblem(digestBits).ifPresent(p -> {
            throw new IllegalArgumentException("digest-bits " + p);
        });
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** The dnsjava signer for this key. */
    public TSIG signer() {
        return new TSIG(algorithm.wireName(), name, secret);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsigKey k && name.equals(k.name) && algorithm == k.algorithm
                && Arrays.equals(secret, k.secret) && digestBits == k.digestBits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, algorithm, Arrays.hashCode(secret), digestBits);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "TsigKey[" + name + " " + algorithm.configName() + (digestBits == 0 ? "" : "/" + digestBits) + "]";
    }
}
