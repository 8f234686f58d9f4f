package dev.kakapo.ddns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class TsigAlgorithmTest {

    @Test
    void configNamesMatchCaseInsensitively() {
        assertEquals(Optional.of(TsigAlgorithm.HMAC_SHA224), TsigAlgorithm.fromConfigName("hmac-sha224"));
        assertEquals(Optional.of(TsigAlgorithm.HMAC_MD5), TsigAlgorithm.fromConfigName("HMAC-md5"));
        assertEquals(Optional.empty(), TsigAlgorithm.fromConfigName("HMAC_SHA256"));
        assertEquals(Optional.empty(), TsigAlgorithm.fromConfigName("hmac-sha256."));
    }

    @Test
    void wireNamesAreTheRfc8945Names() throws Exception {
        assertEquals(Name.fromString("hmac-sha256."), TsigAlgorithm.HMAC_SHA256.wireName());
        assertEquals(Name.fromString("HMAC-MD5.SIG-ALG.REG.INT."), TsigAlgorithm.HMAC_MD5.wireName());
    }

    @ParameterizedTest(name = "{0} digest-bits {1} -> {2}")
    @CsvSource({
        "HMAC-MD5, 0, ok", "HMAC-MD5, 80, ok", "HMAC-MD5, 128, ok", "HMAC-MD5, 72, at least 80",
        "HMAC-MD5, 81, multiple of 8", "HMAC-MD5, 136, must not exceed", "HMAC-SHA1, 80, ok", "HMAC-SHA1, 160, ok",
        "HMAC-SHA224, 104, at least 112", "HMAC-SHA224, 112, ok", "HMAC-SHA256, 120, at least 128",
        "HMAC-SHA256, 128, ok", "HMAC-SHA384, 184, at least 192", "HMAC-SHA384, 192, ok",
        "HMAC-SHA512, 248, at least 256", "HMAC-SHA512, 256, ok", "HMAC-SHA512, 512, ok", "HMAC-SHA1, -8, negative",
    })
    void digestBitsFollowKeaRules(String algorithm, int bits, String expected) {
        Optional<String> problem = TsigAlgorithm.fromConfigName(algorithm).orElseThrow().digestBitsProblem(bits);
        if (expected.equals("ok")) {
            assertEquals(Optional.empty(), problem);
        } else {
            assertTrue(problem.orElseThrow().contains(expected), problem.get());
        }
    }

    @Test
    void aKeyRefusesDigestBitsItsAlgorithmForbids() throws Exception {
        Name name = Name.fromString("k.");
        assertThrows(IllegalArgumentException.class, () -> new TsigKey(name, TsigAlgorithm.HMAC_SHA384, new byte[] {1}, 128));
        assertEquals(192, new TsigKey(name, TsigAlgorithm.HMAC_SHA384, new byte[] {1}, 192).digestBits());
    }

    @Test
    void aKeyNeverPrintsItsSecret() throws Exception {
        TsigKey key = new TsigKey(Name.fromString("k."), TsigAlgorithm.HMAC_SHA1, "s3cr3t-bytes".getBytes(), 0);
        assertTrue(!key.toString().contains("s3cr3t"), key.toString());
    }
}
