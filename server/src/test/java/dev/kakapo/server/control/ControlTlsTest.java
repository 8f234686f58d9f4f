package dev.kakapo.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.ddns.tls.PemFiles;
import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.ControlSettings;
import dev.kakapo.server.config.KeaConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control API over HTTPS on loopback, with certificates made by openssl for the test. */
class ControlTlsTest {
    @TempDir
    static Path dir;

    private static void openssl(String... args) throws Exception {
        Process p = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of("openssl"), java.util.Arrays.stream(args)).toList())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), () -> "openssl " + String.join(" ", args) + ":\n" + out);
    }

    /** A test authority, and a server and a client certificate it signed (EC keys, PKCS#8 PEM). */
    @BeforeAll
    static void certificates() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-days", "2", "-subj", "/CN=Kakapo test CA");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        for (String who : List.of("server", "client")) {
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", who + ".key",
                    "-out", who + ".csr", "-subj", "/CN=" + who);
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", who + ".pem",
                    "-days", "2", "-extfile", "server.ext");
        }
    }

    private static NodeControl start(boolean certRequired) throws IOException {
        ControlSettings settings = ControlSettings.loopback(0).withTls(new ControlSettings.Tls(dir.resolve("ca.pem"),
                dir.resolve("server.pem"), dir.resolve("server.key"), certRequired));
        return NodeControl.startProcess(settings, new ControlApi.Process("kakapo test", Instant.now(), () -> { }));
    }

    private static JsonNode versionGet(SSLContext tls, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"version-get\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = new ObjectMapper().readTree(r.body());
        return answer.isArray() ? answer.get(0) : answer;
    }

    @Test
    void httpsAnswersAClientWithItsCertificate() throws Exception {
        try (NodeControl control = start(true)) {
            SSLContext client = PemFiles.context(dir.resolve("client.pem"), dir.resolve("client.key"), dir.resolve("ca.pem"));
            JsonNode answer = versionGet(client, control.port());
            assertEquals(0, answer.get("result").asInt(), answer::toString);
            assertEquals("kakapo test", answer.get("text").asText());
        }
    }

    @Test
    void aClientWithoutCertificateIsRefusedWhenOneIsRequired() throws Exception {
        SSLContext anonymous = PemFiles.context(null, null, dir.resolve("ca.pem"));
        try (NodeControl control = start(true)) {
            assertThrows(IOException.class, () -> versionGet(anonymous, control.port()));
        }
        try (NodeControl control = start(false)) {
            assertEquals(0, versionGet(anonymous, control.port()).get("result").asInt());
        }
    }

    @Test
    void keaTlsKeysOnAControlSocketAreRead() throws Exception {
        String config = """
                { "Dhcp4": { "control-sockets": [ { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": 0,
                    "trust-anchor": "ca.pem", "cert-file": "server.pem", "key-file": "server.key", "cert-required": false } ] } }""";
        ControlSettings control = KeaConfig.parse(config, dir, KeaConfig.Families.DHCP4).control();
        assertNotNull(control.tls());
        assertEquals(dir.resolve("server.key"), control.tls().keyFile());
        assertEquals(false, control.tls().certRequired());
        ConfigException missing = assertThrows(ConfigException.class, () -> KeaConfig.parse("""
                { "Dhcp4": { "control-sockets": [ { "socket-type": "https", "cert-file": "server.pem", "key-file": "server.key" } ] } }""",
                dir, KeaConfig.Families.DHCP4));
        assertTrue(missing.getMessage().contains("trust-anchor"), missing.getMessage());
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("bad.key"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        IOException e = assertThrows(IOException.class, () -> PemFiles.privateKey(dir.resolve("bad.key")));
        assertTrue(e.getMessage().contains("bad.key"), e.getMessage());
    }
}
