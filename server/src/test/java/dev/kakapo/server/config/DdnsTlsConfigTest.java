package dev.kakapo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kakapo.ddns.tls.DdnsTls;
import dev.kakapo.ddns.tls.TestAuthority;
import dev.kakapo.server.cli.Kakapo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Kakapo/ddns-tls} as a DHCP server and as a ddns-worker read it: files resolved, read and checked. */
class DdnsTlsConfigTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        TestAuthority ca = TestAuthority.create(dir, "ca");
        ca.issue("worker", "DNS:ddns-worker.example.net");
        ca.issue("node");
        Files.writeString(dir.resolve("not-a-cert.pem"), "hello\n");
    }

    private static String server(String ddnsTls) {
        return """
                { "Dhcp4": { "dhcp-ddns": { "enable-updates": true } },
                  "Kakapo": { "ddns-workers": [ "ddns-worker.example.net:53001" ], "ddns-tls": %s } }""".formatted(ddnsTls);
    }

    private static ConfigException serverRejects(String ddnsTls) {
        return assertThrows(ConfigException.class, () -> KeaConfig.parse(server(ddnsTls), dir));
    }

    private static Path workerFile(String ddnsTls) throws Exception {
        Path file = dir.resolve("worker.json");
        Files.writeString(file, """
                { "DhcpDdns": { "ip-address": "127.0.0.1", "port": 53001,
                                "forward-ddns": { "ddns-domains": [] }, "reverse-ddns": { "ddns-domains": [] } },
                  "Kakapo": { "ddns-tls": %s } }""".formatted(ddnsTls));
        return file;
    }

    @Test
    void aServerReadsRelativeFilesAgainstTheConfigurationsFolder() throws Exception {
        KeaConfig config = KeaConfig.parse(server("""
                { "trust-anchor": "ca.pem", "cert-file": "node.pem", "key-file": "node.key" }"""), dir);
        DdnsTls tls = config.dhcp4().ddns().tls();
        assertEquals(new DdnsTls(dir.resolve("ca.pem"), dir.resolve("node.pem"), dir.resolve("node.key"), true), tls);
        assertEquals(tls, config.kakapo().ddnsTls());
        DdnsTls verifyOnly = KeaConfig.parse(server("{ \"trust-anchor\": \"ca.pem\" }"), dir).dhcp4().ddns().tls();
        assertNull(verifyOnly.certFile(), "no client certificate: TLS without mutual authentication");
        assertNull(KeaConfig.parse("""
                { "Dhcp4": { "dhcp-ddns": { "enable-updates": true } },
                  "Kakapo": { "ddns-workers": [ "ddns-worker.example.net:53001" ] } }""", dir).dhcp4().ddns().tls(),
                "no ddns-tls: plaintext");
    }

    @Test
    void aServerNeedsATrustAnchor() {
        ConfigException e = serverRejects("{ \"cert-file\": \"node.pem\", \"key-file\": \"node.key\" }");
        assertEquals("Kakapo/ddns-tls", e.path());
        assertTrue(e.getMessage().contains("trust-anchor"), e.getMessage());
    }

    @Test
    void aMissingUnreadableOrMismatchedFileIsNamedByItsKey() {
        ConfigException missing = serverRejects("{ \"trust-anchor\": \"ca.pem\", \"cert-file\": \"nowhere.pem\", \"key-file\": \"node.key\" }");
        assertEquals("Kakapo/ddns-tls/cert-file", missing.path());
        assertTrue(missing.getMessage().contains("nowhere.pem"), missing.getMessage());

        ConfigException garbage = serverRejects("{ \"trust-anchor\": \"not-a-cert.pem\" }");
        assertEquals("Kakapo/ddns-tls/trust-anchor", garbage.path());

        ConfigException notAKey = serverRejects("{ \"trust-anchor\": \"ca.pem\", \"cert-file\": \"node.pem\", \"key-file\": \"node.pem\" }");
        assertEquals("Kakapo/ddns-tls/key-file", notAKey.path());

        ConfigException mismatched = serverRejects("{ \"trust-anchor\": \"ca.pem\", \"cert-file\": \"node.pem\", \"key-file\": \"worker.key\" }");
        assertEquals("Kakapo/ddns-tls/key-file", mismatched.path());
        assertTrue(mismatched.getMessage().contains("not the one of the certificate"), mismatched.getMessage());
    }

    @Test
    void keysAreCheckedByName() {
        ConfigException unknown = serverRejects("{ \"trust-anchor\": \"ca.pem\", \"ca-file\": \"ca.pem\" }");
        assertEquals("Kakapo/ddns-tls/ca-file", unknown.path());
        ConfigException alone = serverRejects("{ \"trust-anchor\": \"ca.pem\", \"cert-file\": \"node.pem\" }");
        assertTrue(alone.getMessage().contains("key-file"), alone.getMessage());
        ConfigException notABool = serverRejects("{ \"trust-anchor\": \"ca.pem\", \"cert-required\": \"yes\" }");
        assertEquals("Kakapo/ddns-tls/cert-required", notABool.path());
    }

    @Test
    void aWorkerNeedsItsCertificateAndATrustAnchorWhenClientsMustHaveOne() throws Exception {
        DdnsTls tls = KeaConfig.ddnsWorkerTls(workerFile("""
                { "trust-anchor": "ca.pem", "cert-file": "worker.pem", "key-file": "worker.key" }"""));
        assertEquals(new DdnsTls(dir.resolve("ca.pem"), dir.resolve("worker.pem"), dir.resolve("worker.key"), true), tls);

        ConfigException noCert = assertThrows(ConfigException.class,
                () -> KeaConfig.ddnsWorkerTls(workerFile("{ \"trust-anchor\": \"ca.pem\" }")));
        assertTrue(noCert.getMessage().contains("cert-file"), noCert.getMessage());
        ConfigException noAnchor = assertThrows(ConfigException.class,
                () -> KeaConfig.ddnsWorkerTls(workerFile("{ \"cert-file\": \"worker.pem\", \"key-file\": \"worker.key\" }")));
        assertTrue(noAnchor.getMessage().contains("cert-required"), noAnchor.getMessage());
        DdnsTls anyClient = KeaConfig.ddnsWorkerTls(workerFile("""
                { "cert-file": "worker.pem", "key-file": "worker.key", "cert-required": false }"""));
        assertNull(anyClient.trustAnchor());
    }

    @Test
    void theWorkersCheckRunReadsTheTlsFiles() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path good = workerFile("{ \"trust-anchor\": \"ca.pem\", \"cert-file\": \"worker.pem\", \"key-file\": \"worker.key\" }");
        assertEquals(0, Kakapo.run(new String[] {"ddns-worker", "-t", good.toString()}, new PrintStream(out), new PrintStream(err)),
                err::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("over TLS"), out::toString);

        Path mismatched = workerFile("{ \"trust-anchor\": \"ca.pem\", \"cert-file\": \"worker.pem\", \"key-file\": \"node.key\" }");
        assertEquals(1, Kakapo.run(new String[] {"ddns-worker", "-t", mismatched.toString()}, new PrintStream(out),
                new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Kakapo/ddns-tls/key-file"), err::toString);
    }
}
