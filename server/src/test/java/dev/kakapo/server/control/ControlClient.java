package dev.kakapo.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends Kea commands to a control endpoint on loopback and scrapes its /metrics, as an operator's tools would. */
final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String authorization;

    /** @param authorization the Authorization header to send, or null for none */
    ControlClient(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    ControlClient(int port) {
        this(port, null);
    }

    /** POSTs {@code body} with the given Authorization header (null for none). */
    HttpResponse<String> post(String body, String withAuthorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (withAuthorization != null) {
            b.header("Authorization", withAuthorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer to a command, which must come with HTTP 200. */
    JsonNode command(String json) throws Exception {
        HttpResponse<String> r = post(json, authorization);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** The /metrics page as text. */
    HttpResponse<String> metrics() throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
