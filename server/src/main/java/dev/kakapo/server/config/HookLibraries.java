package dev.kakapo.server.config;

import dev.kakapo.protocol.eval.Expression;
import dev.kakapo.protocol.eval.ExpressionException;
import dev.kakapo.protocol.eval.OptionNames;
import dev.kakapo.protocol.eval.Universe;
import dev.kakapo.protocol.option.OptionCatalog;
import java.util.List;

/**
 * {@code hooks-libraries} entries naming Kea hook libraries whose work Kakapo does itself: the
 * SQL backends (today's Kea loads them as libraries; Kakapo has them built in) and flex_id (the
 * flexible identifier a {@code flex-id} reservation names). The library's folder does not matter.
 */
final class HookLibraries {
    private HookLibraries() {
    }

    enum BuiltIn { FLEX_ID, PGSQL, MYSQL }

    static final String BUILT_IN_NAMES = "libdhcp_flex_id.so, libdhcp_pgsql.so, libdhcp_mysql.so";

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
