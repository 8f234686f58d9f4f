package dev.kakapo.server.config;

/**
 * Where a ddns-worker takes NameChangeRequests: an IP address, or a DNS name every address of
 * which is a worker (a Kubernetes headless service, say), and a port.
 *
 * @param host an IPv4 address, an IPv6 address (without brackets) or a DNS name
 */
public record DdnsWorker(String host, int port) {

    public DdnsWorker {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a ddns-worker needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(port + " is not a port (expected 1..65535)");
        }
    }

    /** {@code host:port}, an IPv6 address in brackets: {@code [2001:db8::5]:53001}. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
