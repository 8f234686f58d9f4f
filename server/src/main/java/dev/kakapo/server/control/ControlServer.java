package dev.kakapo.server.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.kakapo.ddns.tls.PemFiles;
import dev.kakapo.server.config.ControlSettings;
import dev.kakapo.server.metrics.PrometheusMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The control API and metrics of a process over HTTP (the JDK's server): {@code POST /} takes a
 * command in Kea's format and answers it; {@code GET /metrics} is the Prometheus scrape. With
 * users configured every request needs HTTP basic authentication; a refused request is counted
 * ({@code kakapo_control_authentication_failures_total}) and logged (the 1st, 2nd, 4th, 8th...,
 * so a password-guessing flood cannot flood the log). With Kea's TLS keys it is HTTPS, optionally
 * refusing clients without a certificate from the trust anchor ({@code cert-required}).
 * {@code GET /livez} and {@code GET /readyz} answer without credentials, as Kubernetes' probes
 * carry none: they say only whether the process answers and whether it can do its work.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.kakapo.server.control");
    /** A request body larger than this is refused (a config-test of a large file still fits). */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final ExecutorService threads;
    private final ControlApi api;
    private final PrometheusMetrics metrics;
    private final ControlSettings settings;
    private final Readiness readiness;
    private final AtomicLong authenticationFailures = new AtomicLong();

    private ControlServer(HttpServer http, ExecutorService threads, ControlApi api, PrometheusMetrics metrics,
                          ControlSettings settings, Readiness readiness) {
        this.http = http;
        this.threads = threads;
        this.api = api;
        this.metrics = metrics;
        this.settings = settings;
        this.readiness = readiness;
    }

    public static ControlServer start(ControlSettings settings, ControlApi api, PrometheusMetrics metrics, Readiness readiness)
            throws IOException {
        HttpServer http = create(settings);
        // Two threads: a long lease listing does not hold up a scrape.
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "kakapo-control");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        ControlServer server = new ControlServer(http, threads, api, metrics, settings, readiness);
        http.createContext("/", server::handle);
        http.start();
        LOG.log(Level.INFO, "event=control-listening address={0} port={1} authentication={2} tls={3} from={4}",
                settings.address(), String.valueOf(server.port()), settings.authenticated() ? "basic" : "none",
                settings.tls() == null ? "off" : settings.tls().certRequired() ? "client-cert-required" : "on", settings.source());
        return server;
    }

    /** Plain HTTP, or HTTPS with the TLS files; a required client certificate is checked in the handshake. */
    private static HttpServer create(ControlSettings settings) throws IOException {
        InetSocketAddress address = new InetSocketAddress(settings.address(), settings.port());
        ControlSettings.Tls tls = settings.tls();
        if (tls == null) {
            return HttpServer.create(address, 16);
        }
        SSLContext context = PemFiles.context(tls.certFile(), tls.keyFile(), tls.trustAnchor());
        HttpsServer https = HttpsServer.create(address, 16);
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                if (tls.certRequired()) {
                    ssl.setNeedClientAuth(true);
                } else {
                    ssl.setWantClientAuth(true);
                }
                params.setSSLParameters(ssl);
            }
        });
        return https;
    }

    /** The port listened on (the one chosen when the settings asked for 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Requests refused for missing or wrong credentials since start. */
    public long authenticationFailures() {
        return authenticationFailures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (probe(exchange)) {
                return;
            }
            if (!authorized(exchange)) {
                long n = authenticationFailures.incrementAndGet();
                metrics.authenticationFailed();
                if (Long.bitCount(n) == 1) {
                    LOG.log(Level.WARNING, "event=control-authentication-failed from={0} count={1}",
                            exchange.getRemoteAddress().getAddress().getHostAddress(), n);
                }
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + settings.realm() + "\"");
                reply(exchange, 401, "application/json", "{\"result\": 1, \"text\": \"Unauthorized\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/metrics") && method.equals("GET")) {
                reply(exchange, 200, PrometheusMetrics.CONTENT_TYPE, metrics.scrape());
            } else if (path.equals("/") && method.equals("POST")) {
                command(exchange);
            } else if (path.equals("/") || path.equals("/metrics")) {
                exchange.getResponseHeaders().set("Allow", path.equals("/") ? "POST" : "GET");
                reply(exchange, 405, "application/json", "{\"result\": 1, \"text\": \"use POST / for commands, GET /metrics for metrics\"}");
            } else {
                reply(exchange, 404, "application/json",
                        "{\"result\": 1, \"text\": \"not found: POST /, GET /metrics, GET /livez or GET /readyz\"}");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=control-request-failed error=\"{0}\"", e.toString());
        }
    }

    /** Answers {@code GET /livez} and {@code GET /readyz}; false for any other request. */
    private boolean probe(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            return false;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/livez")) {
            reply(exchange, 200, "text/plain; charset=utf-8", "live\n");
            return true;
        }
        if (path.equals("/readyz")) {
            Optional<String> notReady = readiness.notReadyBecause();
            if (notReady.isEmpty()) {
                reply(exchange, 200, "text/plain; charset=utf-8", "ready\n");
            } else {
                reply(exchange, 503, "text/plain; charset=utf-8", "not ready: " + notReady.get() + "\n");
            }
            return true;
        }
        return false;
    }

    private void command(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            metrics.malformedRequest();
            reply(exchange, 413, "application/json", answer(Answer.error("request larger than " + MAX_BODY_BYTES + " bytes").toJson()));
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            metrics.malformedRequest();
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            reply(exchange, 400, "application/json", answer(Answer.error("the request is not JSON: " + reason).toJson()));
            return;
        }
        if (request == null || !request.isObject() || !request.path("command").isTextual()) {
            metrics.malformedRequest();
            reply(exchange, 400, "application/json", answer(api.handle(request)));
            return;
        }
        reply(exchange, 200, "application/json", answer(api.handle(request)));
    }

    private static String answer(JsonNode json) throws JsonProcessingException {
        return JSON.writeValueAsString(json);
    }

    private boolean authorized(HttpExchange exchange) {
        if (!settings.authenticated()) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean ok = false;
        for (ControlSettings.User u : settings.users()) {
            byte[] expected = (u.name() + ":" + u.password()).getBytes(StandardCharsets.UTF_8);
            // Every user is compared, each in constant time, so timing tells nothing.
            ok |= MessageDigest.isEqual(expected, given);
        }
        return ok;
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
