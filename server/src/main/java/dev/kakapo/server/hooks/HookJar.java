package dev.kakapo.server.hooks;

import dev.kakapo.hooks.Callout;
import dev.kakapo.hooks.CalloutArguments;
import dev.kakapo.hooks.CalloutRegistry;
import dev.kakapo.hooks.HookLibrary;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.hooks.HookParameters;
import dev.kakapo.hooks.HookPoint;
import dev.kakapo.server.config.HookJarConfig;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A hook library loaded from its jar: a class loader of its own (parent: the server's, which
 * supplies the hook API), the one {@link HookLibrary} service the jar itself declares, loaded with
 * its parameters, and the callouts it registered.
 */
public final class HookJar implements AutoCloseable {
    private final HookJarConfig config;
    private final URLClassLoader loader;
    private final HookLibrary library;
    private final Map<HookPoint, List<Callout<?>>> callouts;

    private HookJar(HookJarConfig config, URLClassLoader loader, HookLibrary library,
                    Map<HookPoint, List<Callout<?>>> callouts) {
        this.config = config;
        this.loader = loader;
        this.library = library;
        this.callouts = callouts;
    }

    /**
     * Loads the jar {@code config} names. Refuses (with the reason an operator needs) a missing or
     * unreadable jar, a jar declaring no {@link HookLibrary} or several, a library that cannot be
     * made or refuses its parameters, and a registration at the wrong argument type.
     */
    public static HookJar load(HookJarConfig config) throws HookLoadException {
        if (!Files.isRegularFile(config.jar()) || !Files.isReadable(config.jar())) {
            throw new HookLoadException("hook library " + config.jar() + " does not exist or cannot be read");
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("hook:" + config.name(), new URL[] {config.jar().toUri().toURL()},
                    HookJar.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new HookLoadException("hook library path " + config.jar() + " is not a file name: " + e.getMessage());
        }
        try {
            HookLibrary library = theService(config, loader);
            Map<HookPoint, List<Callout<?>>> callouts = new EnumMap<>(HookPoint.class);
            CalloutRegistry registry = new CalloutRegistry() {
                @Override
                public <A extends CalloutArguments> void register(HookPoint point, Class<A> arguments, Callout<A> callout) {
                    if (point.argumentType() != arguments) {
                        throw new IllegalArgumentException("callouts at " + point + " take " + point.argumentType().getSimpleName()
                                + ", not " + arguments.getSimpleName());
                    }
                    callouts.computeIfAbsent(point, p -> new ArrayList<>()).add(callout);
                }
            };
            try {
                library.load(new HookParameters(config.parameters(), config.baseDirectory()), registry);
            } catch (RuntimeException | LinkageError e) {
                // a library's own mistake (e.g. an unknown hook point name) is a refusal, not a crash
                throw new HookLoadException("hook library " + config.name() + " failed to load: " + e, null, e);
            }
            callouts.replaceAll((p, list) -> List.copyOf(list));
            return new HookJar(config, loader, library, callouts);
        } catch (HookLoadException | RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    private static HookLibrary theService(HookJarConfig config, URLClassLoader loader) throws HookLoadException {
        List<ServiceLoader.Provider<HookLibrary>> own = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<HookLibrary> p : ServiceLoader.load(HookLibrary.class, loader).stream().toList()) {
                // the parent's services are visible through the loader too: only the jar's own count
                if (p.type().getClassLoader() == loader) {
                    own.add(p);
                }
            }
        } catch (java.util.ServiceConfigurationError e) {
            throw new HookLoadException("hook library " + config.name() + " declares a service that cannot be loaded: "
                    + e.getMessage(), null, e);
        }
        if (own.isEmpty()) {
            throw new HookLoadException("hook library " + config.name() + " declares no " + HookLibrary.class.getName()
                    + " service (expected a META-INF/services/" + HookLibrary.class.getName() + " entry)");
        }
        if (own.size() > 1) {
            throw new HookLoadException("hook library " + config.name() + " declares " + own.size() + " "
                    + HookLibrary.class.getSimpleName() + " services (expected one)");
        }
        try {
            return own.get(0).get();
        } catch (java.util.ServiceConfigurationError e) {
            throw new HookLoadException("hook library " + config.name() + " cannot be made: " + e.getMessage(), null, e);
        }
    }

    /** The jar's file name: what logs and counters call the library. */
    public String name() {
        return config.name();
    }

    public HookJarConfig config() {
        return config;
    }

    /** The callouts registered at {@code point}, in registration order. */
    List<Callout<?>> callouts(HookPoint point) {
        return callouts.getOrDefault(point, List.of());
    }

    /** Unloads the library and closes its class loader; a failing unload is logged, not thrown. */
    @Override
    public void close() {
        try {
            library.unload();
        } catch (RuntimeException | LinkageError e) {
            System.getLogger("dev.kakapo.server.hooks").log(System.Logger.Level.WARNING,
                    "event=hook-unload-failed library={0} error=\"{1}\"", name(), e.toString());
        } finally {
            closeQuietly(loader);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // nothing is written through a class loader; the jar's file handle goes with the process
        }
    }
}
