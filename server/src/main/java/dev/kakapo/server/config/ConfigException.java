package dev.kakapo.server.config;

/**
 * A configuration that cannot be used. The message always starts with the JSON path of the
 * offending key, e.g. {@code Dhcp4/subnet4[0]/pools[1]/pool: ...}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String path;

    public ConfigException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The JSON path of the key at fault, like {@code Dhcp4/subnet4[0]/valid-lifetime}. */
    public String path() {
        return path;
    }
}
