package dev.kakapo.server.config;

import dev.kakapo.ddns.tls.DdnsTls;
import dev.kakapo.protocol.dns.DomainName;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * How a DHCP server takes part in dynamic DNS: Kea 1.1's {@code dhcp-ddns} object merged with
 * today's Kea's global {@code ddns-*} keys, plus where the ddns-workers are. Immutable.
 *
 * @param enableUpdates        {@code dhcp-ddns/enable-updates}: whether NameChangeRequests are sent at all
 * @param sendUpdates          {@code ddns-send-updates} (today's Kea, default true)
 * @param qualifyingSuffix     completes partial names; {@link DomainName#ROOT} when there is none
 *                             (a partial name is then made absolute as it is)
 * @param generatedPrefix      the first part of a name made from the leased address ({@code myhost})
 * @param replaceClientName    when the server puts its own name in place of the client's
 * @param overrideNoUpdate     update DNS even when the client's N flag asks for no updates
 * @param overrideClientUpdate do the forward update even when the client's S flag says it does it
 * @param updateOnRenew        {@code ddns-update-on-renew}: send requests on every renewal, not only on changes
 * @param alwaysIncludeFqdn    {@code always-include-fqdn} (Kea 1.1)
 * @param serverIp             {@code server-ip}, where Kea's D2 listened
 * @param serverPort           {@code server-port}
 * @param senderIp             {@code sender-ip}, the local address requests are sent from
 * @param senderPort           {@code sender-port}, 0 for any
 * @param maxQueueSize         {@code max-queue-size}: requests held while no worker answers
 * @param ncrProtocol          {@code ncr-protocol} as written; requests travel by gRPC either way
 * @param workers              the ddns-workers to send to: {@code Kakapo/ddns-workers}, or else
 *                             {@code server-ip:server-port}
 * @param tls                  {@code Kakapo/ddns-tls}: TLS to the workers, or null for plaintext
 */
public record DdnsSettings(boolean enableUpdates, boolean sendUpdates, DomainName qualifyingSuffix,
                           String generatedPrefix, ReplaceClientName replaceClientName, boolean overrideNoUpdate,
                           boolean overrideClientUpdate, boolean updateOnRenew, boolean alwaysIncludeFqdn,
                           InetAddress serverIp, int serverPort, InetAddress senderIp, int senderPort,
                           long maxQueueSize, NcrProtocol ncrProtocol, List<DdnsWorker> workers,
                           DdnsTls tls) {

    public static final String DEFAULT_GENERATED_PREFIX = "myhost";
    public static final int DEFAULT_SERVER_PORT = 53001;
    public static final long DEFAULT_MAX_QUEUE_SIZE = 1024;

    /** Kea's {@code replace-client-name} modes, with their configuration names. */
    public enum ReplaceClientName {
        /** Use the client's name; generate one only when the client sends an empty name. */
        NEVER("never"),
        /** Always generate a name, even for a client that sent no name option. */
        ALWAYS("always"),
        /** Generate a name in place of the one a client sent; nothing for a client that sent none. */
        WHEN_PRESENT("when-present"),
        /** Use the client's name; generate one for a client that sent no name option. */
        WHEN_NOT_PRESENT("when-not-present");

        private final String keaName;

        ReplaceClientName(String keaName) {
            this.keaName = keaName;
        }

        public String keaName() {
            return keaName;
        }

        /** The mode named {@code name} (any case), or null. */
        static ReplaceClientName byKeaName(String name) {
            for (ReplaceClientName mode : values()) {
                if (mode.keaName.equals(name.toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
            return null;
        }
    }

    /** Kea's NCR transports; Kakapo accepts both names and sends over gRPC. */
    public enum NcrProtocol { UDP, TCP }

    /** No {@code dhcp-ddns} and no {@code ddns-*} keys: Kea's defaults, no updates. */
    public static final DdnsSettings DISABLED = new DdnsSettings(false, true, DomainName.ROOT, DEFAULT_GENERATED_PREFIX,
            ReplaceClientName.NEVER, false, false, false, false, loopback(), DEFAULT_SERVER_PORT, anyIpv4(), 0,
            DEFAULT_MAX_QUEUE_SIZE, NcrProtocol.UDP, List.of(new DdnsWorker("127.0.0.1", DEFAULT_SERVER_PORT)));

    public DdnsSettings {
        workers = List.copyOf(workers);
        if (qualifyingSuffix == null || generatedPrefix == null || replaceClientName == null || serverIp == null
                || senderIp == null || ncrProtocol == null) {
            throw new IllegalArgumentException("every DDNS setting needs a value");
        }
    }

    /** Settings sending in plaintext (no {@code Kakapo/ddns-tls}). */
    public DdnsSettings(boolean enableUpdates, boolean sendUpdates, DomainName qualifyingSuffix, String generatedPrefix,
                        ReplaceClientName replaceClientName, boolean overrideNoUpdate, boolean overrideClientUpdate,
                        boolean updateOnRenew, boolean alwaysIncludeFqdn, InetAddress serverIp, int serverPort,
                        InetAddress senderIp, int senderPort, long maxQueueSize, NcrProtocol ncrProtocol,
                        List<DdnsWorker> workers) {
        this(enableUpdates, sendUpdates, qualifyingSuffix, generatedPrefix, replaceClientName, overrideNoUpdate,
                overrideClientUpdate, updateOnRenew, alwaysIncludeFqdn, serverIp, serverPort, senderIp, senderPort,
                maxQueueSize, ncrProtocol, workers, null);
    }

    /** Whether the server sends NameChangeRequests: {@code enable-updates} and {@code ddns-send-updates}. */
    public boolean updatesEnabled() {
        return enableUpdates && sendUpdates;
    }

    private static InetAddress loopback() {
        return address(new byte[] {127, 0, 0, 1});
    }

    private static InetAddress anyIpv4() {
        return address(new byte[4]);
    }

    /** An address from its bytes; no name lookup happens. */
    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address is 4 or 16 bytes, not " + bytes.length, e);
        }
    }
}
