package dev.kakapo.ddns.config;

/**
 * A {@code DhcpDdns} configuration that cannot be used. The message always starts with the JSON
 * path of the key at fault, e.g. {@code DhcpDdns/forward-ddns/ddns-domains[0]/key-name: ...}.
 */
public final class DhcpDdnsConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String path;

    public DhcpDdnsConfigException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The JSON path of the key at fault, like {@code DhcpDdns/tsig-keys[1]/digest-bits}. */
    public String path() {
        return path;
    }
}
