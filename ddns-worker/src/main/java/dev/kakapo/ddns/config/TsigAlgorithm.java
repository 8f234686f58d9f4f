package dev.kakapo.ddns.config;

import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/** The HMAC algorithms a {@code tsig-keys} entry may name, with Kea's digest-bits floors. */
public enum TsigAlgorithm {
    HMAC_MD5("HMAC-MD5", TSIG.HMAC_MD5, 128, 80),
    HMAC_SHA1("HMAC-SHA1", TSIG.HMAC_SHA1, 160, 80),
    HMAC_SHA224("HMAC-SHA224", TSIG.HMAC_SHA224, 224, 112),
    HMAC_SHA256("HMAC-SHA256", TSIG.HMAC_SHA256, 256, 128),
    HMAC_SHA384("HMAC-SHA384", TSIG.HMAC_SHA384, 384, 192),
    HMAC_SHA512("HMAC-SHA512", TSIG.HMAC_SHA512, 512, 256);

    private final String configName;
    private final Name wireName;
    private final int fullBits;
    private final int minimumTruncatedBits;

    TsigAlgorithm(String configName, Name wireName, int fullBits, int minimumTruncatedBits) {
        this.configName = configName;
        this.wireName = wireName;
        this.fullBits = fullBits;
        this.minimumTruncatedBits = minimumTruncatedBits;
    }

    /** The algorithm a configuration names, matched case-insensitively ("hmac-sha256"). */
    public static Optional<TsigAlgorithm> fromConfigName(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (TsigAlgorithm a : values()) {
            if (a.configName.equals(upper)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** How Kea's configuration spells it, e.g. {@code HMAC-SHA256}. */
    public String configName() {
        return configName;
    }

    /** The algorithm's name in a TSIG record (RFC 8945), e.g. {@code hmac-sha256.}. */
    public Name wireName() {
        return wireName;
    }

    /** The length of the untruncated MAC in bits. */
    public int fullBits() {
        return fullBits;
    }

    /**
     * Why {@code digestBits} is not allowed for this algorithm, or empty when it is. Kea's rules:
     * 0 means the full MAC; otherwise a multiple of 8, at least 80, at least half the hash for
     * SHA-224 and longer (112/128/192/256), and never longer than the MAC itself.
     */
    public Optional<String> digestBitsProblem(int digestBits) {
        if (digestBits == 0) {
            return Optional.empty();
        }
        if (digestBits < 0) {
            return Optional.of("must not be negative, got " + digestBits);
        }
        if (digestBits % 8 != 0) {
            return Optional.of("must be a multiple of 8, got " + digestBits);
        }
        if (digestBits < 80) {
            return Optional.of("must be at least 80, got " + digestBits);
        }
        if (digestBits < minimumTruncatedBits) {
            return Optional.of("must be at least " + minimumTruncatedBits + " for " + configName + ", got " + digestBits);
        }
        if (digestBits > fullBits) {
            return Optional.of("must not exceed the " + fullBits + " bits of " + configName + ", got " + digestBits);
        }
        return Optional.empty();
    }
}
