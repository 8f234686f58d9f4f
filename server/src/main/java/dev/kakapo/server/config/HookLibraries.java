package dev.kakapo.server.config;

import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.eval.ExpressionException;
import dev.kakapo.protocol.eval.OptionNames;
import dev.kakapo.protocol.eval.Universe;
import dev.kakapo.protocol.option.OptionCatalog;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kakapo.hooks.HookLoadException;
import dev.kakapo.server.hooks.HookJar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hooks-libraries} entries: Java hook libraries (a {@code library} path ending in
 * {@code .jar}, see {@link HookJarConfig}), and Kea hook libraries whose work Kakapo does itself:
 * the SQL backends (today's Kea loads them as libraries; Kakapo has them built in) and flex_id (the
 * flexible identifier a {@code flex-id} reservation names). A built-in's folder does not matter.
 */
final class HookLibraries {
    private HookLibraries() {
    }

    enum BuiltIn { FLEX_ID, PGSQL, MYSQL }

    static final String BUILT_IN_NAMES = "libdhcp_flex_id.so, libdhcp_pgsql.so, libdhcp_mysql.so";

    /** Whether a {@code library} path names a Java hook library. */
    static boolean isJar(String library) {
        return library.endsWith(".jar");
    }

    /** The keys of an entry only a Java hook library takes: Kakapo's containment of its callouts. */
    static final String CALLOUT_TIMEOUT = "callout-timeout-ms";
    static final String ON_FAILURE = "on-failure";
    /** The longest budget a callout may be given: a client waits a few seconds at most for an answer. */
    private static final long MAX_CALLOUT_TIMEOUT_MILLIS = 10_000;

    /**
     * The Java hook libraries of the list, in order, each loaded once and unloaded again so a
     * configuration check reports a missing jar, a jar without a hook library service and a
     * library refusing its parameters, at the entry's key.
     */
    static List<HookJarConfig> jars(ConfigNode hooks, Path baseDir) throws ConfigException {
        List<HookJarConfig> jars = new ArrayList<>();
        for (ConfigNode entry : hooks.isMissing() ? List.<ConfigNode>of() : hooks.elements()) {
            ConfigNode library = entry.get("library");
            if (!isJar(library.text())) {
                for (String key : List.of(CALLOUT_TIMEOUT, ON_FAILURE)) {
                    if (entry.has(key)) {
                        throw entry.get(key).error("'" + key + "' applies to Java hook libraries (a .jar) only");
                    }
                }
                continue;
            }
            Path jar = library.file(baseDir);
            ConfigNode parameters = entry.get("parameters");
            ObjectNode json = parameters.isMissing() ? JsonNodeFactory.instance.objectNode()
                    : (ObjectNode) parameters.object().json();
            long timeout = entry.get(CALLOUT_TIMEOUT).isMissing() ? HookJarConfig.DEFAULT_CALLOUT_TIMEOUT_MILLIS
                    : entry.get(CALLOUT_TIMEOUT).uint(MAX_CALLOUT_TIMEOUT_MILLIS);
            if (timeout == 0) {
                throw entry.get(CALLOUT_TIMEOUT).error("'" + CALLOUT_TIMEOUT + "' must be at least 1 (milliseconds)");
            }
            String onFailure = entry.text(ON_FAILURE, "continue");
            if (!onFailure.equals("drop") && !onFailure.equals("continue")) {
                throw entry.get(ON_FAILURE).error("unknown '" + ON_FAILURE + "' value '" + onFailure
                        + "' (expected \"drop\" or \"continue\")");
            }
            HookJarConfig config = new HookJarConfig(entry.path(), jar, json, baseDir, timeout, onFailure.equals("drop"));
            check(config, library, parameters);
            jars.add(config);
        }
        return jars;
    }

    /** Loads and unloads the library: the error names the parameter the library refused, else the library. */
    private static void check(HookJarConfig config, ConfigNode library, ConfigNode parameters) throws ConfigException {
        try {
            HookJar.load(config).close();
        } catch (HookLoadException e) {
            ConfigNode at = e.parameter() != null && !parameters.isMissing() ? parameters.get(e.parameter())
                    : e.parameter() != null ? parameters : library;
            throw at.error(e.getMessage());
        }
    }

    /** The built-in library a {@code library} path names, or null. */
    static BuiltIn builtIn(String library) {
        String file = library.substring(library.lastIndexOf('/') + 1);
        return switch (file) {
            case "libdhcp_flex_id.so" -> BuiltIn.FLEX_ID;
            case "libdhcp_pgsql.so" -> BuiltIn.PGSQL;
            case "libdhcp_mysql.so" -> BuiltIn.MYSQL;
            default -> null;
        };
    }

    /**
     * Reads the list (the key check let only built-in libraries through) and returns flex_id's
     * {@code identifier-expression} compiled, or null when flex_id is not loaded.
     */
    static Expression flexId(ConfigNode hooks, DhcpFamily family, OptionCatalog catalog, List<String> notes)
            throws ConfigException {
        Expression flexId = null;
        for (ConfigNode entry : hooks.isMissing() ? List.<ConfigNode>of() : hooks.elements()) {
            entry.object();
            ConfigNode library = entry.get("library");
            if (library.isMissing()) {
                throw library.error("missing mandatory 'library' (expected the path of a hook library)");
            }
            ConfigNode parameters = entry.get("parameters");
            if (!parameters.isMissing()) {
                parameters.object();
            }
            if (isJar(library.text())) {
                continue; // read by jars()
            }
            switch (builtIn(library.text())) {
                case PGSQL, MYSQL -> notes.add(library.path() + ": " + library.text()
                        + " is built into Kakapo; nothing is loaded");
                case FLEX_ID -> {
                    if (flexId != null) {
                        throw library.error("flex_id is loaded twice (expected one entry)");
                    }
                    flexId = flexIdExpression(parameters, family, catalog);
                }
            }
        }
        return flexId;
    }

    private static Expression flexIdExpression(ConfigNode parameters, DhcpFamily family, OptionCatalog catalog)
            throws ConfigException {
        ConfigNode text = parameters.get("identifier-expression");
        if (text.isMissing()) {
            throw text.error("flex_id needs 'identifier-expression': what the flexible identifier is"
                    + " (e.g. \"relay4[2].hex\")");
        }
        for (java.util.Map.Entry<String, ConfigNode> parameter : parameters.fields()) {
            switch (parameter.getKey()) {
                case "identifier-expression", "comment" -> { }
                case "replace-client-id", "ignore-iaid" -> {
                    if (parameter.getValue().bool()) {
                        throw parameter.getValue().error("flex_id's '" + parameter.getKey()
                                + "' is not supported yet (expected false)");
                    }
                }
                default -> throw parameter.getValue().error("unknown flex_id parameter '" + parameter.getKey()
                        + "' (expected identifier-expression, replace-client-id or ignore-iaid)");
            }
        }
        try {
            return Expression.compileValue(text.text(), family == DhcpFamily.DHCP4 ? Universe.DHCP4 : Universe.DHCP6,
                    OptionNames.of(catalog));
        } catch (ExpressionException e) {
            throw text.error("flex_id: cannot read identifier-expression [" + text.text() + "] at column "
                    + e.column() + ": " + e.reason());
        }
    }
}
