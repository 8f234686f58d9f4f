package dev.kakapo.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.hooks.HookLibrary;
import dev.kakapo.protocol.v4.Message4;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Hook jars for the tests, made from src/test/hook-sources with the JDK's compiler: their classes
 * must not be on the test class path, or the server's class loader (the jar loader's parent)
 * would load them instead of the jar, as it never does for a real hook library.
 */
public final class TestHookJars {
    private static final Path OUT = Path.of("target", "test-hook-jars");
    private static Path probe;
    private static Path withoutService;

    private TestHookJars() {
    }

    /** The jar of dev.kakapo.testhooks.PointProbe, declared as the jar's HookLibrary service. */
    public static synchronized Path probe() throws IOException {
        if (probe == null) {
            Path classes = compile();
            probe = jar(classes, "point-probe.jar", true);
            withoutService = jar(classes, "no-service.jar", false);
        }
        return probe;
    }

    /** The same classes without the service declaration. */
    public static synchronized Path withoutService() throws IOException {
        probe();
        return withoutService;
    }

    private static Path compile() throws IOException {
        Path classes = OUT.resolve("classes");
        Files.createDirectories(classes);
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "hook-sources"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String classPath = String.join(java.io.File.pathSeparator, location(HookLibrary.class), location(Message4.class),
                location(JsonNode.class), location(com.fasterxml.jackson.core.JsonParser.class));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "--release", "17"));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IOException("the test hook sources do not compile: " + sources);
        }
        return classes;
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path jar(Path classes, String name, boolean withService) throws IOException {
        Path jar = OUT.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            if (withService) {
                out.putNextEntry(new JarEntry("META-INF/services/" + HookLibrary.class.getName()));
                OutputStream o = out;
                o.write("dev.kakapo.testhooks.PointProbe\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
