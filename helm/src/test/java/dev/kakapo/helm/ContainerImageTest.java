package dev.kakapo.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * Builds Kakapo's container image with {@code bin/build-image} (buildah, no daemon) and checks it
 * as a runtime would use it: the image configuration a pod inherits (entrypoint, user, ports,
 * working directory, environment), the launcher run inside the image as its own user checking the
 * chart's rendered configurations mounted where the chart mounts them, and the site's
 * configuration served from the image to a load generator on loopback.
 *
 * <p>Needs root and buildah with debootstrap ({@code apt-get install buildah debootstrap}); the e2e
 * run provides both. A pod's own network namespace and privileged ports are beyond buildah's chroot.
 */
@Tag("e2e")
class ContainerImageTest {

    /** The tests run in helm/; the image is built from the repository root above it. */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String CONFIG_IN_IMAGE = "/etc/kakapo/kakapo.json";
    private static final String LAUNCHER = "/opt/kakapo/bin/kakapo";
    /** The first build makes the Debian base with debootstrap; a generous bound against a hang. */
    private static final long BUILD_MINUTES = 30;
    private static final long RUN_MINUTES = 5;

    @TempDir
    static Path work;

    private static String version;
    private static String image;
    private static JsonNode imageConfig;
    /** One working container for the class; each run gets its own mounts. */
    private static String container;

    @BeforeAll
    static void buildImage() throws Exception {
        assertTrue(onPath("buildah"),
                "buildah is not installed; the e2e run needs it: apt-get install buildah debootstrap");
        version = projectVersion();
        image = "kakapo:" + version;

        Path log = Path.of("target", "build-image.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Ran build = run(REPOSITORY, BUILD_MINUTES, log, REPOSITORY.resolve("bin/build-image").toString());
        String buildLog = Files.readString(log);
        assertEquals(0, build.exitCode(),
                () -> "bin/build-image failed (full log: " + log + "):\n" + lastLines(buildLog, 40));
        assertTrue(buildLog.contains("image:   " + image), () -> "no summary naming " + image + ":\n" + lastLines(buildLog, 10));

        Ran inspect = buildah("inspect", "--type", "image", image);
        assertEquals(0, inspect.exitCode(), inspect::stderr);
        imageConfig = new ObjectMapper().readTree(inspect.stdout()).path("OCIv1").path("config");
        assertTrue(imageConfig.isObject(), () -> "no OCI config in buildah inspect:\n" + inspect.stdout());

        Ran from = buildah("from", "--pull-never", image);
        assertEquals(0, from.exitCode(), from::stderr);
        container = from.stdout().strip();
    }

    @AfterAll
    static void removeContainer() throws Exception {
        if (container != null) {
            Ran rm = buildah("rm", container);
            assertEquals(0, rm.exitCode(), () -> "working container " + container + " left behind: " + rm.stderr());
        }
    }

    @Test
    void entrypointIsTheLauncherAndTheDefaultCommandServesTheMountedConfiguration() {
        assertEquals(List.of(LAUNCHER), strings(imageConfig.path("Entrypoint")));
        assertEquals(List.of("server", "-c", CONFIG_IN_IMAGE), strings(imageConfig.path("Cmd")));
    }

    @Test
    void runsAsTheKakapoUserInItsStateDirectory() {
        String user = imageConfig.path("User").asText();
        assertTrue(user.equals("10001:10001") || user.equals("10001"), () -> "User is '" + user + "'");
        assertEquals("/var/lib/kakapo", imageConfig.path("WorkingDir").asText());
    }

    @Test
    void exposesDhcpControlCoordinatorAndDdnsWorkerPorts() {
        Set<String> ports = new TreeSet<>();
        imageConfig.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertEquals(new TreeSet<>(Set.of("67/udp", "547/udp", "8000/tcp", "5701/tcp", "53001/tcp")), ports);
    }

    @Test
    void environmentPointsTheLauncherAtTheInstalledJars() {
        List<String> env = strings(imageConfig.path("Env"));
        assertTrue(env.contains("KAKAPO_JAR=/opt/kakapo/lib/kakapo.jar"), env::toString);
        assertTrue(env.contains("KAKAPO_PERF_JAR=/opt/kakapo/lib/kakapo-perf.jar"), env::toString);
        assertTrue(env.contains("KAKAPO_JAVA_OPTS=-XX:MaxRAMPercentage=70"), env::toString);
    }

    @Test
    void labelsCarryTheProjectVersion() {
        JsonNode labels = imageConfig.path("Labels");
        assertEquals("Kakapo", labels.path("org.opencontainers.image.title").asText());
        assertEquals(version, labels.path("org.opencontainers.image.version").asText());
    }

    @Test
    void processRunsAsUid10001AndCannotChangeItsOwnCode() throws Exception {
        Ran id = inImage(List.of(), "id", "-u");
        assertEquals(0, id.exitCode(), id::stderr);
        assertEquals("10001", id.stdout().strip());

        Ran writeJar = inImage(List.of(), "test", "-w", "/opt/kakapo/lib/kakapo.jar");
        assertEquals(1, writeJar.exitCode(), "the service user can write its own jar");
        Ran writeState = inImage(List.of(), "test", "-w", "/var/lib/kakapo");
        assertEquals(0, writeState.exitCode(), "the service user cannot write its state directory");
    }

    @Test
    void launcherOnPathPrintsTheProjectVersion() throws Exception {
        Ran v = inImage(List.of(), "kakapo", "-v");
        assertEquals(0, v.exitCode(), v::stderr);
        assertEquals("kakapo " + version, v.stdout().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"site.yaml", "cluster-postgresql.yaml", "cluster-cassandra.yaml"})
    void theChartsRenderedConfigurationIsUsableInTheImage(String values) throws Exception {
        PodFiles pod = PodFiles.asMounted(Files.createDirectories(work.resolve(values)), RenderedChart.render(values, Map.of()));
        Ran check = inImage(podMounts(pod), LAUNCHER, "server", "-t", CONFIG_IN_IMAGE);
        assertEquals(0, check.exitCode(), () -> check.stdout() + check.stderr());
        assertTrue(check.stdout().contains("configuration " + CONFIG_IN_IMAGE + " is usable"), check::stdout);
        if (Files.readString(pod.config).contains("\"DhcpDdns\"")) {
            Ran worker = inImage(podMounts(pod), LAUNCHER, "ddns-worker", "-t", CONFIG_IN_IMAGE);
            assertEquals(0, worker.exitCode(), () -> worker.stdout() + worker.stderr());
        }
    }

    /**
     * The image serving the chart's site configuration as the site's pod does (the lease file in
     * /var/lib/kakapo, the user from its Secret), on loopback: a port above 1023 (a pod gets 67
     * through its sysctl; buildah's chroot shares the host's network) and a relay at 127.0.0.2.
     * Clients get leases, the control API lists them, and after SIGTERM the lease file holds them.
     */
    @Test
    void theSiteConfigurationServesLeasesFromTheImage() throws Exception {
        int dhcpPort = freeUdpPort();
        int controlPort = freeTcpPort();
        Path dir = Files.createDirectories(work.resolve("serving"));
        PodFiles pod = PodFiles.asMounted(dir, RenderedChart.render("site.yaml", Map.of(
                "dhcp6", "null",
                "server.interfaces[0]", "lo/127.0.0.1",
                "dhcp4.subnet4[0].relay.ip-addresses[0]", "127.0.0.2",
                "control.port", controlPort)));
        Path leases = Files.createDirectories(dir.resolve("leases"));
        run(dir, 1, null, "chown", "10001:10001", leases.toString());
        List<String> mounts = new ArrayList<>(podMounts(pod));
        mounts.add(leases + ":/var/lib/kakapo");
        Path log = dir.resolve("server.log");
        Process server = startInImage(mounts, log, LAUNCHER, "server", "-c", CONFIG_IN_IMAGE, "-p", Integer.toString(dhcpPort));
        try {
            HttpClient http = HttpClient.newHttpClient();
            String ready = awaitReady(http, controlPort, server, log);
            assertEquals("ready", ready);

            Ran perf = run(REPOSITORY, RUN_MINUTES, null, REPOSITORY.resolve("bin/kakapo").toString(), "perf", "-4",
                    "-l", "127.0.0.2", "-L", Integer.toString(dhcpPort), "-N", Integer.toString(dhcpPort),
                    "-R", "20", "-n", "40", "-p", "30", "127.0.0.1");
            assertEquals(0, perf.exitCode(), () -> "every exchange completes:\n" + perf.stdout() + perf.stderr());

            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((PodFiles.USER + ":" + PodFiles.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"lease4-get-all\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode(), listed::body);
            JsonNode granted = new ObjectMapper().readTree(listed.body()).path("arguments").path("leases");
            assertTrue(granted.size() >= 1 && granted.size() <= 20, listed::body);
            Set<String> addresses = new TreeSet<>();
            granted.forEach(l -> addresses.add(l.path("ip-address").asText()));
            addresses.forEach(a -> assertTrue(a.startsWith("192.0.2.") && Integer.parseInt(a.substring(8)) >= 100, a));

            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops on SIGTERM");
            String file = Files.readString(leases.resolve("kakapo-leases4.csv"));
            addresses.forEach(a -> assertTrue(file.contains(a + ","), () -> a + " is in the lease file on the volume:\n" + file));
        } finally {
            stop(server);
        }
    }

    private static List<String> podMounts(PodFiles pod) {
        return List.of(pod.config.getParent() + ":/etc/kakapo:ro", pod.secrets + ":" + PodFiles.SECRETS_IN_POD + ":ro");
    }

    @Test
    void brokenConfigurationIsRefusedNamingTheKey() throws Exception {
        Path config = Files.writeString(Files.createDirectories(work.resolve("broken")).resolve("kakapo.json"),
                "{ \"Dhcp4\": { \"valid-lifetime\": \"a day\" } }");
        Ran check = inImage(List.of(mount(config)), LAUNCHER, "dhcp4", "-t", CONFIG_IN_IMAGE);
        assertEquals(1, check.exitCode(), () -> check.stdout() + check.stderr());
        assertTrue(check.stderr().contains("is not usable: Dhcp4/valid-lifetime"), check::stderr);
    }

    // --- running things ---

    /** A finished process: its exit code and what it printed. */
    record Ran(int exitCode, String stdout, String stderr) {}

    /** The body of /readyz once it answers 200, failing if the server exits or 90 s pass first. */
    private static String awaitReady(HttpClient http, int port, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("the server exited (" + server.exitValue() + "):\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body().strip();
                }
            } catch (IOException notListeningYet) {
                // the JVM is still starting
            }
            Thread.sleep(250);
        }
        return fail("not ready within 90 s:\n" + Files.readString(log));
    }

    /** {@code command} started inside the working container, its output going to {@code log}. */
    private static Process startInImage(List<String> mounts, Path log, String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of("buildah", "--storage-driver", "vfs"));
        args.addAll(runArguments(mounts, command));
        return new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** buildah's arguments to run {@code command} in the working container with {@code mounts}. */
    private static List<String> runArguments(List<String> mounts, String... command) {
        assertNotNull(container, "no working container");
        List<String> args = new ArrayList<>(List.of("run", "--isolation", "chroot"));
        for (String m : mounts) {
            args.add("-v");
            args.add(m);
        }
        args.add(container);
        args.add("--");
        args.addAll(List.of(command));
        return args;
    }

    /** SIGTERM to the process and everything it started (buildah and the JVM inside), then SIGKILL. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            p.onExit().completeOnTimeout(p, 30, TimeUnit.SECONDS).join();
            p.destroyForcibly();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String mount(Path hostFile) {
        return hostFile.toAbsolutePath() + ":" + CONFIG_IN_IMAGE + ":ro";
    }

    /** {@code command} inside the working container, as the image's user, with read-only mounts. */
    private static Ran inImage(List<String> mounts, String... command) throws Exception {
        return buildah(runArguments(mounts, command).toArray(String[]::new));
    }

    /** buildah with the storage driver bin/build-image uses, so both see the same images. */
    private static Ran buildah(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("buildah", "--storage-driver", "vfs"));
        command.addAll(List.of(args));
        return run(REPOSITORY, RUN_MINUTES, null, command.toArray(String[]::new));
    }

    /** Runs {@code command} in {@code dir}; with a {@code log}, stdout and stderr both go there. */
    private static Ran run(Path dir, long minutes, Path log, String... command) throws Exception {
        Path out = log != null ? log : Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile());
        if (log != null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(err.toFile());
        }
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " did not finish within " + minutes + " minutes");
        }
        return new Ran(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    /** The version in the root pom.xml: the one bin/build-image tags and labels the image with. */
    private static String projectVersion() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(REPOSITORY.resolve("pom.xml").toFile()).getDocumentElement();
        for (var n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("version")) {
                return e.getTextContent().strip();
            }
        }
        throw new IllegalStateException("no <version> in " + REPOSITORY.resolve("pom.xml"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
