package dev.kakapo.server.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * A {@code hooks-libraries} entry naming a Java hook library (a jar), with Kakapo's containment
 * settings for its callouts.
 *
 * @param key              where the entry is in the file, e.g. {@code Dhcp4/hooks-libraries[0]}
 * @param jar              the jar, resolved against the configuration file's folder
 * @param parameters       the entry's {@code parameters} (empty when none)
 * @param baseDirectory    the configuration file's folder (relative file names in parameters resolve against it)
 * @param calloutTimeoutMillis {@code callout-timeout-ms}: how long one callout may run
 * @param dropOnFailure    {@code on-failure}: {@code "drop"} (true) drops the packet when a callout
 *                         throws or runs too long, {@code "continue"} serves it as if the callout
 *                         had returned CONTINUE
 */
public record HookJarConfig(String key, Path jar, ObjectNode parameters, Path baseDirectory, long calloutTimeoutMillis,
                            boolean dropOnFailure) {

    /** Long enough for a callout that reads a file or asks a nearby service; short enough that a client is not lost. */
    public static final long DEFAULT_CALLOUT_TIMEOUT_MILLIS = 250;

    public HookJarConfig {
        parameters = parameters.deepCopy();
    }

    /** The jar's file name: how logs and counters name the library. */
    public String name() {
        return jar.getFileName().toString();
    }
}
