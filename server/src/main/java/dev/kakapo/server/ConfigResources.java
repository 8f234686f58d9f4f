package dev.kakapo.server;

import dev.kakapo.server.config.DdnsSettings;
import dev.kakapo.server.config.HostDatabase;
import dev.kakapo.server.ddns.DnsUpdates;
import dev.kakapo.server.hosts.HostSources;
import java.io.IOException;
import java.util.List;

/**
 * What a running configuration opens for itself and a replacement may share: its host databases
 * and its DNS update sender. One family's server keeps a set per configuration it answers with.
 */
public record ConfigResources(HostSources hosts, DnsUpdates dns) {

    /**
     * The set a replacement configuration needs: this one's host databases and DNS sender where
     * their settings are unchanged, new ones where they changed. Opened ones are closed again if a
     * later one fails to open.
     */
    public ConfigResources forNext(List<HostDatabase> nowDatabases, List<HostDatabase> nextDatabases,
                                   DdnsSettings nowDdns, DdnsSettings nextDdns) throws IOException {
        HostSources nextHosts = nowDatabases.equals(nextDatabases) ? hosts : HostSources.open(nextDatabases);
        try {
            return new ConfigResources(nextHosts, nowDdns.equals(nextDdns) ? dns : DnsUpdates.start(nextDdns));
        } catch (RuntimeException | IOException e) {
            if (nextHosts != hosts) {
                nextHosts.close();
            }
            throw e;
        }
    }

    /** Closes what this set opened that {@code kept} does not share. */
    public void closeUnsharedWith(ConfigResources kept) {
        if (dns != kept.dns()) {
            dns.close();
        }
        if (hosts != kept.hosts()) {
            hosts.close();
        }
    }
}
